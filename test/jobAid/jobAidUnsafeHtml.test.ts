/**
 * Regression (issue 10): author HTML in job-aid.md could redirect the online copy
 * (<meta http-equiv=refresh>) and restyle the printed one (<style> with its own @page size and
 * footer, `.risk { display: none }`, a style="" that covers the page). fixtures/invalid/
 * job-aid-html-unsafe carries all of them; `tandem check` reports them (test/fixtures.test.ts),
 * and these tests build the job aid anyway to show the renderers never ship them: the online copy
 * served over HTTP has no refresh and shows the risk; the PDF keeps its paper size, its footer and
 * its risk box; the print copy carries its Content-Security-Policy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browserPool/findBrowser.js';
import { launchBrowser } from '../../src/browserPool/launchBrowser.js';
import { PagePool } from '../../src/browserPool/pagePool.js';
import { renderJobAid } from '../../src/compile/jobAid/renderJobAid.js';
import { SharedResources } from '../../src/compile/sharedResources.js';
import { loadCourse } from '../../src/course/loadCourse.js';
import { buildDespiteErrors } from '../support/buildDespiteErrors.js';
import { compact, readPdf, type ReadPdf } from './support.js';

const FIXTURE = path.resolve('fixtures/invalid/job-aid-html-unsafe');
const FOOTER = compact('OBJ-SUP-CALLBACK-LOG · v1.0.0');
const RISK = compact('The risk this prevents:');

let browser: Browser;
let pool: PagePool;
let server: Server;
let origin: string;
const requested: string[] = [];
let online: Uint8Array;
let a4: ReadPdf;

beforeAll(async () => {
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error(`These tests need Chrome or Chromium; looked in ${found.tried.join(', ')}`);
  browser = await launchBrowser(found.path);
  pool = new PagePool(browser, 1);
  const html = await buildDespiteErrors(FIXTURE, 'job-aid-html');
  online = html.get('job-aids/first-unit.html')!;
  const pdfs = await buildDespiteErrors(FIXTURE, 'job-aid-pdf', pool);
  a4 = await readPdf(pdfs.get('job-aids/first-unit-a4.pdf')!);
  // Plays the job-aid host; the refresh in the fixture points at phished.html on the same host.
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url === '/first-unit.html') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(online);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await pool?.close();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a job aid with a refresh, author styles and script in its Markdown', () => {
  it('online: no refresh, no author style, the risk shown, the steps kept', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/first-unit.html`, { waitUntil: 'load' });
      const seen = await page.evaluate(() => ({
        refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
        // Author content lives in <main>; the page's own settings and script follow it.
        authorStyleOrScript: document.querySelectorAll('main style, main [style], main script, main link').length,
        riskShown: getComputedStyle(document.querySelector('.risk')!).display !== 'none',
        note: document.querySelector('.watch-outs')!.textContent!.includes('Nothing to watch out for.'),
        steps: document.querySelectorAll('.step-list > li').length,
        title: document.title,
      }));
      expect(seen).toEqual({ refresh: 0, authorStyleOrScript: 0, riskShown: true, note: true, steps: 6, title: expect.stringContaining('OBJ-SUP-CALLBACK-LOG') });
      expect(page.url()).toBe(`${origin}/first-unit.html`);
      expect(requested).not.toContain('/phished.html');
    } finally {
      await page.close();
    }
  });

  it('printed: the paper size, the footer and the risk box are the build\'s, not the author\'s', () => {
    expect(a4.pages.length).toBeGreaterThan(0);
    a4.pages.forEach((page, i) => {
      // A4 in points; the author's @page asked for A3 (842 × 1191).
      expect(page.width).toBeCloseTo(595.3, 0);
      expect(page.height).toBeCloseTo(841.9, 0);
      expect(page.compact).toContain(FOOTER);
      expect(page.compact).toContain(compact(`Page ${i + 1} of ${a4.pages.length}`));
      expect(page.compact).not.toContain(compact('approved by legal'));
    });
    expect(a4.pages.map((p) => p.compact).join('')).toContain(RISK);
  });

  it('the print copy carries a policy that allows no script and no network', async () => {
    const { course } = await loadCourse(FIXTURE);
    const shared = new SharedResources();
    try {
      const html = await renderJobAid(course!.units[0]!, { course: course!, shared, sourceDateEpoch: 315532800, buildId: 't', buildIdFor: () => 't' }, { paper: 'a4' });
      // Handlebars escapes the quotes of the attribute value.
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replaceAll('&#x27;', "'");
      expect(policy?.split('; ')).toEqual(
        expect.arrayContaining(["default-src 'none'", "script-src 'none'", "base-uri 'none'", "form-action 'none'", 'img-src data:', 'font-src data:']),
      );
      expect(html).not.toMatch(/<meta http-equiv="refresh"|<script>document|approved by legal/);
    } finally {
      await shared.disposeAll();
    }
  });
});

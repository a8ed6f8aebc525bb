/**
 * The HTML job aids in a real headless Chromium (one browser for the file): zero axe-core
 * violations, no CSP errors, and the online copy, served from 127.0.0.1 next to a statement relay,
 * records exactly one valid xAPI statement carrying the objective, while other copies record none.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browserPool/findBrowser.js';
import { launchBrowser } from '../../src/browserPool/launchBrowser.js';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { ACTIVITY_TYPES, jobAidIri, objectiveIri } from '../../src/xapi/activityIris.js';
import { sampleCopy } from './support.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const xapiValidation = require('@learninglocker/xapi-validation') as { default: (statement: unknown) => unknown[] };
const BASE_IRI = 'https://learn.acme.example/xapi';

interface Received {
  statement: Record<string, any>;
  headers: IncomingMessage['headers'];
}

let browser: Browser;
let server: Server;
let origin: string;
const received: Received[] = [];
const files = new Map<string, Uint8Array>();
let course: { dir: string; remove: () => void };

beforeAll(async () => {
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error(`These tests need Chrome or Chromium; looked in ${found.tried.join(', ')}`);
  browser = await launchBrowser(found.path);

  // One server plays the job-aid host (GET /frontline/…) and the statement relay (POST /relay).
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/relay') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ statement: JSON.parse(body), headers: request.headers });
        response.writeHead(204).end();
      });
      return;
    }
    const file = files.get(`job-aids${url.pathname.replace(/^\/frontline/, '')}`);
    if (request.method === 'GET' && file) response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(file);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  course = sampleCopy(
    (config) => config.replace(/^job_aid_url:.*$/m, `job_aid_url: ${origin}/frontline`) + `job_aids:\n  relay_url: ${origin}/relay\n`,
  );
  const sink = new MemorySink();
  const result = await build({ courseDir: course.dir, targets: ['job-aid-html'], sink, manifest: false });
  expect(result.diagnostics).toEqual([]);
  for (const [name, bytes] of sink.files) files.set(name, bytes);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  course?.remove();
});

/** Opens a page, collecting console errors (a CSP violation is one). */
async function open(url: string, viewport = { width: 390, height: 844 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.setViewport(viewport);
  await page.goto(url, { waitUntil: 'networkidle0' });
  return { page, errors };
}

/**
 * Waits for the page's own signal that it is done talking: no request in flight for 200 ms
 * (Chromium's network-idle event), so a late or duplicate statement would have been counted.
 */
const settle = (page: Page) => page.waitForNetworkIdle({ idleTime: 200, timeout: 10_000 });

describe('HTML job aids in Chromium', () => {
  it('have zero axe-core violations, on a phone and on a desktop screen', async () => {
    // Control: axe does report what it should, so an empty list below means something.
    const control = await browser.newPage();
    await control.setContent('<!doctype html><title>x</title><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
    await control.evaluate(AXE_SOURCE);
    const found = await control.evaluate(async () => ((await (window as any).axe.run(document)).violations as { id: string }[]).map((v) => v.id));
    expect(found).toContain('image-alt');
    await control.close();

    for (const name of [...files.keys()].sort()) {
      for (const viewport of [
        { width: 390, height: 844 },
        { width: 1280, height: 900 },
      ]) {
        const { page, errors } = await open(`${origin}/frontline/${name.replace('job-aids/', '')}`, viewport);
        // axe is injected through the DevTools protocol, which the page's CSP does not govern.
        await page.evaluate(AXE_SOURCE);
        const violations = await page.evaluate(async () => {
          const results = await (window as any).axe.run(document, { resultTypes: ['violations'] });
          return results.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations, `${name} at ${viewport.width}px`).toEqual([]);
        expect(errors, name).toEqual([]);
        await page.close();
      }
    }
  }, 60_000);

  it('the online copy records exactly one valid statement that carries the objective, and no credentials', async () => {
    received.length = 0;
    const url = `${origin}/frontline/refund-approval.html?o=OBJ-SUP-REFUND-500&v=1.2.0`;
    const { page, errors } = await open(url);
    await settle(page);
    expect(errors).toEqual([]);
    expect(received).toHaveLength(1);
    const { statement, headers } = received[0]!;

    expect(xapiValidation.default(statement)).toEqual([]);
    expect(statement.object.id).toBe(jobAidIri(BASE_IRI, 'refund-approval'));
    expect(statement.object.definition.type).toBe(ACTIVITY_TYPES.jobAid);
    expect(statement.context.contextActivities.parent).toEqual([
      expect.objectContaining({ id: objectiveIri(BASE_IRI, 'OBJ-SUP-REFUND-500'), definition: expect.objectContaining({ type: 'http://adlnet.gov/expapi/activities/objective' }) }),
    ]);
    expect(statement.context.revision).toBe('1.2.0');
    expect(statement.actor.account.homePage).toBe(origin);
    expect(statement.context.extensions).toEqual({ [`${BASE_IRI}/extensions/printed-version`]: '1.2.0' });
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();

    // The same device opening it again is the same anonymous actor: opens can be told from people.
    await page.reload({ waitUntil: 'networkidle0' });
    await settle(page);
    expect(received).toHaveLength(2);
    expect(received[1]!.statement.actor).toEqual(statement.actor);
    expect(received[1]!.statement.id).not.toBe(statement.id);
    await page.close();
  });

  it('an old printout opens the current version with a notice, and the statement says which version was scanned', async () => {
    received.length = 0;
    const { page } = await open(`${origin}/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=0.9.0`);
    await settle(page);
    const notice = await page.$eval('#version-notice', (n) => ({ hidden: (n as HTMLElement).hidden, text: n.textContent }));
    expect(notice.hidden).toBe(false);
    expect(notice.text).toContain('version 0.9.0');
    expect(notice.text).toContain('version 1.0.0');
    expect(received).toHaveLength(1);
    expect(received[0]!.statement.context.extensions[`${BASE_IRI}/extensions/printed-version`]).toBe('0.9.0');
    await page.close();
  });

  it('a printed QR code (src=qr) records the scanned version and the channel qr; a card link (src=slack) records its channel, never a scan', async () => {
    received.length = 0;
    const key = (name: string) => `${BASE_IRI}/extensions/${name}`;
    const scanned = await open(`${origin}/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=qr`);
    await settle(scanned.page);
    await scanned.page.close();
    const fromSlack = await open(`${origin}/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=slack`);
    await settle(fromSlack.page);
    await fromSlack.page.close();
    const unknown = await open(`${origin}/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=${encodeURIComponent('<b>x</b>')}`);
    await settle(unknown.page);
    await unknown.page.close();
    expect(received.map((r) => r.statement.context.extensions)).toEqual([
      { [key('printed-version')]: '1.0.0', [key('channel')]: 'qr' },
      { [key('channel')]: 'slack' },
      // An unknown tag is not recorded; the version stays a scan, as on copies printed before the tag.
      { [key('printed-version')]: '1.0.0' },
    ]);
    for (const r of received) expect(xapiValidation.default(r.statement)).toEqual([]);
  });

  it('shows ?v= only when it looks like a version: other text is neither shown on the page nor recorded', async () => {
    received.length = 0;
    const text = encodeURIComponent('Call 555-0100 for a refund now');
    const { page } = await open(`${origin}/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=${text}`);
    await settle(page);
    expect(await page.$eval('#version-notice', (n) => (n as HTMLElement).hidden)).toBe(true);
    expect(await page.$eval('body', (b) => b.textContent ?? '')).not.toContain('555-0100');
    expect(received).toHaveLength(1);
    expect(received[0]!.statement.context.extensions?.[`${BASE_IRI}/extensions/printed-version`]).toBeUndefined();
    await page.close();
  });

  it('a copy opened anywhere else (a file share, a package, a mail attachment) records nothing', async () => {
    received.length = 0;
    const page = await browser.newPage();
    await page.setContent(new TextDecoder().decode(files.get('job-aids/discount-approval.html')), { waitUntil: 'load' });
    await settle(page);
    expect(received).toEqual([]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Discounts above 15%: deal desk approval');
    await page.close();
  });
});

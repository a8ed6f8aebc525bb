/**
 * Regression (issue 10, critical): raw HTML in lesson.md ran as script on the LMS's origin. The
 * lesson of fixtures/invalid/lesson-html-unsafe carries every payload of the report (<script>,
 * <img onerror>, <svg><script>, <iframe srcdoc>, <details ontoggle>, <style>, javascript: links,
 * a password form, <base>, <object>, <embed>, <link>, <meta>). `build()` refuses the unit; and
 * should a payload ever reach the renderer, the package built from it anyway runs none of them in
 * real Chromium inside the test LMS, still plays to the end, and its page enforces a
 * Content-Security-Policy that still lets a lesson reach an LRS on another origin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AdmZip from 'adm-zip';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { buildDespiteErrors } from '../support/buildDespiteErrors.js';
import { playThrough, readLesson, tap } from './support/learner.js';
import type { ApiCall } from './support/testLms.js';
import { TestLms } from './support/testLms.js';
import { launchTestBrowser } from '../support/testBrowser.js';

const FIXTURE = path.resolve('fixtures/invalid/lesson-html-unsafe');
const FRESH = { core: { entry: 'ab-initio', credit: 'credit', lesson_mode: 'normal', student_id: 'u-1', student_name: 'Doe, Jane' } };

let browser: Browser;
let lms: TestLms;
/** Stands in for an LRS on another origin (another port): answers CORS preflights and POSTs. */
let lrs: http.Server;
let lrsOrigin: string;
let lessonHtml: string;

beforeAll(async () => {
  const zips = await buildDespiteErrors(FIXTURE, 'scorm12');
  const zip = zips.get('scorm12/first-unit.zip');
  if (!zip) throw new Error(`The scorm12 target built ${[...zips.keys()].join(', ')}, not scorm12/first-unit.zip`);
  lessonHtml = new AdmZip(Buffer.from(zip)).readAsText('units/first-unit/index.html');
  lms = await TestLms.start({ 'first-unit': zip });
  lrs = http.createServer((req, res) => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
    });
    res.end();
  });
  await new Promise<void>((resolve) => lrs.listen(0, '127.0.0.1', resolve));
  lrsOrigin = `http://127.0.0.1:${(lrs.address() as AddressInfo).port}`;
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
  await new Promise((resolve) => lrs?.close(resolve));
});

async function launch(): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push((e as Error).message));
  // In every frame, from its first script on: what the lesson's policy blocked.
  await page.evaluateOnNewDocument(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.goto(lms.url('/lms/host.html'));
  await page.evaluate((c) => (window as any).startLms(c), { cmi: FRESH, url: '/pkg/first-unit/units/first-unit/index.html' });
  const frame = (await (await page.waitForSelector('iframe#sco'))!.contentFrame())!;
  await frame.waitForSelector('[data-screen]');
  // The frame's load event: every image has loaded or failed, so each onerror has had its turn.
  await frame.waitForFunction(() => document.readyState === 'complete');
  return { page, frame, errors };
}

describe('a lesson whose Markdown is full of script payloads', () => {
  it('is not built: build() reports LESSON_HTML_UNSAFE errors and writes no package', async () => {
    const sink = new MemorySink();
    const result = await build({ courseDir: FIXTURE, targets: ['scorm12'], sink, manifest: false });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // The unit's own errors, and its learning path saying why it is not built either.
    expect(new Set(errors.map((d) => d.code))).toEqual(new Set(['LESSON_HTML_UNSAFE', 'PATH_NOT_BUILT']));
    expect([...sink.files.keys()]).toEqual([]);
  });

  it('built anyway, runs none of them in Chromium and still plays to the end', async () => {
    const { page, frame, errors } = await launch();
    // Each payload pushes its name onto top.__pwned. By the
    // frame's load event the scripts, the image error, the frame and the toggle have all had their turn.
    const pwned = () => page.evaluate(() => (window as any).__pwned ?? []);
    expect(await pwned()).toEqual([]);
    // Author <style> would have hidden the navigation.
    expect(await frame.$eval('[data-nav]', (nav) => getComputedStyle(nav).display)).not.toBe('none');
    const lesson = await readLesson(frame);
    const payloadScreen = lesson.screens.findIndex((s) => s.title === 'How to log it');
    expect(payloadScreen).toBeGreaterThan(0);
    await playThrough(page, frame, lesson, { until: payloadScreen });

    // What the learner could click: the raw <a href="javascript:…"> and the Markdown one.
    const links = await frame.$$('.prose a');
    const clicked: string[] = [];
    for (const link of links) {
      const { text, href } = await link.evaluate((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') }));
      if (!/callback policy|escalation rules/.test(text)) continue;
      expect(href).toBeNull();
      await link.click();
      clicked.push(text.replace(/ \(opens in a new tab\)/, ''));
    }
    expect(clicked).toEqual(['callback policy', 'escalation rules']);
    const leftovers = await frame.$$eval(
      // The player wraps images in its own tap-to-enlarge button, marked data-zoom (data-* never passes the allow-list).
      '.prose :is(script, svg, iframe, style, form, input, button:not([data-zoom]), base, object, embed, link, meta), .prose [onerror], .prose [ontoggle], [href^="javascript:" i]',
      (found) => found.map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(leftovers).toEqual([]);
    // The harmless parts of the payload screen stay: the image (without its handler) and the details.
    expect(await frame.$$eval('.prose img[src^="data:image/png"], .prose details > summary', (found) => found.length)).toBe(2);

    await playThrough(page, frame, lesson);
    expect(await frame.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You passed.');
    await tap(frame, '[data-action="finish"]');
    await page.waitForFunction(() => (window as any).lms.calls.some((c: ApiCall) => c.name === 'LMSFinish'));
    const cmi = (await page.evaluate(() => (window as any).lms.cmi())).cmi;
    expect(cmi.core.lesson_status).toBe('passed');

    // Nor later: the clicked links did nothing either.
    expect(await pwned()).toEqual([]);
    expect(errors).toEqual([]);
    // The player, its stylesheet and the lesson's images never ran into the policy.
    expect(await frame.evaluate(() => (window as any).__violations)).toEqual([]);
    await page.close();
  });

  it('enforces its Content-Security-Policy: no inline script, but statements may go to an LRS on another origin', async () => {
    const { page, frame } = await launch();
    const outcome = await frame.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked by ${e.effectiveDirective}`), { once: true });
          document.addEventListener('inline-script-ran', () => resolve('ran'), { once: true });
          const script = document.createElement('script');
          script.textContent = "document.dispatchEvent(new Event('inline-script-ran'))";
          document.body.append(script);
        }),
    );
    expect(outcome).toBe('blocked by script-src-elem');
    const status = await frame.evaluate(
      (url) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }).then((r) => r.status),
      `${lrsOrigin}/xapi/statements`,
    );
    expect(status).toBe(200);
    await page.close();
  });

  it('declares the policy first in <head>, before any stylesheet or script', () => {
    const head = lessonHtml.slice(0, lessonHtml.indexOf('</head>'));
    const csp = head.indexOf('http-equiv="Content-Security-Policy"');
    expect(csp).toBeGreaterThan(0);
    expect(csp).toBeLessThan(head.search(/<link|<script/));
    expect(head).toContain("script-src 'self'; style-src 'self'");
    expect(head).toContain("object-src 'none'; base-uri 'none'; form-action 'none'");
  });
});

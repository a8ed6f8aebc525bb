/**
 * The preview's other ways to play and check: a lesson as cmi5 and as Tin Can against the
 * in-memory LRS, with each statement in the panel checked by the xAPI validator, and the job aid
 * page decoding its own QR code and printing for each paper size.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePreviewSettings, startPreview, type RunningPreview } from '../../src/preview/index.js';
import { launchTestBrowser } from '../support/testBrowser.js';

let browser: Browser;
let running: RunningPreview;
let dir: string;

beforeAll(async () => {
  browser = await launchTestBrowser();
  // One course for the whole file (useTempDirs removes its folders after each test).
  dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-preview-tracking-'));
  cpSync('fixtures/sample-course', dir, { recursive: true });
  const resolved = resolvePreviewSettings({ courseRoot: dir, port: 0 }, {});
  if (!resolved.ok) throw new Error('settings');
  running = await startPreview(resolved.settings, () => {});
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(address: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${running.url}${address}`);
  return page;
}

describe('tandem preview with an LRS', () => {
  it.each(['cmi5', 'xapi'])('plays a lesson as %s and lists its statements, each checked by the xAPI validator', async (adapter) => {
    const page = await open(`/units/refund-approval/?adapter=${adapter}`);
    const frame = (await (await page.waitForSelector('iframe#lesson'))!.contentFrame())!;
    await frame.waitForSelector('html[data-tandem-tracker]', { timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-log] li[data-kind="statement"]')].some((li) => /^initialized /.test(li.textContent!)), { timeout: 20_000 });
    if (adapter === 'cmi5') expect(await page.$eval('[data-log]', (el) => el.textContent)).toMatch(/launched https:\/\/learn\.acme\.example\/xapi\/units\/refund-approval\/lesson/);
    expect(await page.$eval('[data-violation-count]', (el) => el.textContent)).toBe('0');
    expect(Number(await page.$eval('[data-entry-count]', (el) => el.textContent))).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('highlights a statement the validator rejects', async () => {
    const page = await open('/units/refund-approval/?adapter=xapi');
    const frame = (await (await page.waitForSelector('iframe#lesson'))!.contentFrame())!;
    await frame.waitForSelector('html[data-tandem-tracker]', { timeout: 20_000 });
    // The lesson's own credential, used to send what a broken player might.
    const launch = (await (await fetch(`${running.url}/_preview/launch`, { method: 'POST', body: JSON.stringify({ unit: 'refund-approval', adapter: 'xapi' }), headers: { 'content-type': 'application/json' } })).json()) as { url: string };
    const auth = new URL(launch.url, running.url).searchParams.get('auth')!;
    const answer = await fetch(`${running.url}/lrs/statements`, {
      method: 'POST',
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: JSON.stringify({ actor: { mbox: 'not-a-mailto' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://learn.acme.example/x' } }),
    });
    expect(answer.status).toBe(400);
    await page.waitForSelector('[data-log] li.violation', { timeout: 20_000 });
    expect(await page.$eval('[data-log] li.violation .why', (el) => el.textContent)).toMatch(/actor\.mbox/);
    expect(Number(await page.$eval('[data-violation-count]', (el) => el.textContent))).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});

describe('the job aid page', () => {
  it('decodes the QR code as a self-test and prints for each paper size of the course', async () => {
    const page = await open('/units/refund-approval/job-aid');
    await page.waitForSelector('[data-qr-check][data-state]', { timeout: 20_000 });
    expect(await page.$eval('[data-qr-check]', (el) => [el.getAttribute('data-state'), el.textContent])).toEqual([
      'ok',
      'QR code decoded: https://aids.acme.example/frontline/refund-approval.html?o=OBJ-SUP-REFUND-500&v=1.2.0&src=qr',
    ]);
    const papers = await page.$$eval('iframe[data-paper]', (frames) => frames.map((f) => f.getAttribute('data-paper')));
    expect(papers).toEqual(['a4', 'letter', 'pocket']);
    const pdf = await fetch(`${running.url}/job-aid/refund-approval/a4.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }, 120_000);
});

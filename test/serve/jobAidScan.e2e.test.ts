/**
 * The "done when": a job aid opened at its QR address in a real Chromium, served by
 * `tandem serve` (a real process) with a real LRS on loopback behind it; exactly one statement
 * arrives in the LRS, without any credential in the page, and no CSP error.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browserPool/findBrowser.js';
import { launchBrowser } from '../../src/browserPool/launchBrowser.js';
import { readJournalLines } from '../../src/serve/journal/journal.js';
import { objectiveIri } from '../../src/xapi/activityIris.js';
import { runTandem } from '../support/cli.js';
import { startServe, type ServeProcess } from '../support/serveProcess.js';
import { TestLrs } from '../support/testLrs.js';
import { xapiProblems } from '../support/xapiChecks.js';
import { sampleCopy } from '../jobAid/support.js';

let browser: Browser;
let lrs: TestLrs;
let server: ServeProcess;
let origin: string;
let journal: string;
let course: { dir: string; remove: () => void };

/** A port free right now: the job aids' addresses (built into the pages) must name it before the server starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

beforeAll(async () => {
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error(`This test needs Chrome or Chromium; looked in ${found.tried.join(', ')}`);
  lrs = await TestLrs.start();
  const auth = lrs.credential('relay', randomUUID());
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  course = sampleCopy((config) => config.replace(/^job_aid_url:.*$/m, `job_aid_url: ${origin}/frontline`) + `job_aids:\n  relay_url: ${origin}/statements\n`);
  const release = path.join(course.dir, 'release');
  const built = await runTandem(['build', course.dir, '--out', release, '--target', 'job-aid-html', '--quiet']);
  expect(built.code).toBe(0);
  journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
  server = await startServe([course.dir, '--release', release, '--port', String(port), '--journal', journal], { TANDEM_LRS_ENDPOINT: lrs.endpoint, TANDEM_LRS_AUTH: auth });
  expect(server.url).toBe(origin);
  browser = await launchBrowser(found.path);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server?.proc.exitCode === null) {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
  await lrs?.close();
  course?.remove();
});

describe('a job aid scanned in a browser, through tandem serve', () => {
  it('delivers exactly one statement with the objective to the LRS', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    // The QR address: objective, printed version and the channel tag in the query.
    await page.goto(`${origin}/frontline/refund-approval.html?o=OBJ-SUP-REFUND-500&v=1.2.0&src=qr`, { waitUntil: 'networkidle0' });
    const stored = await lrs.waitFor((all) => all.length >= 1, 60_000, 'the job aid statement');
    await page.close();
    expect(errors).toEqual([]);
    expect(stored).toHaveLength(1);
    const [statement] = stored;
    expect(xapiProblems(statement!)).toEqual([]);
    expect(statement!.context.contextActivities.parent[0].id).toBe(objectiveIri('https://learn.acme.example/xapi', 'OBJ-SUP-REFUND-500'));
    expect(statement!.actor.account.homePage).toBe(origin);
    // The relay takes the scan's channel as it takes the printed version: the report counts it as a qr view.
    expect(statement!.context.extensions).toEqual({ 'https://learn.acme.example/xapi/extensions/printed-version': '1.2.0', 'https://learn.acme.example/xapi/extensions/channel': 'qr' });
    // networkidle0 means the page made no request for 500 ms: its one POST is done, and it was one.
    expect(await readJournalLines(journal)).toHaveLength(1);
    expect(server.stderr()).toMatch(/"method":"POST","path":"\/statements","status":200/);
  }, 120_000);
});

/**
 * report.html in a real Chromium: zero axe-core violations (WCAG 2.x A/AA and best practices), no
 * request leaves the page (self-contained, offline), and every chart's SVG is drawn.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';
import { corpusLines } from '../report/corpus.js';
import { launchTestBrowser } from '../support/testBrowser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser: Browser;
let html: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-a11y-'));
  const statements = path.join(dir, 'statements.ndjson');
  await writeFile(statements, corpusLines().join('\n'));
  const run = await runTandem(['report', path.resolve('fixtures/sample-course'), '--statements', statements, '--since', '2026-10-01', '--until', '2026-11-28', '--out', dir, '--min-learners', '3']);
  expect(run.code).toBe(0);
  html = path.join(dir, 'report.html');
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('report.html', () => {
  it('has no axe violations, fetches nothing, and shows its charts', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    expect(requests).toEqual([pathToFileURL(html).href]);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return result.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${n.target.join(' ')}`));
    });
    expect(violations).toEqual([]);
    const charts = await page.$$eval('figure svg[role="img"]', (svgs) => svgs.map((s) => ({ label: s.getAttribute('aria-label'), marks: s.querySelectorAll('path').length })));
    // The corpus is about refund-approval only: its funnel and difficulty charts are drawn; the
    // other objectives, without data, say so in a sentence instead of drawing an empty chart.
    expect(charts.map((c) => c.label)).toEqual(['OBJ-SUP-REFUND-500: learners launched, completed and passed, per window', 'OBJ-SUP-REFUND-500: share of learners whose first answer was correct, per question']);
    expect(charts.every((c) => c.label && c.marks > 0)).toBe(true);
    expect(await page.$$eval('p.empty', (ps) => ps.length)).toBeGreaterThanOrEqual(3);
    await page.close();
  });
});

/** `tandem report --pdf`: report.pdf printed by Chromium and read back with pdf.js. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';
import { readPdf } from '../jobAid/support.js';
import { corpusLines } from '../report/corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');

describe('tandem report --pdf', () => {
  it('prints a tagged report.pdf with the objectives, their tables and an outline', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-pdf-'));
    const statements = path.join(dir, 'statements.ndjson');
    await writeFile(statements, corpusLines().join('\n'));
    const run = await runTandem(['report', SAMPLE, '--statements', statements, '--since', '2026-10-01', '--until', '2026-11-28', '--out', dir, '--pdf', '--browser', '/usr/bin/chromium']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain('report.pdf');
    const pdf = await readPdf(new Uint8Array(await readFile(path.join(dir, 'report.pdf'))));
    const text = pdf.pages.map((p) => p.compact).join('');
    expect(text).toContain('OBJ-SUP-REFUND-500');
    expect(text).toContain('LearningKPIsforOBJ-SUP-REFUND-500');
    expect(pdf.marked).toBe(true);
    expect(pdf.outline.some((t) => t.startsWith('OBJ-SUP-REFUND-500'))).toBe(true);
    // Each objective starts a page: four objectives, at least four pages after the cover.
    expect(pdf.pages.length).toBeGreaterThanOrEqual(5);
  });

  it('without a browser: exit 2 with REPORT_PDF_BROWSER_NOT_FOUND, and the other files still written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-pdf-'));
    const statements = path.join(dir, 'statements.ndjson');
    await writeFile(statements, corpusLines().join('\n'));
    const run = await runTandem(['report', SAMPLE, '--statements', statements, '--until', '2026-11-28', '--out', dir, '--pdf', '--browser', path.join(dir, 'no-chrome')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('REPORT_PDF_BROWSER_NOT_FOUND');
    expect(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')).objectives).toHaveLength(4);
    await expect(readFile(path.join(dir, 'report.pdf'))).rejects.toThrow();
    // An executable that is not a browser: found, but it does not start.
    const broken = await runTandem(['report', SAMPLE, '--statements', statements, '--until', '2026-11-28', '--out', dir, '--pdf', '--browser', '/bin/false']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain('REPORT_PDF_FAILED');
  });
});

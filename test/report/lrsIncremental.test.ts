/**
 * The biweekly rerun against an LRS reads only what is new: `tandem report --lrs` keeps its finished
 * pass beside the cached segments (source/passSnapshot), so a rerun with 1% new statements parses
 * those alone, and its report.json is byte for byte the one a full read of everything gives. When a
 * new statement voids one counted before, the saved totals cannot be corrected and the rerun reads
 * everything again, with the same guarantee.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport, type RunReportOptions } from '../../src/report/index.js';
import { TestLrs } from '../support/testLrs.js';
import { ACTORS, answer, lesson, voiding } from './corpus.js';
// @ts-expect-error -- a plain .mjs script (the benchmark's generator), no types
import { generateStatements } from '../../scripts/generateStatements.mjs';

const SAMPLE = path.resolve('fixtures/sample-course');
let lrs: TestLrs;
let dir: string;
let generated: Record<string, unknown>[];

beforeAll(async () => {
  lrs = await TestLrs.start();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-incremental-'));
  const file = path.join(dir, 'generated.ndjson');
  await generateStatements(2000, file);
  generated = (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}, 60_000);
afterAll(async () => {
  await lrs.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(cache: string, out: string) {
  const options: RunReportOptions = { courseDir: SAMPLE, statements: [], lrs: lrs.endpoint, lrsAuth: lrs.credential('reader'), lrsCacheDir: path.join(dir, cache), outDir: path.join(dir, out), until: '2026-11-30', now: new Date('2026-12-01T00:00:00Z') };
  const result = await runReport(options);
  expect(result.diagnostics.filter((d) => d.code.startsWith('LRS_') || d.code.startsWith('REPORT_'))).toEqual([]);
  return { read: result.read!, json: await readFile(path.join(dir, out, 'report.json'), 'utf8') };
}

/**
 * The same cached segments (and cursor, so nothing more is fetched) without the saved pass: a full
 * read of exactly the input the rerun had. (A fresh fetch would differ: the LRS no longer returns a
 * statement once it is voided, so the voided count would.)
 */
async function withoutSavedPass(cache: string, copy: string): Promise<string> {
  await cp(path.join(dir, cache), path.join(dir, copy), { recursive: true, filter: (src) => !path.basename(src).startsWith('.report-') });
  return copy;
}

/** Twenty new statements (1% of 2000): Fay takes the refund lesson. */
function fayTakesTheLesson(): Record<string, unknown>[] {
  const at = (minute: number) => `2026-11-29T10:${String(minute).padStart(2, '0')}:00.000Z`;
  return [
    lesson(ACTORS.fay, 'initialized', at(0)),
    ...Array.from({ length: 16 }, (_, i) => answer(ACTORS.fay, i % 2 ? 'matrix-who-approves' : 'evidence-email-photos', at(i + 1), i % 2 ? 'b' : 'false', true)),
    lesson(ACTORS.fay, 'passed', at(20), { score: { scaled: 0.9 }, success: true }),
    lesson(ACTORS.fay, 'completed', at(21), { completion: true, duration: 'PT21M' }),
    lesson(ACTORS.fay, 'terminated', at(22)),
  ];
}

describe('tandem report --lrs, rerun with 1% new statements', () => {
  it('parses only the new statements, and report.json is byte-identical to a full read', async () => {
    lrs.store(generated, '2026-11-28T00:00:00.000Z');
    const first = await run('cache', 'first');
    expect(first.read.resumed).toBe(false);
    expect(first.read.lines).toBeGreaterThan(1900);

    lrs.store(fayTakesTheLesson(), '2026-11-29T12:00:00.000Z');
    const rerun = await run('cache', 'rerun');
    expect(rerun.read).toEqual({ lines: 20, resumed: true });
    const full = await run('fresh-cache', 'full');
    expect(full.read.resumed).toBe(false);
    expect(rerun.json).toBe(full.json);
    // Fay's run changed the numbers, so the equality is not of two copies of the first report.
    expect(rerun.json).not.toBe(first.json);
  });

  it('reads everything again when a new statement voids one already counted, with the same result as a full read', async () => {
    const target = generated.find((s) => (s.verb as { id: string }).id.endsWith('/passed'))!;
    lrs.store([voiding(target.id as string, '2026-11-29T13:00:00.000Z')], '2026-11-29T13:00:00.000Z');
    const rerun = await run('cache', 'rerun-void');
    expect(rerun.read.resumed).toBe(false);
    const full = await run(await withoutSavedPass('cache', 'copy-void'), 'full-void');
    expect(full.read.resumed).toBe(false);
    expect(rerun.json).toBe(full.json);
    expect(JSON.parse(rerun.json).inputs.voided).toBe(1);
  });

  it('reads everything when the saved pass is damaged', async () => {
    await writeFile(path.join(dir, 'cache', '.report-ids.bin'), 'not a table');
    const copy = await withoutSavedPass('cache', 'copy-damaged');
    const rerun = await run('cache', 'rerun-damaged');
    expect(rerun.read.resumed).toBe(false);
    const full = await run(copy, 'full-damaged');
    expect(rerun.json).toBe(full.json);
    // And the full read saved a sound pass again: the next rerun continues it.
    expect((await run('cache', 'rerun-after-repair')).read).toEqual({ lines: 0, resumed: true });
  });
});

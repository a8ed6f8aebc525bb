/**
 * `tandem report --threads 2` parses statement files in worker threads (source/parallelParse) and
 * must give exactly the report one thread gives: the same bytes of report.json (but `generatedAt`)
 * and the same diagnostics, on input with every trap the order matters for (duplicates, a voiding
 * statement after its target, a junk line, gzip) spread over several 2 MiB byte ranges; and the
 * same Parquet export, job-aid views' channels included. Runs the built CLI as a process, or the
 * built modules: the worker is compiled JavaScript.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelViewStatements, corpusLines } from './corpus.js';
import type * as ParallelParse from '../../src/report/source/parallelParse.js';
import type * as StatementLines from '../../src/report/source/statementLines.js';
import type * as Report from '../../src/report/index.js';
import type * as Course from '../../src/course/index.js';
// @ts-expect-error -- a plain .mjs script (the benchmark's generator), no types
import { generateStatements } from '../../scripts/generateStatements.mjs';

const CLI = path.resolve('dist/cli/main.js');
const SAMPLE = path.resolve('fixtures/sample-course');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-threads-'));
  await mkdir(path.join(dir, 'statements'));
  await generateStatements(6000, path.join(dir, 'statements/a-generated.ndjson'));
  // The corpus's traps in the middle of the stream, and once more gzipped after it.
  const corpus = corpusLines().join('\n') + '\n';
  await writeFile(path.join(dir, 'statements/b-corpus.ndjson'), corpus);
  await writeFile(path.join(dir, 'statements/c-corpus.ndjson.gz'), gzipSync(corpus));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function report(threads: number) {
  const out = path.join(dir, `out-${threads}`);
  const run = spawnSync(process.execPath, [CLI, 'report', SAMPLE, '--statements', path.join(dir, 'statements'), '--since', '2026-01-01', '--until', '2026-11-28', '--out', out, '--threads', String(threads), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
  return { run, out };
}

describe('tandem report --threads', () => {
  it('gives the same report.json and diagnostics with two parse threads as with one', async () => {
    const one = report(1);
    const two = report(2);
    expect(one.run.status, one.run.stderr).toBe(0);
    expect(two.run.status, two.run.stderr).toBe(0);
    const json = async (out: string) => (await readFile(path.join(out, 'report.json'), 'utf8')).replace(/"generatedAt": "[^"]+"/, '"generatedAt": ""');
    const [a, b] = [await json(one.out), await json(two.out)];
    expect(b).toBe(a);
    const parsed = JSON.parse(a);
    // Not two empty reports: thousands of lines, the junk lines, duplicates and the late void all counted.
    expect(parsed.inputs.statementLines).toBeGreaterThan(6000);
    expect(parsed.inputs.unreadableLines).toBe(2);
    expect(parsed.inputs.voided).toBeGreaterThan(0);
    expect(two.run.stdout).toBe(one.run.stdout.replaceAll('out-1', 'out-2'));
  }, 120_000);

  it('gives the report one thread gives when ranges are so small that duplicates, voids and their targets land in different ranges and workers', async () => {
    const built = async <T>(module: string): Promise<T> => (await import(pathToFileURL(path.resolve('dist', module)).href)) as T;
    const { parseFilesInParallel } = await built<typeof ParallelParse>('report/source/parallelParse.js');
    const { linesOf, listStatementFiles } = await built<typeof StatementLines>('report/source/statementLines.js');
    const { buildReport, indexCourse } = await built<typeof Report>('report/index.js');
    const { loadCourse } = await built<typeof Course>('course/index.js');
    const course = (await loadCourse(SAMPLE)).course!;
    const files = await listStatementFiles([path.join(dir, 'statements')]);
    const build = async (statements: () => AsyncIterable<never>) => {
      const { report, diagnostics } = await buildReport(course, { statements, since: '2026-01-01', until: '2026-11-28', now: new Date(0) });
      return { report, diagnostics };
    };
    const single = await build(async function* () {
      for (const file of files) yield* linesOf(file) as AsyncIterable<never>;
    });
    // 3,000-byte ranges and gzip chunks: a range per statement or two, across three workers.
    const parallel = await build(() => parseFilesInParallel(files, indexCourse(course), { threads: 3, rangeBytes: 3000 }) as AsyncIterable<never>);
    expect(parallel).toEqual(single);
    expect(single.report.inputs).toMatchObject({ unreadableLines: 2, voided: 2 });
    expect(single.report.inputs.duplicates).toBeGreaterThan(4);
    // Ranges shorter than any statement (279 bytes and more): each statement starts its own range, so every duplicate
    // and every voiding statement is in another range than its twin or target, mostly in another worker.
    const corpora = files.filter((f) => path.basename(f).includes('corpus'));
    const singleCorpora = await build(async function* () {
      for (const file of corpora) yield* linesOf(file) as AsyncIterable<never>;
    });
    expect(await build(() => parseFilesInParallel(corpora, indexCourse(course), { threads: 3, rangeBytes: 200 }) as AsyncIterable<never>)).toEqual(singleCorpora);
    expect(singleCorpora.report.inputs).toMatchObject({ unreadableLines: 2, voided: 2 });
    // The junk lines are reported where they are in each file, not where a range starts.
    expect(parallel.diagnostics.filter((d) => d.code === 'REPORT_UNREADABLE_LINES').map((d) => [path.basename(d.file!), d.line])).toEqual([
      ['b-corpus.ndjson', 6],
      ['c-corpus.ndjson.gz', 6],
    ]);
  }, 120_000);

  it('judges printed scans against the release manifests with parse threads too (regression: the threads ignored --release)', async () => {
    const manifest = (version: string, iso: string) => ({ format: 1, sourceDateEpoch: Date.parse(iso) / 1000, course: { id: 'acme-frontline', title: 'x' }, units: [{ id: 'refund-approval', title: 'Refunds', version, objectiveId: 'OBJ-SUP-REFUND-500', contentHash: 'x', artifacts: [] }], paths: [] });
    for (const [name, version, at] of [['2026-09', '1.0.0', '2026-09-01T00:00:00Z'], ['2026-11', '1.2.0', '2026-11-22T18:00:00Z']] as const) {
      await mkdir(path.join(dir, 'releases', name), { recursive: true });
      await writeFile(path.join(dir, 'releases', name, 'manifest.json'), JSON.stringify(manifest(version, at)));
    }
    const refundScans = async (threads: number) => {
      const out = path.join(dir, `releases-out-${threads}`);
      const run = spawnSync(process.execPath, [CLI, 'report', SAMPLE, '--statements', path.join(dir, 'statements/b-corpus.ndjson'), '--release', path.join(dir, 'releases'), '--since', '2026-10-01', '--until', '2026-11-28', '--out', out, '--threads', String(threads), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
      return report.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500').execution;
    };
    // Device Y's scan of printed 1.0.0 came while 1.0.0 was live: not stale (test/report/releaseManifests.test.ts).
    expect(await refundScans(1)).toMatchObject({ printedScans: 2, staleScanShare: 0 });
    expect(await refundScans(2)).toMatchObject({ printedScans: 2, staleScanShare: 0 });
  }, 60_000);

  it("exports the same statements to Parquet with parse threads, each job-aid view with its channel (regression: the export dropped the channel)", async () => {
    const input = path.join(dir, 'channels');
    await mkdir(input, { recursive: true });
    await writeFile(path.join(input, 'a-corpus.ndjson'), corpusLines().join('\n') + '\n');
    await writeFile(path.join(input, 'b-channels.ndjson'), channelViewStatements().map((s) => JSON.stringify(s)).join('\n') + '\n');
    const exported = async (threads: number) => {
      const out = path.join(dir, `channels-out-${threads}`);
      const warehouse = path.join(out, 'warehouse');
      const run = spawnSync(process.execPath, [CLI, 'report', SAMPLE, '--statements', input, '--since', '2026-10-01', '--until', '2026-11-28', '--out', out, '--parquet', warehouse, '--threads', String(threads), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      try {
        const files = `read_parquet('${path.join(warehouse, 'statements/*/*/*.parquet').replace(/'/g, "''")}', hive_partitioning = true)`;
        const reader = await connection.runAndReadAll(`SELECT seq, statement_id, kind, verb, printed_version, channel FROM ${files} ORDER BY seq`);
        return reader.getRowObjectsJson();
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
    const one = await exported(1);
    const two = await exported(2);
    expect(two).toEqual(one);
    const channels = new Map<unknown, number>();
    for (const row of two) if (row.kind === 'view') channels.set(row.channel, (channels.get(row.channel) ?? 0) + 1);
    // jobAidChannels.test.ts's views (untagged and fax are unknown) and the corpus's 4 untagged ones.
    expect([...channels].sort()).toEqual([['email', 1], ['qr', 2], ['slack', 1], ['teams', 1], ['unknown', 6]]);
    expect(two.filter((row) => row.kind !== 'view').every((row) => row.channel === null)).toBe(true);
  }, 60_000);
});

/**
 * `tandem report --threads 2` parses statement files in worker threads (source/parallelParse) and
 * must give exactly the report one thread gives: the same bytes of report.json (but `generatedAt`)
 * and the same diagnostics, on input with every trap the order matters for (duplicates, a voiding
 * statement after its target, a junk line, gzip) spread over many 1 MB chunks. Runs the built CLI as
 * a process: the worker is compiled JavaScript.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusLines } from './corpus.js';
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
});

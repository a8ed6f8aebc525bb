/**
 * The build cache keeps blobs only for jobs it can reuse (one artifact at the job's output): a
 * cards job writes several small files, and storing them as blobs doubled the files a 1,000-unit
 * cards build creates without any later build reading them back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build, BuildCache, DiskSink } from '../../src/compile/index.js';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-cards-cache-');
const SAMPLE = path.resolve('fixtures/sample-course');

function blobs(out: string): string[] {
  const dir = path.join(out, '.tandem-cache/objects');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

it('stores no cache blob for a many-file cards job, and a second build gives the same cards', async () => {
  const out = tempDir();
  const run = () => build({ courseDir: SAMPLE, targets: ['cards', 'xapi'], sink: new DiskSink(out), cache: new BuildCache(path.join(out, '.tandem-cache'), out) });
  const first = await run();
  expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const cards = first.records.filter((r) => r.target === 'cards');
  const emails = cards.filter((r) => r.path.endsWith('.html'));
  expect(emails.length).toBeGreaterThan(0);
  // Each email job writes its HTML and its text part: two files, so not reusable, so not stored.
  const stored = blobs(out).join('\n');
  for (const email of emails) expect(stored).not.toContain(email.sha256);
  // A one-file job (the xapi package) is still stored and reused.
  const xapi = first.records.find((r) => r.target === 'xapi')!;
  expect(stored).toContain(xapi.sha256);

  const second = await run();
  expect(second.records.map((r) => [r.path, r.sha256])).toEqual(first.records.map((r) => [r.path, r.sha256]));
  expect(second.stats.reused).toBeGreaterThan(0);
  for (const email of emails) expect(readFileSync(path.join(out, email.path)).length).toBe(email.bytes);
});

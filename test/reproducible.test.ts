/**
 * Reproducible output with the real targets: the sample course, copied into two different
 * folders and built into two different output folders, gives byte-identical artifacts — zips,
 * HTML and PDFs included — and an identical release manifest.
 */
import AdmZip from 'adm-zip';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/compile/build.js';
import { MemorySink } from '../src/compile/sink/memorySink.js';
import { TARGETS } from '../src/compile/targets/registry.js';

const temps: string[] = [];
let first: { sink: MemorySink; result: BuildResult };
let second: { sink: MemorySink; result: BuildResult };

async function buildCopy(): Promise<{ sink: MemorySink; result: BuildResult }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-repro-'));
  temps.push(dir);
  cpSync('fixtures/sample-course', dir, { recursive: true });
  const sink = new MemorySink();
  const result = await build({ courseDir: dir, targets: [], sink, sourceDateEpoch: 1_750_000_000, browser: { env: process.env } });
  return { sink, result };
}

beforeAll(async () => {
  first = await buildCopy();
  second = await buildCopy();
}, 180_000);
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('reproducible builds', () => {
  it('builds every registered target without errors', () => {
    expect(first.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const targetsBuilt = new Set(first.result.records.map((r) => r.target));
    expect([...targetsBuilt].sort()).toEqual(TARGETS.map((t) => t.name).sort());
  });

  it('gives byte-identical artifacts from two different folders', () => {
    const names = [...first.sink.files.keys()].sort();
    expect([...second.sink.files.keys()].sort()).toEqual(names);
    const different = names.filter((name) => !Buffer.from(first.sink.files.get(name)!).equals(Buffer.from(second.sink.files.get(name)!)));
    expect(different).toEqual([]);
  });

  it('embeds no absolute path of the course folder, inside zips included', () => {
    const courseDir = Buffer.from(temps[0]!);
    let checked = 0;
    for (const [name, bytes] of first.sink.files) {
      // Zip entries are deflated, so look inside them; PDFs' text streams are compressed by Chrome
      // and hold only what the job-aid HTML (checked here) holds.
      const parts = name.endsWith('.zip') ? new AdmZip(Buffer.from(bytes)).getEntries().map((e) => [`${name}!${e.entryName}`, e.getData()] as const) : [[name, Buffer.from(bytes)] as const];
      for (const [part, data] of parts) {
        expect(data.includes(courseDir), part).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('the manifest is the same too, and its hashes match the bytes', async () => {
    const { createHash } = await import('node:crypto');
    const manifest = new TextDecoder().decode(first.sink.files.get('manifest.json'));
    expect(new TextDecoder().decode(second.sink.files.get('manifest.json'))).toBe(manifest);
    for (const record of first.result.records) {
      expect(createHash('sha256').update(first.sink.files.get(record.path)!).digest('hex'), record.path).toBe(record.sha256);
    }
  });
});

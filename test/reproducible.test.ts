/**
 * Reproducible output with the real targets: two copies of the sample course in two folders,
 * built by `tandem build` as two processes under different time zones and locales, give
 * byte-identical artifacts — zips, HTML and PDFs included — and an identical release manifest.
 * (Both are processes of dist/: the build id embedded in lesson packages hashes the running
 * code, which is src/ inside the test runner.)
 */
import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from '../src/compile/targets/registry.js';
import type { ReleaseManifest } from '../src/release/releaseManifest.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-repro-'));
const courseCopy = path.join(temp, 'kurs İ');
let first: Map<string, Uint8Array>;
let second: Map<string, Uint8Array>;

function readRelease(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (entry.isFile() && !rel.startsWith('.tandem-cache/')) files.set(rel, readFileSync(path.join(dir, rel)));
  }
  return files;
}

function buildAsProcess(courseDir: string, outDir: string, env: Record<string, string>): Map<string, Uint8Array> {
  cpSync('fixtures/sample-course', courseDir, { recursive: true });
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.SOURCE_DATE_EPOCH;
  const run = spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), 'build', courseDir, '--out', outDir, '--quiet', '--no-cache'], { cwd: temp, env: childEnv, encoding: 'utf8' });
  expect(run.status, run.stderr + run.stdout).toBe(0);
  return readRelease(outDir);
}

beforeAll(() => {
  first = buildAsProcess(path.join(temp, 'course'), path.join(temp, 'out-1'), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
  // Another folder (with non-ASCII in its name), time zone and locale: none may reach the bytes.
  second = buildAsProcess(courseCopy, path.join(temp, 'out-2'), { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', LANGUAGE: 'tr' });
}, 180_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('reproducible builds', () => {
  it('builds every registered target', () => {
    const manifest = JSON.parse(new TextDecoder().decode(second.get('manifest.json'))) as ReleaseManifest;
    const targetsBuilt = new Set(manifest.units.flatMap((u) => u.artifacts.map((a) => a.target)));
    expect([...targetsBuilt].sort()).toEqual(TARGETS.map((t) => t.name).sort());
  });

  it('gives byte-identical artifacts from two folders, two processes, two time zones and locales', () => {
    const names = [...first.keys()].sort();
    expect(names.length).toBeGreaterThan(30);
    expect([...second.keys()].sort()).toEqual(names);
    const different = names.filter((name) => !Buffer.from(first.get(name)!).equals(Buffer.from(second.get(name)!)));
    expect(different).toEqual([]);
    expect(names).toContain('manifest.json');
  });

  it('embeds no absolute path of the course folder, inside zips included', () => {
    const courseDir = Buffer.from(courseCopy);
    let checked = 0;
    for (const [name, bytes] of second) {
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

  it("the manifest's hashes match the bytes", () => {
    const manifest = JSON.parse(new TextDecoder().decode(second.get('manifest.json'))) as ReleaseManifest;
    const artifacts = [...manifest.units.flatMap((u) => u.artifacts), ...(manifest.paths ?? []).flatMap((p) => p.artifacts ?? [])];
    expect(artifacts.length).toBeGreaterThan(30);
    for (const a of artifacts) expect(createHash('sha256').update(second.get(a.path)!).digest('hex'), a.path).toBe(a.sha256);
  });
});

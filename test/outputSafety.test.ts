/**
 * Issue 10 (medium): the output folder and the cache under failure. A killed or concurrent build
 * must not leave a manifest that describes other files; a second build into the same --out stops
 * at once; a dead build's lock is taken over; a tampered cache is not packaged and unreferenced
 * blobs are collected; an unwritable --out or cache is a diagnostic, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/compile/cache/buildCache.js';
import { build, type BuildOptions } from '../src/compile/build.js';
import { DiskSink } from '../src/compile/sink/diskSink.js';
import { LOCK_FILE } from '../src/compile/sink/outLock.js';
import type { Sink } from '../src/compile/sink/sink.js';
import type { Target } from '../src/compile/targets/target.js';
import type { ReleaseManifest } from '../src/release/releaseManifest.js';
import { runTandem } from './support/cli.js';
import { useTempDirs } from './support/tempDirs.js';

const { tempDir, courseCopy } = useTempDirs('tandem-out-');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes `<label>:<objective id>`; with `gate`, the job of unit refund-approval waits until the gate opens. */
function labelTarget(label: string, gate?: { reached: () => void; open: Promise<void> }): Target {
  return {
    name: 'label',
    description: 'test target',
    planUnit: (unit) => [{ target: 'label', subject: { kind: 'unit', unit }, output: `label/${unit.id}.txt` }],
    async build(job) {
      if (job.subject.kind !== 'unit') return { artifacts: [] };
      if (gate && job.subject.unit.id === 'refund-approval') {
        gate.reached();
        await gate.open;
      }
      return { artifacts: [{ path: job.output, bytes: new TextEncoder().encode(`${label}:${job.subject.unit.contract.objective.id}`), target: 'label', unitIds: [job.subject.unit.id] }] };
    },
  };
}

function gate() {
  let reached!: () => void;
  let open!: () => void;
  const wasReached = new Promise<void>((r) => (reached = r));
  const opened = new Promise<void>((r) => (open = r));
  return { gate: { reached, open: opened }, wasReached, open };
}

const buildInto = (courseDir: string, out: string, target: Target, extra: Partial<BuildOptions> = {}) =>
  build({ courseDir, targets: ['label'], sink: new DiskSink(out), availableTargets: [target], concurrency: 1, ...extra });

function manifestMatchesFiles(out: string): boolean {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as ReleaseManifest;
  return manifest.units.every((u) => u.artifacts.every((a) => sha(readFileSync(path.join(out, a.path))) === a.sha256));
}

describe('a build in progress or killed never leaves a manifest that lies', () => {
  it('takes the previous manifest away before the first artifact and writes the new one last', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildInto(course, out, labelTarget('v1'));
    expect(manifestMatchesFiles(out)).toBe(true);

    // The second build is stopped half-way (as a SIGKILL would stop it): some files are already v2.
    const { gate: g, wasReached, open } = gate();
    const running = buildInto(course, out, labelTarget('v2', g));
    await wasReached;
    expect(readFileSync(path.join(out, 'label/customer-data-handling.txt'), 'utf8')).toBe('v2:OBJ-CMP-PII-TICKETS');
    // Old code: the v1 manifest is still there, and its hashes no longer match the files.
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(false);
    open();
    const result = await running;
    expect(result.diagnostics).toEqual([]);
    expect(manifestMatchesFiles(out)).toBe(true);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });

  it('a second build into the same --out fails fast with OUT_LOCKED and writes nothing', async () => {
    const course = courseCopy();
    const out = tempDir();
    const { gate: g, wasReached, open } = gate();
    const first = buildInto(course, out, labelTarget('first', g));
    await wasReached;
    const written = readdirSync(path.join(out, 'label')).sort();
    const second = await buildInto(course, out, labelTarget('second'));
    expect(second.diagnostics.map((d) => d.code)).toEqual(['OUT_LOCKED']);
    expect(second.diagnostics[0]!.message).toContain(`process ${process.pid}`);
    expect(readdirSync(path.join(out, 'label')).sort()).toEqual(written);
    for (const name of written) expect(readFileSync(path.join(out, 'label', name), 'utf8')).toMatch(/^first:/);
    open();
    expect((await first).diagnostics).toEqual([]);
    expect(manifestMatchesFiles(out)).toBe(true);
  });

  it('takes over a lock left by a killed build (its process is gone)', async () => {
    const out = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    expect(pid).toBeGreaterThan(0);
    writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid, host: os.hostname() }));
    const result = await buildInto(courseCopy(), out, labelTarget('v1'));
    expect(result.diagnostics).toEqual([]);
    expect(manifestMatchesFiles(out)).toBe(true);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });

  it('the CLI exits 2 with OUT_LOCKED while another live process holds the lock', async () => {
    const out = tempDir();
    // Our own pid: certainly alive.
    writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: os.hostname() }));
    const { code, stdout } = await runTandem(['build', 'fixtures/sample-course', '--out', out, '--target', 'job-aid-html', '--no-cache']);
    expect(code).toBe(2);
    expect(stdout).toContain('OUT_LOCKED');
    expect(readdirSync(out)).toEqual([LOCK_FILE]);
  });
});

describe('the build cache is verified, not trusted', () => {
  const cacheFor = (out: string) => new BuildCache(path.join(out, '.tandem-cache'), out);

  it('a tampered blob is not packaged: the job is rebuilt', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildInto(course, out, labelTarget('good'), { cache: cacheFor(out) });
    const objects = path.join(out, '.tandem-cache', 'objects');
    for (const name of readdirSync(objects)) writeFileSync(path.join(objects, name), 'evil');
    rmSync(path.join(out, 'label'), { recursive: true });
    const warm = await buildInto(course, out, labelTarget('good'), { cache: cacheFor(out) });
    expect(warm.stats.reused).toBe(0);
    expect(readFileSync(path.join(out, 'label/refund-approval.txt'), 'utf8')).toBe('good:OBJ-SUP-REFUND-500');
    expect(manifestMatchesFiles(out)).toBe(true);
  });

  it('a tampered index cannot redirect a cached artifact to another path or outside objects/', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildInto(course, out, labelTarget('good'), { cache: cacheFor(out) });
    const indexFile = path.join(out, '.tandem-cache', 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    const secret = path.join(tempDir(), 'secret.txt');
    writeFileSync(secret, 'SECRET');
    const jobs = Object.values(index.jobs) as { artifacts: { path: string; sha256: string }[] }[];
    jobs[0]!.artifacts[0]!.path = '../../escaped.txt';
    jobs[1]!.artifacts[0]!.sha256 = path.relative(path.join(out, '.tandem-cache', 'objects'), secret);
    writeFileSync(indexFile, JSON.stringify(index));
    rmSync(path.join(out, 'label'), { recursive: true });
    const warm = await buildInto(course, out, labelTarget('good'), { cache: cacheFor(out) });
    expect(warm.diagnostics).toEqual([]);
    expect(warm.stats.reused).toBe(2);
    expect(existsSync(path.join(out, '../../escaped.txt'))).toBe(false);
    for (const name of readdirSync(path.join(out, 'label'))) expect(readFileSync(path.join(out, 'label', name), 'utf8')).toMatch(/^good:OBJ-/);
    expect(manifestMatchesFiles(out)).toBe(true);
  });

  it('deletes blobs no index entry references', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildInto(course, out, labelTarget('v1'), { cache: cacheFor(out) });
    const objects = path.join(out, '.tandem-cache', 'objects');
    const v1 = readdirSync(objects).sort();
    expect(v1).toHaveLength(4);
    await buildInto(course, out, labelTarget('v1'), { cache: cacheFor(out), sourceDateEpoch: 1_700_000_000 });
    // Same bytes under new keys: the blobs are still referenced, nothing to collect.
    expect(readdirSync(objects).sort()).toEqual(v1);
    await buildInto(course, out, labelTarget('v2'), { cache: cacheFor(out), sourceDateEpoch: 1_700_000_002 });
    const v2 = readdirSync(objects).sort();
    expect(v2).toHaveLength(4);
    expect(v2.filter((name) => v1.includes(name))).toEqual([]);
  });
});

describe('an unwritable --out or cache is a diagnostic, not a crash', () => {
  it('OUT_NOT_WRITABLE, exit 2, when --out is a file or lies under one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const out of [file, path.join(file, 'out')]) {
      const { code, stdout, stderr } = await runTandem(['build', 'fixtures/sample-course', '--out', out, '--target', 'job-aid-html']);
      expect(code).toBe(2);
      expect(stdout).toContain('OUT_NOT_WRITABLE');
      expect(stdout + stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('CACHE_WRITE_FAILED is a warning: the build completes without caching and leaves no temporary file', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, '');
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = await runTandem(['build', 'fixtures/sample-course', '--out', out, '--target', 'job-aid-html', '--cache-dir', path.join(blocker, 'cache')]);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
    expect(stdout.match(/CACHE_WRITE_FAILED/g)).toHaveLength(1);
    expect(code).toBe(0);
    expect(readdirSync(path.join(out, 'job-aids')).sort()).toEqual(['customer-data-handling.html', 'discount-approval.html', 'lockout-tagout.html', 'refund-approval.html']);
    expect(manifestMatchesFiles(out)).toBe(true);
  });

  it('a disk that fills up mid-build: one OUT_NOT_WRITABLE, the other jobs and every diagnostic still reported', async () => {
    const course = courseCopy();
    const dir = tempDir();
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, '');
    const written: string[] = [];
    const full: Sink = {
      label: '/srv/release',
      async write(relativePath) {
        if (relativePath.includes('refund')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        written.push(relativePath);
      },
    };
    const result = await build({ courseDir: course, targets: ['label'], sink: full, availableTargets: [labelTarget('x')], cache: new BuildCache(path.join(blocker, 'cache'), dir) });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['CACHE_WRITE_FAILED', 'OUT_NOT_WRITABLE']);
    expect(result.diagnostics.find((d) => d.code === 'OUT_NOT_WRITABLE')!.message).toBe(
      'The output folder /srv/release cannot be written (ENOSPC: no space left on the device); nothing more is written there and the release is incomplete.',
    );
    expect(written.sort()).toEqual(['label/customer-data-handling.txt', 'label/discount-approval.txt', 'label/lockout-tagout.txt', 'manifest.json']);
  });
});

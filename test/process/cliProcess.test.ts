/**
 * `tandem` as CI runs it: the built CLI (dist/cli/main.js) started as a process, its exit code,
 * stdout/stderr and the files it leaves. The in-process tests (test/cli.test.ts) cover wording;
 * these prove the process boundary: exit codes reach the shell, output lands on the right stream,
 * and a release folder and a merged manifest are complete.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReleaseManifest } from '../../src/release/releaseManifest.js';

const CLI = path.resolve('dist/cli/main.js');
const SAMPLE = path.resolve('fixtures/sample-course');
const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-process-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function tandem(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: temp, env: { ...process.env, CI: 'true', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}
const readManifest = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ReleaseManifest;

describe('tandem build, as a process', () => {
  it('builds the sample course: exit 0, every package and the manifest, progress and summary on stderr', () => {
    const out = path.join(temp, 'release');
    const r = tandem(['build', SAMPLE, '--out', out, '--target', 'scorm12,job-aid-html']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No errors or warnings.');
    expect(r.stderr).toMatch(/Built 4 unit\(s\): 10 artifact\(s\)/);
    const manifest = readManifest(path.join(out, 'manifest.json'));
    expect(manifest.units.map((u) => u.id).sort()).toEqual(['customer-data-handling', 'discount-approval', 'lockout-tagout', 'refund-approval']);
    for (const a of [...manifest.units.flatMap((u) => u.artifacts), ...manifest.paths.flatMap((p) => p.artifacts)]) expect(existsSync(path.join(out, a.path)), a.path).toBe(true);
  });

  it('exits 1 when a unit has errors, builds the others and names the skipped unit', () => {
    const course = path.join(temp, 'one-broken');
    cpSync(SAMPLE, course, { recursive: true });
    const unitFile = path.join(course, 'units/lockout-tagout/unit.yaml');
    writeFileSync(unitFile, readFileSync(unitFile, 'utf8').replace(/^ {2}ops_manager: .*$/m, ''));
    const out = path.join(temp, 'one-broken-out');
    const r = tandem(['build', course, '--out', out, '--target', 'job-aid-html']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/units\/lockout-tagout\/unit\.yaml:\d+:\d+ error OWNER_MISSING/);
    expect(r.stderr).toContain('Skipped unit(s) with errors: lockout-tagout.');
    expect(existsSync(path.join(out, 'job-aids/refund-approval.html'))).toBe(true);
    expect(existsSync(path.join(out, 'job-aids/lockout-tagout.html'))).toBe(false);
  });

  it('exits 2 for usage errors, with the reason on stderr and nothing on stdout', () => {
    const unknown = tandem(['build', SAMPLE, '--out', path.join(temp, 'x'), '--target', 'scorm2004']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(/TARGET_UNKNOWN/);
    const badOption = tandem(['build', '--no-such-option']);
    expect(badOption.code).toBe(2);
    expect(badOption.stdout).toBe('');
    expect(badOption.stderr).toMatch(/Unknown option '--no-such-option'/);
    const noCourse = tandem(['build', path.join(temp, 'nothing-here'), '--out', path.join(temp, 'y')]);
    expect(noCourse.code).toBe(2);
    expect(noCourse.stdout).toContain('COURSE_NOT_FOUND');
  });

  it('prints JSON diagnostics on stdout with --format json, and nothing else there', () => {
    const r = tandem(['build', SAMPLE, '--out', path.join(temp, 'json'), '--target', 'job-aid-html', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { errors: number; diagnostics: { code: string }[] };
    expect(report.errors).toBe(0);
    expect(report.diagnostics.map((d) => d.code)).toContain('JOB_AID_TRACKING_OFF');
  });
});

describe('tandem merge-manifests, as a process', () => {
  const shard = (i: number) => {
    const out = path.join(temp, `shard-${i}`);
    const r = tandem(['build', SAMPLE, '--out', out, '--target', 'job-aid-html', '--shard', `${i}/2`]);
    expect(r.code, r.stderr).toBe(0);
    return path.join(out, 'manifest.json');
  };

  it('joins the shards of one release into the manifest a whole build writes', () => {
    const merged = path.join(temp, 'merged/manifest.json');
    const r = tandem(['merge-manifests', shard(1), shard(2), '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Merged 2 manifest\(s\): 4 unit\(s\), 2 path\(s\)/);
    const whole = tandem(['build', SAMPLE, '--out', path.join(temp, 'whole'), '--target', 'job-aid-html']);
    expect(whole.code).toBe(0);
    const wholeManifest = readManifest(path.join(temp, 'whole/manifest.json'));
    const mergedManifest = readManifest(merged);
    expect(mergedManifest.units).toEqual(wholeManifest.units);
    expect(mergedManifest.buildId).toBe(wholeManifest.buildId);
  });

  it('exits 1 when a shard is missing, and 2 when a manifest cannot be read', () => {
    const partial = tandem(['merge-manifests', shard(1), '--out', path.join(temp, 'partial/manifest.json')]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/shard\(s\) 2 of 2 are missing/);
    const unreadable = tandem(['merge-manifests', path.join(temp, 'no-such.json'), '--out', path.join(temp, 'u.json')]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/cannot read/);
  });
});

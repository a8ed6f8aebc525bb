/**
 * Issue 11, CI and release hygiene: stale artifacts are removed (and nothing else), an output
 * folder Tandem does not own is warned about, the manifest says when the checkout was dirty and
 * which units were skipped, a shard never drops a learning path silently, and the CLI's
 * annotations, --shard and merge-manifests behave as a CI engineer needs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/compile/build.js';
import { pathInShard, unitInShard } from '../src/compile/plan/shard.js';
import { DiskSink } from '../src/compile/sink/diskSink.js';
import type { Target } from '../src/compile/targets/target.js';
import type { ReleaseManifest } from '../src/release/releaseManifest.js';
import { runTandem } from './support/cli.js';
import { useTempDirs } from './support/tempDirs.js';

/** Writes one small file per unit and path, so these tests run without the real targets. */
const stamp: Target = {
  name: 'stamp',
  description: 'test target',
  planUnit: (unit) => [{ target: 'stamp', subject: { kind: 'unit', unit }, output: `stamp/${unit.id}.txt` }],
  planPath: (p, units) => [{ target: 'stamp', subject: { kind: 'path', path: p, units }, output: `stamp/path-${p.id}.txt` }],
  async build(job) {
    const unitIds = job.subject.kind === 'unit' ? [job.subject.unit.id] : job.subject.units.map((u) => u.id);
    return { artifacts: [{ path: job.output, bytes: new TextEncoder().encode(`${unitIds.join(',')}\n`), target: 'stamp', unitIds }] };
  },
};

const { tempDir, courseCopy } = useTempDirs('tandem-hygiene-');
const buildTo = (courseDir: string, out: string, extra: Partial<Parameters<typeof build>[0]> = {}) =>
  build({ courseDir, targets: ['stamp'], sink: new DiskSink(out), availableTargets: [stamp], ...extra });
const readManifest = (out: string) => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as ReleaseManifest;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@acme.example', '-c', 'user.name=CI', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' }).toString();

/** Renames a unit (folder, id, and the path that lists it), as an author would. */
function renameUnit(course: string, from: string, to: string) {
  renameSync(path.join(course, 'units', from), path.join(course, 'units', to));
  for (const file of [path.join(course, 'units', to, 'unit.yaml'), ...['floor-safety', 'support-onboarding'].map((p) => path.join(course, 'paths', `${p}.yaml`))]) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(new RegExp(`\\b${from}\\b`, 'g'), to));
  }
}

describe('old artifacts in --out', () => {
  it("removes what the previous build wrote and this one did not, and nothing else", async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    expect(existsSync(path.join(out, 'stamp/lockout-tagout.txt'))).toBe(true);
    writeFileSync(path.join(out, 'stamp/notes.txt'), 'mine\n'); // not Tandem's
    writeFileSync(path.join(out, 'stamp/refund-approval.txt'), 'edited by hand\n'); // Tandem's, but changed since
    renameUnit(course, 'lockout-tagout', 'lockout-tagout-v2');
    renameUnit(course, 'refund-approval', 'refund-approval-v2');

    const second = await buildTo(course, out);
    expect(second.removedFiles).toEqual(['stamp/lockout-tagout.txt']);
    expect(existsSync(path.join(out, 'stamp/lockout-tagout.txt'))).toBe(false);
    expect(readFileSync(path.join(out, 'stamp/lockout-tagout-v2.txt'), 'utf8')).toBe('lockout-tagout-v2\n');
    expect(readFileSync(path.join(out, 'stamp/notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(path.join(out, 'stamp/refund-approval.txt'), 'utf8')).toBe('edited by hand\n');
    expect(second.diagnostics).toEqual([]);
  });

  it('a shard never removes what another shard (or a whole build) wrote', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    const shard = { index: 1, count: 2 };
    const result = await buildTo(course, out, { shard });
    expect(result.removedFiles).toEqual([]);
    for (const id of ['customer-data-handling', 'discount-approval', 'lockout-tagout', 'refund-approval']) expect(existsSync(path.join(out, `stamp/${id}.txt`))).toBe(true);
  });

  it('a malformed earlier manifest removes nothing and breaks nothing', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    const manifest = readManifest(out) as unknown as { units: unknown[] };
    manifest.units = [null, 7, { artifacts: 'x' }, { artifacts: [null, { path: '../outside.txt', sha256: 'a'.repeat(64) }, { path: 'stamp/notes.txt' }] }];
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(path.join(out, 'stamp/notes.txt'), 'mine\n');
    const result = await buildTo(course, out);
    expect(result.removedFiles).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(path.join(out, 'stamp/notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('warns when --out holds files but no Tandem manifest, and leaves them alone', async () => {
    const out = tempDir();
    writeFileSync(path.join(out, 'index.html'), '<p>old site</p>');
    const result = await buildTo(courseCopy(), out);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['OUTPUT_NOT_TANDEM warning']);
    expect(result.diagnostics[0]!.message).toContain('index.html');
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>old site</p>');
    expect((await buildTo(courseCopy(), tempDir())).diagnostics).toEqual([]);
  });
});

describe('the manifest tells a complete clean release from one that is not', () => {
  it('records sourceDirty when the course has uncommitted changes, not for the output folder', async () => {
    const repo = tempDir();
    const course = courseCopy(path.join(repo, 'course'));
    writeFileSync(path.join(repo, '.gitignore'), 'out/\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'course');
    const clean = await buildTo(course, path.join(course, 'release'));
    expect(clean.manifest!.sourceCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(clean.manifest!.sourceDirty).toBeUndefined();

    const lesson = path.join(course, 'units/refund-approval/lesson.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8') + '\nOne more line.\n');
    const dirty = await buildTo(course, path.join(repo, 'out'));
    expect(dirty.manifest!.sourceDirty).toBe(true);
    expect(readManifest(path.join(repo, 'out')).sourceDirty).toBe(true);
  });

  it('lists the skipped units and paths, and says which path was not built', async () => {
    const course = courseCopy();
    writeFileSync(path.join(course, 'units/lockout-tagout/job-aid.md'), '## Steps\n\n1. Lock\n');
    const out = tempDir();
    const result = await buildTo(course, out);
    expect(readManifest(out)).toMatchObject({ skippedUnits: ['lockout-tagout'], skippedPaths: ['floor-safety'] });
    expect(result.diagnostics.filter((d) => d.code === 'PATH_NOT_BUILT').map((d) => d.message)).toEqual([
      'The learning path "floor-safety" is not built: its unit(s) lockout-tagout have errors.',
    ]);
  });

  it('a shard that owns a path whose unit has errors in another shard reports it and fails', async () => {
    const course = courseCopy();
    writeFileSync(path.join(course, 'units/lockout-tagout/job-aid.md'), '## Steps\n\n1. Lock\n');
    // The shard count where floor-safety and lockout-tagout land in different shards.
    const count = [2, 3, 4, 5, 6, 7, 8].find((n) => Array.from({ length: n }, (_, i) => i + 1).some((i) => pathInShard('floor-safety', { index: i, count: n }) && !unitInShard('lockout-tagout', { index: i, count: n })))!;
    const index = Array.from({ length: count }, (_, i) => i + 1).find((i) => pathInShard('floor-safety', { index: i, count }) && !unitInShard('lockout-tagout', { index: i, count }))!;
    const result = await buildTo(course, tempDir(), { shard: { index, count } });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['PATH_NOT_BUILT']);
    expect(result.manifest!.skippedPaths).toEqual(['floor-safety']);
  });
});

describe('CI commands', () => {
  it('--format github gives paths from the repository root, whatever folder it runs in', async () => {
    const repo = tempDir();
    const course = path.join(repo, 'courses', 'frontline');
    cpSync('fixtures/invalid/owner-missing', course, { recursive: true });
    git(repo, 'init', '-q');
    const inCourse = await runTandem(['check', '--format', 'github'], course);
    expect(inCourse.stdout).toMatch(/^::error file=courses\/frontline\/units\/first-unit\/unit\.yaml,line=21,/m);
    mkdirSync(path.join(repo, 'tools'));
    const elsewhere = await runTandem(['check', '../courses/frontline', '--format', 'github'], path.join(repo, 'tools'));
    expect(elsewhere.stdout).toMatch(/^::error file=courses\/frontline\/units\/first-unit\/unit\.yaml,line=21,/m);
  });

  it('--shard 5/4 says that i must be between 1 and n', async () => {
    const r = await runTandem(['build', 'fixtures/sample-course', '--shard', '5/4', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard 5/4: the shard number i must be between 1 and 4');
    expect((await runTandem(['build', 'fixtures/sample-course', '--shard', 'two', '--out', tempDir()])).stderr).toContain("must look like 2/4");
  });

  it('merge-manifests writes nothing when a shard is missing', async () => {
    const dir = tempDir();
    await buildTo(courseCopy(), path.join(dir, 'shard-1'), { shard: { index: 1, count: 2 } });
    const r = await runTandem(['merge-manifests', 'shard-1/manifest.json', '--out', 'release/manifest.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('shard(s) 2 of 2 are missing');
    expect(existsSync(path.join(dir, 'release'))).toBe(false);
  });
});

/**
 * Issue 6 behaviour with a stand-in target, so it is tested independently of the real targets:
 * the release manifest, content-derived ids, the incremental cache (what is rebuilt after an
 * edit, what a config or theme change invalidates), sharding and merging, --changed-since, and
 * --fail-fast. Byte-for-byte reproducibility of the real targets is in reproducible.test.ts.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/compile/cache/buildCache.js';
import { build, type BuildOptions } from '../src/compile/build.js';
import { parseShard } from '../src/compile/plan/shard.js';
import { compareSemver } from '../src/compile/changedSince.js';
import { mergeManifests } from '../src/release/mergeManifests.js';
import type { ReleaseManifest } from '../src/release/releaseManifest.js';
import { DiskSink } from '../src/compile/sink/diskSink.js';
import { MemorySink } from '../src/compile/sink/memorySink.js';
import type { Target } from '../src/compile/targets/target.js';
import { useTempDirs } from './support/tempDirs.js';

const builtJobs: string[] = [];
/** Writes the unit's objective and its job build id; records every job it really builds. */
const stamp: Target = {
  name: 'stamp',
  description: 'test target',
  planUnit: (unit) => [{ target: 'stamp', subject: { kind: 'unit', unit }, output: `stamp/${unit.id}.txt` }],
  planPath: (p, units) => [{ target: 'stamp', subject: { kind: 'path', path: p, units }, output: `stamp/path-${p.id}.txt` }],
  async build(job, ctx) {
    builtJobs.push(job.output);
    const body = job.subject.kind === 'unit' ? job.subject.unit.contract.objective.id : job.subject.units.map((u) => u.id).join(',');
    const unitIds = job.subject.kind === 'unit' ? [job.subject.unit.id] : job.subject.units.map((u) => u.id);
    return { artifacts: [{ path: job.output, bytes: new TextEncoder().encode(`${body}\n${ctx.buildIdFor(job)}\n`), target: 'stamp', unitIds }] };
  },
};

const { tempDir, courseCopy } = useTempDirs('tandem-release-');
const readManifest = (out: string) => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as ReleaseManifest;

async function buildTo(courseDir: string, out: string, extra: Partial<BuildOptions> = {}) {
  builtJobs.length = 0;
  return build({ courseDir, targets: ['stamp'], sink: new DiskSink(out), availableTargets: [stamp], cache: new BuildCache(path.join(out, '.tandem-cache'), out), ...extra });
}

describe('release manifest', () => {
  it('lists every unit with version, objective, content hash and artifacts with size and sha256, and validates against its schema', async () => {
    const out = tempDir();
    await buildTo('fixtures/sample-course', out);
    const manifest = readManifest(out);
    const schema = JSON.parse(readFileSync('schemas/release-manifest.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.course).toEqual({ id: 'acme-frontline', title: 'Acme Frontline Essentials' });
    const refund = manifest.units.find((u) => u.id === 'refund-approval')!;
    expect(refund).toMatchObject({ version: '1.2.0', objectiveId: 'OBJ-SUP-REFUND-500', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const bytes = readFileSync(path.join(out, 'stamp/refund-approval.txt'));
    const { createHash } = await import('node:crypto');
    expect(refund.artifacts).toEqual([{ target: 'stamp', path: 'stamp/refund-approval.txt', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]);
    expect(manifest.paths.map((p) => [p.id, p.artifacts.map((a) => a.path)])).toEqual([
      ['floor-safety', ['stamp/path-floor-safety.txt']],
      ['support-onboarding', ['stamp/path-support-onboarding.txt']],
    ]);
  });

  it('is byte-identical when the same course is built from two different folders', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await buildTo(courseCopy(), a);
    await buildTo(courseCopy(), b);
    const manifestA = readFileSync(path.join(a, 'manifest.json'), 'utf8');
    expect(readFileSync(path.join(b, 'manifest.json'), 'utf8')).toBe(manifestA);
    expect(manifestA).not.toMatch(/\/tmp\/|tandem-release-/);
  });
});

describe('incremental builds', () => {
  it('a warm build with nothing changed builds and writes nothing', async () => {
    const course = courseCopy();
    const out = tempDir();
    const cold = await buildTo(course, out);
    expect(cold.stats).toMatchObject({ jobs: 6, built: 6, reused: 0 });
    const mtime = statSync(path.join(out, 'stamp/refund-approval.txt')).mtimeMs;
    const warm = await buildTo(course, out);
    expect(warm.stats).toMatchObject({ jobs: 6, built: 0, reused: 6, written: 0 });
    expect(builtJobs).toEqual([]);
    expect(statSync(path.join(out, 'stamp/refund-approval.txt')).mtimeMs).toBe(mtime);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(JSON.stringify(warm.manifest, null, 2) + '\n');
  });

  it('editing one unit rebuilds that unit and the paths containing it, nothing else', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    const before = readFileSync(path.join(out, 'stamp/discount-approval.txt'), 'utf8');
    const lesson = path.join(course, 'units/discount-approval/lesson.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('deal desk', 'Deal Desk'));
    const warm = await buildTo(course, out);
    expect(builtJobs.sort()).toEqual(['stamp/discount-approval.txt', 'stamp/path-support-onboarding.txt']);
    expect(warm.stats).toMatchObject({ built: 2, reused: 4 });
    expect(readFileSync(path.join(out, 'stamp/discount-approval.txt'), 'utf8')).not.toBe(before);
  });

  it('a changed config rebuilds everything', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    const config = path.join(course, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('Acme Frontline Essentials', 'Acme Frontline Basics'));
    expect((await buildTo(course, out)).stats).toMatchObject({ built: 6, reused: 0 });
  });

  it('a changed SOURCE_DATE_EPOCH rebuilds everything', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    expect((await buildTo(course, out, { sourceDateEpoch: 1_700_000_000 })).stats).toMatchObject({ built: 6, reused: 0 });
  });

  it('a course theme of its own is part of the key', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(course, 'themes/default'), { recursive: true });
    writeFileSync(path.join(course, 'themes/default/lesson.css'), 'body { color: navy }');
    expect((await buildTo(course, out)).stats).toMatchObject({ built: 6, reused: 0 });
  });

  it("a change to Tandem's theme rebuilds everything, even when the course has a theme folder of its own", async () => {
    const { TANDEM_THEMES_DIR } = await import('../src/compile/theme/resolveThemeFile.js');
    const { mkdirSync } = await import('node:fs');
    // A theme of Tandem's own that this test creates: its files fall back to default one by one,
    // as a course that overrides one file does.
    const theme = `test-theme-${process.pid}`;
    const tandemTheme = path.join(TANDEM_THEMES_DIR, theme);
    mkdirSync(tandemTheme, { recursive: true });
    try {
      writeFileSync(path.join(tandemTheme, 'notes.txt'), 'v1');
      const course = courseCopy();
      const config = path.join(course, 'tandem.config.yaml');
      writeFileSync(config, readFileSync(config, 'utf8').replace('theme: default', `theme: ${theme}`));
      // The course has a theme folder of its own too, so a key that hashed only the first folder found would miss the change.
      mkdirSync(path.join(course, 'themes', theme), { recursive: true });
      writeFileSync(path.join(course, 'themes', theme, 'README.txt'), 'our overrides go here');
      const out = tempDir();
      await buildTo(course, out);
      expect((await buildTo(course, out)).stats).toMatchObject({ built: 0, reused: 6 });
      writeFileSync(path.join(tandemTheme, 'notes.txt'), 'v2');
      expect((await buildTo(course, out)).stats).toMatchObject({ built: 6, reused: 0 });
    } finally {
      rmSync(tandemTheme, { recursive: true, force: true });
    }
  });

  it('rewrites an output that was deleted or tampered with, from the cache', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    const file = path.join(out, 'stamp/lockout-tagout.txt');
    const original = readFileSync(file, 'utf8');
    rmSync(file);
    const warm = await buildTo(course, out);
    expect(warm.stats).toMatchObject({ built: 0, written: 1 });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('a warm build reports the same warnings, with code frames, as a cold one', async () => {
    const out = tempDir();
    const cold = await buildTo('fixtures/invalid/learning-only-metric', out);
    const warm = await buildTo('fixtures/invalid/learning-only-metric', out);
    expect(cold.diagnostics.map((d) => d.code)).toEqual(['METRIC_LEARNING_ONLY']);
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(warm.sources.get(warm.diagnostics[0]!.file!)).toContain('layer: learning');
    const index = JSON.parse(readFileSync(path.join(out, '.tandem-cache/index.json'), 'utf8'));
    expect(Object.keys(index.units)).toHaveLength(1);
  });

  it('survives a corrupt cache index', async () => {
    const course = courseCopy();
    const out = tempDir();
    await buildTo(course, out);
    writeFileSync(path.join(out, '.tandem-cache/index.json'), '{"format":1,"jobs":{');
    const result = await buildTo(course, out);
    expect(result.stats).toMatchObject({ built: 6 });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('sharding', () => {
  it('splits units and paths into disjoint stable shards that merge into the full release', async () => {
    const full = tempDir();
    await buildTo('fixtures/sample-course', full);
    const fullManifest = readManifest(full);
    const shards = [];
    for (let i = 1; i <= 3; i++) {
      const out = tempDir();
      const result = await buildTo('fixtures/sample-course', out, { shard: { index: i, count: 3 } });
      shards.push(result.manifest!);
      expect(result.manifest!.shard).toEqual({ index: i, count: 3 });
      expect(result.manifest!.buildId).toBe(fullManifest.buildId);
    }
    const unitCounts = shards.map((m) => m.units.length);
    expect(unitCounts.reduce((a, b) => a + b, 0)).toBe(4);
    const merged = mergeManifests(shards);
    expect(merged.ok && merged.missingShards).toEqual([]);
    expect(merged.ok && merged.manifest).toEqual(fullManifest);
  });

  it('refuses to merge manifests of different releases, and reports missing shards', async () => {
    const a = (await buildTo('fixtures/sample-course', tempDir(), { shard: { index: 1, count: 2 } })).manifest!;
    const b = (await buildTo('fixtures/sample-course', tempDir(), { shard: { index: 2, count: 2 }, sourceDateEpoch: 1_700_000_000 })).manifest!;
    expect(mergeManifests([a, b])).toMatchObject({ ok: false, problem: expect.stringContaining('build id') });
    expect(mergeManifests([a])).toMatchObject({ ok: true, missingShards: [2] });
    expect(mergeManifests([a, a])).toMatchObject({ ok: false, problem: 'shard 1/2 is given twice' });
  });

  it('parses --shard values strictly', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1-2', '']) expect(parseShard(bad)).toBeUndefined();
  });
});

describe('--changed-since', () => {
  it('lists changed units and warns when the version was not bumped', async () => {
    const course = courseCopy();
    const first = await buildTo(course, tempDir());
    const edit = (unit: string, from: string, to: string) => {
      const file = path.join(course, 'units', unit, 'lesson.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    };
    edit('refund-approval', 'photo', 'Photo');
    edit('discount-approval', 'deal desk', 'Deal Desk');
    const unitYaml = path.join(course, 'units/discount-approval/unit.yaml');
    writeFileSync(unitYaml, readFileSync(unitYaml, 'utf8').replace('version: 1.1.0', 'version: 1.2.0'));
    const second = await buildTo(course, tempDir(), { changedSince: first.manifest });
    expect(second.changes).toEqual([
      { id: 'discount-approval', change: 'changed', previousVersion: '1.1.0', version: '1.2.0', bumped: true },
      { id: 'refund-approval', change: 'changed', previousVersion: '1.2.0', version: '1.2.0', bumped: false },
    ]);
    expect(second.diagnostics).toMatchObject([{ code: 'VERSION_NOT_BUMPED', severity: 'warning', unitId: 'refund-approval', line: expect.any(Number) }]);
    const line = readFileSync(path.join(course, 'units/refund-approval/unit.yaml'), 'utf8').split('\n')[second.diagnostics[0]!.line! - 1];
    expect(line).toMatch(/^version: 1\.2\.0/);
  });

  it('compares versions by semver precedence', () => {
    expect(compareSemver('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareSemver('2.0.0-rc.1', '2.0.0')).toBeLessThan(0);
    expect(compareSemver('2.0.0-rc.10', '2.0.0-rc.9')).toBeGreaterThan(0);
    expect(compareSemver('1.0.0+build.5', '1.0.0')).toBe(0);
  });
});

describe('failure behaviour', () => {
  it('a unit with errors is skipped; with --fail-fast nothing is built', async () => {
    const course = courseCopy();
    writeFileSync(path.join(course, 'units/lockout-tagout/job-aid.md'), '## Steps\n\n1. Lock\n');
    const sink = new MemorySink();
    const normal = await build({ courseDir: course, targets: ['stamp'], sink, availableTargets: [stamp] });
    expect(normal.skippedUnits).toEqual(['lockout-tagout']);
    expect(normal.manifest!.units.map((u) => u.id)).not.toContain('lockout-tagout');
    expect(normal.records).toHaveLength(4);
    const fast = await build({ courseDir: course, targets: ['stamp'], sink: new MemorySink(), availableTargets: [stamp], failFast: true });
    expect(fast.records).toHaveLength(0);
    expect(fast.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('--fail-fast stops scheduling jobs after the first failing job', async () => {
    const failing: Target = { ...stamp, name: 'failing', async build() { throw new Error('disk on fire'); } };
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['failing'], sink: new MemorySink(), availableTargets: [failing], failFast: true, concurrency: 1 });
    expect(result.diagnostics.filter((d) => d.code === 'BUILD_FAILED')).toHaveLength(1);
    expect(result.stats.notRun).toBe(5);
  });
});

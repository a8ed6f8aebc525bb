/**
 * The build pipeline with stand-in targets, in memory: what the real targets rely on. Units with
 * errors are skipped and reported, the others build; a throwing target fails only its job;
 * collisions are caught at plan time; shared resources are disposed even when jobs fail.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../src/compile/build.js';
import { MemorySink } from '../src/compile/sink/memorySink.js';
import type { Target } from '../src/compile/targets/target.js';

const encode = (s: string) => new TextEncoder().encode(s);

/** Writes one file per unit holding its objective, and one per path listing its units. */
const echo: Target = {
  name: 'echo',
  description: 'test target',
  planUnit: (unit) => [{ target: 'echo', subject: { kind: 'unit', unit }, output: `echo/${unit.id}.txt` }],
  planPath: (p, units) => [{ target: 'echo', subject: { kind: 'path', path: p, units }, output: `echo/path-${p.id}.txt` }],
  async build(job) {
    const text = job.subject.kind === 'unit' ? job.subject.unit.contract.objective.id : job.subject.units.map((u) => u.id).join(',');
    const unitIds = job.subject.kind === 'unit' ? [job.subject.unit.id] : job.subject.units.map((u) => u.id);
    return { artifacts: [{ path: job.output, bytes: encode(text), target: 'echo', unitIds }] };
  },
};

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function copyOf(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-build-'));
  temps.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe('build pipeline', () => {
  it('builds every unit and path of the sample course into the sink', async () => {
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['echo'], sink, availableTargets: [echo] });
    expect(result.diagnostics).toEqual([]);
    expect([...sink.files.keys()].sort()).toEqual([
      'echo/customer-data-handling.txt',
      'echo/discount-approval.txt',
      'echo/lockout-tagout.txt',
      'echo/path-floor-safety.txt',
      'echo/path-support-onboarding.txt',
      'echo/refund-approval.txt',
      'manifest.json',
    ]);
    expect(new TextDecoder().decode(sink.files.get('echo/refund-approval.txt'))).toBe('OBJ-SUP-REFUND-500');
    expect(new TextDecoder().decode(sink.files.get('echo/path-support-onboarding.txt'))).toBe('refund-approval,customer-data-handling,discount-approval');
  });

  it('skips a unit with errors and the paths that contain it, and builds the rest', async () => {
    const dir = copyOf('fixtures/sample-course');
    writeFileSync(path.join(dir, 'units/lockout-tagout/job-aid.md'), '# Lock-out\n\n## Steps\n\n1. Lock\n');
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: [], sink, availableTargets: [echo] });
    expect(result.skippedUnits).toEqual(['lockout-tagout']);
    expect(result.diagnostics.map((d) => d.code)).toContain('JOB_AID_NO_CONTEXT');
    expect(sink.files.has('echo/lockout-tagout.txt')).toBe(false);
    expect(sink.files.has('echo/path-floor-safety.txt')).toBe(false);
    expect(sink.files.has('echo/refund-approval.txt')).toBe(true);
    expect(sink.files.has('echo/path-support-onboarding.txt')).toBe(true);
  });

  it('reports a target that throws as BUILD_FAILED for that job only, and disposes shared resources', async () => {
    const disposed: string[] = [];
    const flaky: Target = {
      ...echo,
      name: 'flaky',
      async build(job, ctx) {
        await ctx.shared.get('browser', async () => 'a browser', (b) => void disposed.push(b));
        if (job.subject.kind === 'unit' && job.subject.unit.id === 'discount-approval') throw new Error('printer on fire');
        return echo.build(job, ctx);
      },
    };
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['flaky'], sink, availableTargets: [flaky] });
    expect(result.diagnostics).toMatchObject([{ code: 'BUILD_FAILED', severity: 'error', message: expect.stringContaining('printer on fire') }]);
    expect([...sink.files.keys()].filter((f) => f.startsWith('echo/'))).toHaveLength(5);
    expect(disposed).toEqual(['a browser']);
  });

  it('catches output collisions at plan time', async () => {
    const clash: Target = { ...echo, name: 'clash', planUnit: (unit) => [{ target: 'clash', subject: { kind: 'unit', unit }, output: 'same.txt' }], planPath: undefined };
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['clash'], sink: new MemorySink(), availableTargets: [clash] });
    expect(result.diagnostics.filter((d) => d.code === 'OUTPUT_COLLISION')).toHaveLength(3);
    expect(result.artifacts).toHaveLength(1);
  });

  it('rejects an unknown target before loading anything', async () => {
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['pdf'], sink: new MemorySink(), availableTargets: [echo] });
    expect(result.diagnostics).toMatchObject([{ code: 'TARGET_UNKNOWN', hint: 'Use one of: echo.' }]);
  });
});

describe('build({ units })', () => {
  it('builds only the jobs of the named units, no learning path (what tandem preview rebuilds after a save)', async () => {
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['scorm12', 'job-aid-html'], units: ['lockout-tagout'], sink, manifest: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...sink.files.keys()].sort()).toEqual(['job-aids/lockout-tagout.html', 'scorm12/lockout-tagout.zip']);
  });
});

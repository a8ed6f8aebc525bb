/**
 * Issue 16, the release gate: `tandem check --release` and `tandem build --release` refuse units
 * whose required approvals are missing or stale, naming unit, role and what changed; the sample
 * course's approvals are valid for its content; a release manifest lists every approval.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import type { Target } from '../../src/compile/targets/target.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy, tempDir } = useTempDirs('tandem-gate-');

const echo: Target = {
  name: 'echo',
  description: 'test target',
  planUnit: (unit) => [{ target: 'echo', subject: { kind: 'unit', unit }, output: `echo/${unit.id}.txt` }],
  planPath: (p, units) => [{ target: 'echo', subject: { kind: 'path', path: p, units }, output: `echo/path-${p.id}.txt` }],
  async build(job) {
    const unitIds = job.subject.kind === 'unit' ? [job.subject.unit.id] : job.subject.units.map((u) => u.id);
    return { artifacts: [{ path: job.output, bytes: new TextEncoder().encode(unitIds.join(',')), target: 'echo', unitIds }] };
  },
};

function editStep(dir: string): void {
  const file = path.join(dir, 'units/refund-approval/job-aid.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Confirm the refund amount', 'Confirm the refund total'));
}

describe('tandem check --release', () => {
  it('passes on the sample course: its approvals are valid for its content', async () => {
    const run = await runTandem(['check', 'fixtures/sample-course', '--release']);
    expect(run.stdout).toBe('No problems found.\n');
    expect(run.code).toBe(0);
  });

  it('exits 1 naming APPROVAL_STALE with the unit, the role and what changed; without --release nothing changes', async () => {
    const dir = courseCopy();
    editStep(dir);
    expect((await runTandem(['check', dir])).code).toBe(0);
    const run = await runTandem(['check', dir, '--release', '--format', 'json']);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout).diagnostics.map((d: { code: string; message: string }) => `${d.code}: ${d.message}`);
    expect(found).toEqual([
      'APPROVAL_STALE: The SME approval of unit refund-approval (role sme, by Priya Nair on 2026-11-20, version 1.2.0) is stale: job-aid steps changed since; a release leaves the unit out.'.replace('The SME', 'The subject-matter expert (SME)'),
      'APPROVAL_STALE: The ops manager approval of unit refund-approval (role ops_manager, by Marco Reyes on 2026-11-20, version 1.2.0) is stale: job aid changed since; a release leaves the unit out.',
    ]);
  });

  it('names APPROVAL_MISSING with the unit and role when a role never approved', async () => {
    const dir = courseCopy();
    const file = path.join(dir, 'approvals/lockout-tagout.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ {2}analyst:\n(?: {4}.*\n)+/, ''));
    const run = await runTandem(['check', dir, '--release']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('units/lockout-tagout/unit.yaml:1:1 error APPROVAL_MISSING');
    expect(run.stdout).toContain('Unit lockout-tagout has no approval from its analyst (role analyst)');
  });
});

describe('tandem build --release', () => {
  it('builds nothing for a unit with a stale approval (nor the paths holding it); the manifest lists every approval', async () => {
    const dir = courseCopy();
    editStep(dir);
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: [], sink, availableTargets: [echo], release: true });
    expect([...sink.files.keys()].sort()).toEqual(['echo/customer-data-handling.txt', 'echo/discount-approval.txt', 'echo/lockout-tagout.txt', 'echo/path-floor-safety.txt', 'manifest.json']);
    expect(result.diagnostics.map((d) => `${d.code} ${d.unitId ?? ''}`).sort()).toEqual(['APPROVAL_STALE refund-approval', 'APPROVAL_STALE refund-approval', 'PATH_NOT_BUILT ']);
    const manifest = JSON.parse(new TextDecoder().decode(sink.files.get('manifest.json')));
    expect(manifest.skippedUnits).toEqual(['refund-approval']);
    const lockout = manifest.units.find((u: { id: string }) => u.id === 'lockout-tagout');
    expect(lockout.approvals.map((a: { role: string; by: string; hash: string; date: string }) => `${a.role} ${a.by} ${a.hash.length} ${a.date}`)).toEqual([
      'sme Luis Carvalho 64 2026-11-20',
      'ops_manager Helen Okafor 64 2026-11-20',
      'ld_lead Kwame Mensah 64 2026-11-20',
      'analyst Mei Tanaka 64 2026-11-20',
    ]);
    // Without --release nothing is gated and the manifest has no approvals.
    const plain = new MemorySink();
    await build({ courseDir: dir, targets: [], sink: plain, availableTargets: [echo] });
    expect(plain.files.has('echo/refund-approval.txt')).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(plain.files.get('manifest.json'))).units[0].approvals).toBeUndefined();
  });

  it('the CLI exits 1 and writes no artifact of the refused unit', async () => {
    const dir = courseCopy();
    rmSync(path.join(dir, 'approvals/discount-approval.yaml'));
    const out = path.join(tempDir(), 'out');
    const run = await runTandem(['build', dir, '--release', '--target', 'job-aid-html', '--out', out, '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('APPROVAL_MISSING');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.units.map((u: { id: string }) => u.id)).toEqual(['customer-data-handling', 'lockout-tagout', 'refund-approval']);
    expect(JSON.stringify(manifest)).not.toContain('discount-approval.html');
  });
});

describe('tandem approve', () => {
  it('records the approval that makes the gate pass again; refuses bad roles, unknown units and units with errors', async () => {
    const dir = courseCopy();
    editStep(dir);
    for (const [role, by] of [['sme', 'Priya Nair'], ['ops_manager', 'Marco Reyes']]) {
      const run = await runTandem(['approve', dir, 'refund-approval', '--role', role!, '--by', by!, '--date', '2026-11-24', '--note', 'step 1 reworded']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Recorded: ${by} approves refund-approval 1\\.2\\.0 as ${role}, slice [0-9a-f]{12} \\(replaces ${by}'s approval of 2026-11-20\\)`));
    }
    expect((await runTandem(['check', dir, '--release'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'approvals/refund-approval.yaml'), 'utf8')).toContain('    date: 2026-11-24\n    note: step 1 reworded\n');

    expect((await runTandem(['approve', dir, 'refund-approval', '--role', 'boss', '--by', 'X'])).stderr).toContain('--role must be one of sme, ops_manager, ld_lead, analyst');
    expect((await runTandem(['approve', dir, 'refund-approval', '--role', 'sme'])).code).toBe(2);
    expect((await runTandem(['approve', dir, 'refund-approval', '--role', 'sme', '--by', 'X', '--date', '2026-02-30'])).code).toBe(2);
    expect((await runTandem(['approve', dir, 'no-such-unit', '--role', 'sme', '--by', 'X'])).stderr).toContain('the course has no unit "no-such-unit"');
    writeFileSync(path.join(dir, 'units/lockout-tagout/job-aid.md'), '# Lock-out\n\n## Steps\n\n1. Lock\n');
    const broken = await runTandem(['approve', dir, 'lockout-tagout', '--role', 'sme', '--by', 'Luis Carvalho']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('unit lockout-tagout has errors; fix them before it is approved');
  });
});

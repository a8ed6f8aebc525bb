/** Issue 16: `tandem new <unit-id> --from-request <id>` scaffolds a unit from a request, placeholders reported until replaced. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/course/check.js';
import { scaffoldCourse } from '../../src/init/scaffoldCourse.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-new-');
const REQUESTS = `id,title,source,workflow,impact,frequency,risk,severity,metric,baseline,requester,sme,date,training_is_fix
REQ-014,Refunds over $500,support,Approving refunds,5,4,Agents approve refunds without photo evidence,high,Refunds over $500 approved without evidence,14% of audited cases,Ana Silva,Priya Nair,2026-10-02,yes
REQ-015,Discount codes,sales,Applying discounts,3,3,Reps apply expired codes,medium,Expired codes applied,6%,Bo,Sam Lee,2026-10-03,no
REQ-016,Broken,sales,W,3,3,R,medium,,B,Bo,Sam Lee,2026-10-03,yes
`;

async function course(): Promise<string> {
  const dir = path.join(tempDir(), 'course');
  expect((await scaffoldCourse(dir)).ok).toBe(true);
  writeFileSync(path.join(dir, 'requests.csv'), REQUESTS);
  return dir;
}

describe('tandem new --from-request', () => {
  it('pre-fills the unit from the request, and check reports each placeholder until it is replaced', async () => {
    const dir = await course();
    const run = await runTandem(['new', 'refund-approval', '--from-request', 'REQ-014', '--course', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Created units/refund-approval from request REQ-014');
    const unitFile = path.join(dir, 'units/refund-approval/unit.yaml');
    const unit = parseYaml(readFileSync(unitFile, 'utf8'));
    expect(unit).toMatchObject({
      id: 'refund-approval',
      title: 'Refunds over $500',
      version: '0.1.0',
      request: { source: 'support', impact: 5, frequency: 4, ticket: 'REQ-014' },
      objective: { id: 'OBJ-SUPPORT-REFUND-APPROVAL' },
      risk: { statement: 'Agents approve refunds without photo evidence', severity: 'high' },
      metric: { name: 'Refunds over $500 approved without evidence', baseline: '14% of audited cases' },
      owners: { sme: 'Priya Nair' },
    });
    expect(unit.objective.statement).toMatch(/^Replace with .*\(draft: Approving refunds: Refunds over \$500\)$/);

    const unitDiagnostics = async () =>
      (await check(dir)).diagnostics.filter((d) => d.unitId === 'refund-approval').map((d) => `${d.code} ${path.basename(d.file!)}:${d.line}:${d.column}`);
    const before = await unitDiagnostics();
    // The scaffold is valid apart from what only people can write: the placeholders, and a lesson still too short to teach.
    expect(new Set(before.map((d) => d.split(' ')[0]))).toEqual(new Set(['PLACEHOLDER_LEFT', 'LESSON_TOO_SHORT']));
    expect(before.filter((d) => d.includes('unit.yaml'))).toEqual([
      'PLACEHOLDER_LEFT unit.yaml:15:14',
      'PLACEHOLDER_LEFT unit.yaml:23:11',
      'PLACEHOLDER_LEFT unit.yaml:25:12',
      'PLACEHOLDER_LEFT unit.yaml:26:16',
      'PLACEHOLDER_LEFT unit.yaml:28:12',
      'PLACEHOLDER_LEFT unit.yaml:34:7',
    ]);
    expect(before.filter((d) => d.includes('job-aid.md'))).toEqual(['PLACEHOLDER_LEFT job-aid.md:9:1', 'PLACEHOLDER_LEFT job-aid.md:13:4', 'PLACEHOLDER_LEFT job-aid.md:14:4', 'PLACEHOLDER_LEFT job-aid.md:22:1']);

    // Replacing one placeholder clears exactly that warning.
    writeFileSync(unitFile, readFileSync(unitFile, 'utf8').replace('target: Replace with the target the analyst agrees', 'target: under 2% of audited cases'));
    const jobAid = path.join(dir, 'units/refund-approval/job-aid.md');
    writeFileSync(jobAid, readFileSync(jobAid, 'utf8').replace(/^1\. Replace with .*$/m, '1. Confirm the amount and the order number.'));
    const after = await unitDiagnostics();
    expect(before.filter((d) => !after.includes(d))).toEqual(['PLACEHOLDER_LEFT unit.yaml:23:11', 'PLACEHOLDER_LEFT job-aid.md:13:4']);
  });

  it('says when the request needs only a job aid (training_is_fix = no)', async () => {
    const dir = await course();
    const run = await runTandem(['new', 'discount-codes', '--from-request', 'REQ-015'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('training is not the fix');
    expect(readFileSync(path.join(dir, 'units/discount-codes/unit.yaml'), 'utf8')).toContain('the job aid carries this unit');
  });

  it('refuses, changing nothing: an unknown or invalid request, an existing unit, a bad unit id', async () => {
    const dir = await course();
    const unknown = await runTandem(['new', 'x-unit', '--from-request', 'REQ-999', '--course', dir]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no request REQ-999 in')]);
    const invalid = await runTandem(['new', 'x-unit', '--from-request', 'REQ-016', '--course', dir]);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toContain('INTAKE_METRIC_MISSING');
    expect(existsSync(path.join(dir, 'units/x-unit'))).toBe(false);
    expect((await runTandem(['new', 'first-unit', '--from-request', 'REQ-014', '--course', dir])).stderr).toContain('units/first-unit already exists');
    expect((await runTandem(['new', 'Bad Id', '--from-request', 'REQ-014', '--course', dir])).code).toBe(2);
    expect((await runTandem(['new', 'x-unit', '--course', dir])).stderr).toContain('--from-request <id> is required');
  });
});

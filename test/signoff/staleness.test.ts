/**
 * Issue 16, sign-off bound to content: the exact staleness rule. Every unit of a copy of the
 * sample course is approved by all four roles; then one edit at a time, and the set of stale
 * approvals (unit, role, parts that changed) must be exactly the roles that own what was edited.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/loadCourse.js';
import { approveUnit, SIGNOFF_ROLES, verifyApprovals } from '../../src/release/index.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-signoff-');
let dir: string;
const file = (rel: string) => path.join(dir, 'units', rel);
const edit = (rel: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file(rel), 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit of ${rel} applies`).not.toBe(text);
  writeFileSync(file(rel), next);
};

async function approveAll(courseDir: string): Promise<void> {
  const { course } = await loadCourse(courseDir);
  for (const unit of course!.units)
    for (const role of SIGNOFF_ROLES) {
      const r = await approveUnit(courseDir, unit.id, role, unit.contract.owners[role], { date: '2026-11-20' });
      expect(r.ok).toBe(true);
    }
}

/** `unit role: part, part` for every approval that is not current. */
async function stale(): Promise<string[]> {
  const { course, diagnostics } = await loadCourse(dir);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out: string[] = [];
  for (const u of verifyApprovals(course!).units.values())
    for (const r of u.roles) if (r.status !== 'current') out.push(`${u.unitId} ${r.role}: ${r.status === 'stale' ? r.changed.join(', ') : 'missing'}`);
  return out.sort();
}

beforeEach(async () => {
  dir = courseCopy();
  rmSync(path.join(dir, 'approvals'), { recursive: true, force: true });
  await approveAll(dir);
});

describe('which approvals an edit stales', () => {
  it('all approvals are current right after approving', async () => {
    expect(await stale()).toEqual([]);
  });

  it('one word of a job-aid step: exactly that unit’s SME and ops-manager approvals', async () => {
    edit('refund-approval/job-aid.md', 'Confirm the refund amount and the order number', 'Confirm the refund total and the order number');
    expect(await stale()).toEqual(['refund-approval ops_manager: job aid', 'refund-approval sme: job-aid steps']);
  });

  it('the job aid’s escalation: the ops manager only', async () => {
    edit('refund-approval/job-aid.md', 'call ext. 4410', 'call ext. 4411');
    expect(await stale()).toEqual(['refund-approval ops_manager: escalation']);
  });

  it('the job aid’s watch-outs: the ops manager only (the SME owns the steps, not the whole card)', async () => {
    edit('refund-approval/job-aid.md', 'however urgent the customer', 'however urgent the caller');
    expect(await stale()).toEqual(['refund-approval ops_manager: job aid']);
  });

  it('one word on a lesson screen: the SME and the L&D lead', async () => {
    edit('refund-approval/lesson.md', 'She is polite, the queue is long', 'She is polite, the queue is very long');
    expect(await stale()).toEqual(['refund-approval ld_lead: whole lesson', 'refund-approval sme: lesson screens']);
  });

  it('a question’s feedback: the SME (questions) and the L&D lead (whole lesson)', async () => {
    edit('refund-approval/lesson.md', 'Not quite. Check the matrix row', 'Not quite. Look at the matrix row');
    expect(await stale()).toEqual(['refund-approval ld_lead: whole lesson', 'refund-approval sme: questions']);
  });

  it('a screen title: the SME, and the L&D lead for the lesson structure too', async () => {
    edit('refund-approval/lesson.md', '## The rule: the approval matrix', '## The rule: our approval matrix');
    expect(await stale()).toEqual(['refund-approval ld_lead: lesson structure, whole lesson', 'refund-approval sme: lesson screens']);
  });

  it('objective and risk: the L&D lead only', async () => {
    edit('refund-approval/unit.yaml', 'using the refund approval matrix.', 'using the approval matrix.');
    edit('refund-approval/unit.yaml', 'without checking photo evidence', 'without checking the photo evidence');
    expect(await stale()).toEqual(['refund-approval ld_lead: objective, risk']);
  });

  it('target, baseline and reinforcement: the analyst only', async () => {
    edit('refund-approval/unit.yaml', 'target: under 2% of audited cases', 'target: under 1% of audited cases');
    expect(await stale()).toEqual(['refund-approval analyst: target']);
    edit('refund-approval/unit.yaml', '14% of audited cases (Q1 audit)', '15% of audited cases (Q1 audit)');
    edit('refund-approval/unit.yaml', 'after_days: 5', 'after_days: 6');
    expect(await stale()).toEqual(['refund-approval analyst: baseline, target, reinforcement']);
  });

  it('an image both lesson and job aid show: SME, ops manager and L&D lead, not the analyst', async () => {
    const svg = file('refund-approval/assets/approval-matrix.svg');
    writeFileSync(svg, readFileSync(svg, 'utf8').replace('</svg>', '<!-- redrawn --></svg>'));
    expect(await stale()).toEqual(['refund-approval ld_lead: whole lesson', 'refund-approval ops_manager: job aid', 'refund-approval sme: lesson screens']);
  });

  it('whitespace and format only stale nobody: re-wrapped text, CRLF, YAML quoting and comments, a version bump', async () => {
    edit('refund-approval/lesson.md', 'She is polite, the queue is long, and', 'She is polite,   the queue is long,\nand');
    const jobAid = file('refund-approval/job-aid.md');
    writeFileSync(jobAid, readFileSync(jobAid, 'utf8').replace(/\n/g, '\r\n').replace('order number with the customer.', 'order number with the customer.   '));
    edit('refund-approval/unit.yaml', 'target: under 2% of audited cases', "target: 'under 2% of audited cases'   # agreed with finance");
    edit('refund-approval/unit.yaml', 'version: 1.2.0', 'version: 1.2.1');
    expect(await stale()).toEqual([]);
  });
});

describe('approval files', () => {
  it('a new approval replaces only that role’s entry; the file names role, person, hash, version and date', async () => {
    edit('refund-approval/job-aid.md', 'Confirm the refund amount', 'Confirm the refund total');
    const r = await approveUnit(dir, 'refund-approval', 'sme', 'Priya Nair', { date: '2026-11-21', note: 'Step 1 wording' });
    expect(r.ok).toBe(true);
    expect(await stale()).toEqual(['refund-approval ops_manager: job aid']);
    const text = readFileSync(path.join(dir, 'approvals/refund-approval.yaml'), 'utf8');
    expect(text).toMatch(/^unit: refund-approval\napprovals:\n {2}sme:\n {4}by: Priya Nair\n {4}hash: [0-9a-f]{64}\n {4}parts:\n {6}lesson screens: [0-9a-f]{64}\n {6}questions: [0-9a-f]{64}\n {6}job-aid steps: [0-9a-f]{64}\n {4}version: 1\.2\.0\n {4}date: 2026-11-21\n {4}note: Step 1 wording\n {2}ops_manager:/m);
  });

  it('a hand-edited hash is APPROVAL_INVALID and counts as missing; a file for no unit is APPROVAL_UNIT_UNKNOWN', async () => {
    const approvals = path.join(dir, 'approvals/refund-approval.yaml');
    writeFileSync(approvals, readFileSync(approvals, 'utf8').replace(/(sme:\n {4}by: Priya Nair\n {4}hash: )[0-9a-f]{64}/, '$1abc'));
    writeFileSync(path.join(dir, 'approvals/old-unit.yaml'), 'unit: old-unit\napprovals: {}\n');
    const { course } = await loadCourse(dir);
    const result = verifyApprovals(course!);
    expect(result.diagnostics.map((d) => `${d.code} ${path.relative(dir, d.file!)}:${d.line}:${d.column}`)).toEqual([
      'APPROVAL_INVALID approvals/refund-approval.yaml:6:5',
      'APPROVAL_MISSING units/refund-approval/unit.yaml:1:1',
      'APPROVAL_UNIT_UNKNOWN approvals/old-unit.yaml:1:1',
    ]);
    expect(result.diagnostics[1]!.message).toBe('Unit refund-approval has no approval from its subject-matter expert (SME) (role sme); a release leaves it out.');
    expect([...result.blocked]).toEqual(['refund-approval']);
  });

  it('signoff.required limits the roles a release needs', async () => {
    edit('refund-approval/unit.yaml', 'target: under 2% of audited cases', 'target: under 1% of audited cases');
    const config = path.join(dir, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8') + 'signoff:\n  required: [sme, ld_lead]\n');
    const { course } = await loadCourse(dir);
    const result = verifyApprovals(course!);
    expect(result.diagnostics).toEqual([]);
    expect(result.units.get('refund-approval')!.roles.find((r) => r.role === 'analyst')!.status).toBe('stale');
  });
});

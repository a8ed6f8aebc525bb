/**
 * One unit on the lifecycle board: its stage in the loop (request → definition → production →
 * sign-off → release → reinforcement → biweekly review), who owns the next step, and what is due.
 * Every value is derived from real state: check diagnostics, approvals, the last release
 * manifest and the last report.
 */
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { OWNER_ROLES, type OwnerRole, type Unit } from '../course/model/unit.js';
import type { UnitSignoff } from '../release/index.js';
import { daysBetween, type LastReport, type ReleasedUnit } from './inputs.js';

export const STAGES = ['requested', 'defined', 'produced', 'approved', 'released', 'reinforced', 'reviewed'] as const;
export type Stage = (typeof STAGES)[number];

export interface DueItem {
  code: string;
  severity: string;
  message: string;
  /** Who acts on it. */
  owner: OwnerRole;
}

export interface UnitStatus {
  unitId: string;
  title: string;
  version: string;
  requestId?: string;
  stage: Stage;
  nextOwner: { role: OwnerRole; name: string };
  next: string;
  due: DueItem[];
}

/** Flags of `tandem report` and the role that acts on each (the rest are about the lesson: the L&D lead). */
const FLAG_OWNERS: Record<string, OwnerRole> = {
  JOB_AID_UNUSED: 'ops_manager',
  STALE_PRINTED_COPIES: 'ops_manager',
  METRIC_NOT_MOVING: 'analyst',
  LEARNING_WITHOUT_TRANSFER: 'analyst',
};
export const REVIEW_EVERY_DAYS = 14;

export interface UnitInputs {
  unit: Unit;
  /** This unit's check diagnostics. */
  diagnostics: readonly Diagnostic[];
  signoff: UnitSignoff;
  released?: ReleasedUnit;
  report?: LastReport;
  today: string;
}

export function unitStatus({ unit, diagnostics, signoff, released, report, today }: UnitInputs): UnitStatus {
  const c = unit.contract;
  const owner = (role: OwnerRole) => ({ role, name: c.owners[role] || OWNER_ROLES[role] });
  const due: DueItem[] = [];
  const add = (d: Diagnostic, role: OwnerRole) => due.push({ code: d.code, severity: d.severity, message: d.message, owner: role });

  for (const r of signoff.blocking) {
    const params = { unit: unit.id, role: r.role, label: OWNER_ROLES[r.role], owner: owner(r.role).name };
    add(r.status === 'stale' ? diagnose('APPROVAL_STALE', { ...params, by: r.approval.by, date: r.approval.date, version: r.approval.version, changed: r.changed.join(', ') }) : diagnose('APPROVAL_MISSING', params), r.role);
  }
  const isReleased = released !== undefined && released.contentHash === unit.contentHash;
  if (released && !isReleased && released.version === c.version) add(diagnose('VERSION_NOT_BUMPED', { version: c.version, previous: released.version }), 'ld_lead');
  if (unit.jobAid?.reviewBy && unit.jobAid.reviewBy < today) add(diagnose('JOB_AID_REVIEW_DUE', { unit: unit.id, day: unit.jobAid.reviewBy, owner: owner('ops_manager').name }), 'ops_manager');
  const covered = report?.objectives.find((o) => o.unitId === unit.id);
  const reportAge = report ? daysBetween(report.day, today) : 0;
  if (isReleased && covered && reportAge > REVIEW_EVERY_DAYS) add(diagnose('REVIEW_OVERDUE', { unit: unit.id, days: reportAge, owner: owner('analyst').name }), 'analyst');
  for (const f of covered?.flags ?? []) if (f.severity !== 'info') due.push({ code: f.code, severity: f.severity, message: f.message, owner: FLAG_OWNERS[f.code] ?? 'ld_lead' });

  const unfinished = diagnostics.some((d) => d.severity === 'error' || d.code === 'PLACEHOLDER_LEFT');
  let stage: Stage;
  let next: string;
  let nextRole: OwnerRole;
  if (unfinished) {
    [stage, nextRole, next] = ['defined', 'ld_lead', 'finish the unit: `tandem check` lists the errors and placeholders left'];
  } else if (signoff.blocking.length) {
    [stage, nextRole, next] = ['produced', signoff.blocking[0]!.role, `sign-off by ${signoff.blocking.map((r) => r.role).join(', ')} (\`tandem review\`, then \`tandem approve\`)`];
  } else if (!isReleased) {
    [stage, nextRole, next] = ['approved', 'ld_lead', 'release it: `tandem build --release`, then publish'];
  } else if (!covered || covered.completed === 0) {
    [stage, nextRole, next] = ['released', 'analyst', 'first completions, then `tandem report`'];
  } else if (reportAge > REVIEW_EVERY_DAYS) {
    // Completions with a reinforcement plan mean reminders are going out.
    [stage, nextRole, next] = [c.reinforcement ? 'reinforced' : 'released', 'analyst', 'biweekly review: run `tandem report` and go through its flags'];
  } else {
    [stage, nextRole, next] = ['reviewed', 'analyst', `next biweekly review by ${addDays(report!.day, REVIEW_EVERY_DAYS)}`];
  }
  return { unitId: unit.id, title: c.title, version: c.version, ...(c.request.ticket ? { requestId: c.request.ticket } : {}), stage, nextOwner: owner(nextRole), next, due };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

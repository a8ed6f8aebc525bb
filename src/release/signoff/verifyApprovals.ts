/**
 * The release gate: every unit needs a current approval from each required role
 * (`signoff.required` in tandem.config.yaml, default all four). An approval is current when the
 * hash it recorded equals the role's slice hash of the unit as it is now; otherwise the parts
 * whose hashes differ are what changed. Used by `tandem check --release`, `tandem build
 * --release` (a unit that fails is not built) and `tandem status`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Course } from '../../course/model/course.js';
import { OWNER_ROLES, type OwnerRole, type Unit } from '../../course/model/unit.js';
import { APPROVALS_DIR, readApprovals, type Approval } from './approvalsFile.js';
import { SIGNOFF_ROLES, unitSlices, type Slice } from './slices.js';

export type RoleState =
  | { role: OwnerRole; status: 'current'; slice: Slice; approval: Approval }
  | { role: OwnerRole; status: 'stale'; slice: Slice; approval: Approval; changed: string[] }
  | { role: OwnerRole; status: 'missing'; slice: Slice };

export interface UnitSignoff {
  unitId: string;
  /** Every role, required or not, in SIGNOFF_ROLES order. */
  roles: RoleState[];
  /** Required roles whose approval is missing or stale. */
  blocking: RoleState[];
}

export interface SignoffResult {
  units: Map<string, UnitSignoff>;
  diagnostics: Diagnostic[];
  /** Ids of units a release must leave out. */
  blocked: Set<string>;
  /** approvals/*.yaml texts, for code frames. */
  sources: Map<string, string>;
}

export function verifyApprovals(course: Course, required: readonly OwnerRole[] = course.config.signoff.required): SignoffResult {
  const units = new Map<string, UnitSignoff>();
  const diagnostics: Diagnostic[] = [];
  const blocked = new Set<string>();
  const sources = new Map<string, string>();
  for (const unit of course.units) {
    const file = readApprovals(course.root, unit.id);
    if (file.text !== undefined) sources.set(file.file, file.text);
    diagnostics.push(...file.diagnostics);
    const slices = unitSlices(unit);
    const roles = SIGNOFF_ROLES.map((role): RoleState => {
      const approval = file.approvals[role];
      const slice = slices[role];
      if (!approval) return { role, status: 'missing', slice };
      if (approval.hash === slice.hash) return { role, status: 'current', slice, approval };
      const names = new Set([...Object.keys(slice.parts), ...Object.keys(approval.parts)]);
      const changed = [...names].filter((n) => slice.parts[n] !== approval.parts[n]);
      return { role, status: 'stale', slice, approval, changed: changed.length ? changed : Object.keys(slice.parts) };
    });
    const blocking = roles.filter((r) => r.status !== 'current' && required.includes(r.role));
    for (const r of blocking) diagnostics.push(gateDiagnostic(unit, r));
    if (blocking.length) blocked.add(unit.id);
    units.set(unit.id, { unitId: unit.id, roles, blocking });
  }
  diagnostics.push(...orphanApprovals(course));
  return { units, diagnostics, blocked, sources };
}

function gateDiagnostic(unit: Unit, state: RoleState): Diagnostic {
  const params = { unit: unit.id, role: state.role, label: OWNER_ROLES[state.role], owner: unit.contract.owners[state.role] || `the unit's ${state.role}` };
  if (state.status === 'stale')
    return diagnose('APPROVAL_STALE', { ...params, by: state.approval.by, date: state.approval.date, version: state.approval.version, changed: state.changed.join(', ') }, state.approval.at);
  return diagnose('APPROVAL_MISSING', params, { file: unit.unitFile, line: 1, column: 1, unitId: unit.id });
}

/** approvals/<id>.yaml for a unit the course does not have (renamed or removed): a warning, so it is cleaned up. */
function orphanApprovals(course: Course): Diagnostic[] {
  let names: string[];
  try {
    names = readdirSync(path.join(course.root, APPROVALS_DIR));
  } catch {
    return [];
  }
  const ids = new Set(course.units.map((u) => u.id));
  return names
    .filter((n) => n.endsWith('.yaml') && !ids.has(n.slice(0, -5)))
    .sort()
    .map((n) => diagnose('APPROVAL_UNIT_UNKNOWN', { unit: n.slice(0, -5) }, { file: path.join(course.root, APPROVALS_DIR, n), line: 1, column: 1 }));
}

/** What a release manifest lists for a unit: its current approvals, in role order. */
export function currentApprovals(signoff: UnitSignoff | undefined): { role: OwnerRole; by: string; hash: string; version: string; date: string }[] {
  return (signoff?.roles ?? []).flatMap((r) => (r.status === 'current' ? [{ role: r.role, by: r.approval.by, hash: r.approval.hash, version: r.approval.version, date: r.approval.date }] : []));
}

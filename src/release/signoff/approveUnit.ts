/** `tandem approve`: records one role's approval of a unit's current content in approvals/<unit>.yaml. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCourse } from '../../course/loadCourse.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { OwnerRole } from '../../course/model/unit.js';
import { readApprovals, serializeApprovals, type Approval } from './approvalsFile.js';
import { unitSlices, type Slice } from './slices.js';

export type ApproveResult =
  | { ok: true; file: string; slice: Slice; previous?: Approval; version: string }
  | { ok: false; reason: string; diagnostics?: Diagnostic[]; sources?: Map<string, string> };

export async function approveUnit(courseDir: string, unitId: string, role: OwnerRole, by: string, options: { note?: string; date: string }): Promise<ApproveResult> {
  const loaded = await loadCourse(courseDir);
  const course = loaded.course;
  if (!course) return { ok: false, reason: `${path.resolve(courseDir)} is not a course that loads`, diagnostics: loaded.diagnostics, sources: loaded.sources };
  const unit = course.units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, reason: `the course has no unit "${unitId}" (units: ${course.units.map((u) => u.id).join(', ') || 'none'})` };
  // Approving content that does not check would bind a sign-off to something that cannot be released.
  const errors = loaded.diagnostics.filter((d) => d.unitId === unitId && d.severity === 'error');
  if (errors.length) return { ok: false, reason: `unit ${unitId} has errors; fix them before it is approved`, diagnostics: errors, sources: loaded.sources };
  const slice = unitSlices(unit)[role];
  const existing = readApprovals(course.root, unitId);
  const approvals: Partial<Record<OwnerRole, Omit<Approval, 'at'>>> = { ...existing.approvals };
  const previous = existing.approvals[role];
  approvals[role] = { role, by, hash: slice.hash, parts: slice.parts, version: unit.contract.version, date: options.date, ...(options.note ? { note: options.note } : {}) };
  await mkdir(path.dirname(existing.file), { recursive: true });
  await writeFile(existing.file, serializeApprovals(unitId, approvals));
  return { ok: true, file: existing.file, slice, previous, version: unit.contract.version };
}

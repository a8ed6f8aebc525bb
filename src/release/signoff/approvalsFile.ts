/**
 * `approvals/<unit-id>.yaml` in the course: the current approval of each role, written by
 * `tandem approve` and reviewed in git like any other change. One entry per role (a new approval
 * replaces that role's entry; git keeps the history):
 *
 *     unit: refund-approval
 *     approvals:
 *       sme:
 *         by: Priya Nair
 *         hash: 3f1c…            # the role's slice hash when approved
 *         parts: { lesson screens: 9a…, questions: 41…, job-aid steps: c7… }
 *         version: 1.2.0
 *         date: 2026-11-20
 *         note: Checked against the Q3 refund policy
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import { parseYamlSource } from '../../course/load/yamlSource.js';
import type { OwnerRole } from '../../course/model/unit.js';
import { SIGNOFF_ROLES } from './slices.js';
import { readCanonicalApprovals, type CanonicalSource } from './canonicalApprovals.js';

export const APPROVALS_DIR = 'approvals';

export interface Approval {
  role: OwnerRole;
  by: string;
  hash: string;
  parts: Record<string, string>;
  version: string;
  /** YYYY-MM-DD. */
  date: string;
  note?: string;
  /** Where the entry is written, for diagnostics. */
  at: Location;
}

export interface ApprovalsFile {
  file: string;
  exists: boolean;
  approvals: Partial<Record<OwnerRole, Approval>>;
  diagnostics: Diagnostic[];
  text?: string;
}

export function approvalsPath(courseRoot: string, unitId: string): string {
  return path.join(courseRoot, APPROVALS_DIR, `${unitId}.yaml`);
}

const HEX = /^[0-9a-f]{64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads one unit's approvals; a malformed entry is APPROVAL_INVALID and counts as no approval. */
export function readApprovals(courseRoot: string, unitId: string): ApprovalsFile {
  const file = approvalsPath(courseRoot, unitId);
  if (!existsSync(file)) return { file, exists: false, approvals: {}, diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, exists: true, approvals: {}, diagnostics: [diagnose('APPROVAL_INVALID', { unit: unitId, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }, { file, line: 1, column: 1, unitId })] };
  }
  // What tandem approve wrote is read line by line; anything else (or anything wrong) through the full YAML parser.
  const fast = readCanonicalApprovals(text, file, unitId);
  if (fast) {
    const read = interpret(fast, file, unitId, text, []);
    if (!read.diagnostics.length) return read;
  }
  // No control-character scan: nothing in an approvals file reaches a package.
  const source = parseYamlSource(text, { file, unitId, controlCharacters: false });
  return interpret(source, file, unitId, text, source.diagnostics.map((d) => ({ ...d, unitId })));
}

function interpret(source: CanonicalSource, file: string, unitId: string, text: string, parsed: Diagnostic[]): ApprovalsFile {
  const diagnostics = [...parsed];
  const approvals: ApprovalsFile['approvals'] = {};
  const data = source.data as { unit?: unknown; approvals?: Record<string, unknown> } | undefined;
  if (source.data === undefined) return { file, exists: true, approvals, diagnostics, text };
  const invalid = (reason: string, at: (string | number)[]) => diagnostics.push(diagnose('APPROVAL_INVALID', { unit: unitId, reason }, { ...source.locate(at), unitId }));
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    invalid('it is not a mapping with `unit:` and `approvals:`', []);
    return { file, exists: true, approvals, diagnostics, text };
  }
  if (data.unit !== unitId) invalid(`\`unit:\` is ${JSON.stringify(data.unit ?? null)}, not "${unitId}" (the file name)`, ['unit']);
  const entries = data.approvals && typeof data.approvals === 'object' && !Array.isArray(data.approvals) ? data.approvals : undefined;
  if (!entries) invalid('`approvals:` is missing or not a mapping of role → approval', ['approvals']);
  for (const [role, value] of Object.entries(entries ?? {})) {
    const at = ['approvals', role];
    if (!(SIGNOFF_ROLES as readonly string[]).includes(role)) {
      invalid(`"${role}" is not a role (sme, ops_manager, ld_lead, analyst)`, at);
      continue;
    }
    const e = value as Record<string, unknown> | null;
    const parts = e?.parts as Record<string, unknown> | undefined;
    const problem = !e || typeof e !== 'object'
      ? 'the entry is not a mapping'
      : typeof e.by !== 'string' || !e.by.trim()
        ? '`by` (who approved) is missing'
        : typeof e.hash !== 'string' || !HEX.test(e.hash)
          ? '`hash` is not a sha256 hash written by tandem approve'
          : !parts || typeof parts !== 'object' || Object.values(parts).some((h) => typeof h !== 'string')
            ? '`parts` is missing'
            : typeof e.version !== 'string' || !e.version
              ? '`version` is missing'
              : typeof e.date !== 'string' || !DAY.test(e.date)
                ? '`date` is not a day written YYYY-MM-DD'
                : undefined;
    if (problem) {
      invalid(`the ${role} approval: ${problem}`, at);
      continue;
    }
    approvals[role as OwnerRole] = {
      role: role as OwnerRole,
      by: (e!.by as string).trim(),
      hash: e!.hash as string,
      parts: parts as Record<string, string>,
      version: e!.version as string,
      date: e!.date as string,
      ...(typeof e!.note === 'string' && e!.note ? { note: e!.note } : {}),
      at: { ...source.locate(at, { key: true }), unitId },
    };
  }
  return { file, exists: true, approvals, diagnostics, text };
}

/** The file's text with `approval` recorded (replacing that role's entry), roles in a fixed order. */
export function serializeApprovals(unitId: string, approvals: Partial<Record<OwnerRole, Omit<Approval, 'at'>>>): string {
  const ordered: Record<string, unknown> = {};
  for (const role of SIGNOFF_ROLES) {
    const a = approvals[role];
    if (a) ordered[role] = { by: a.by, hash: a.hash, parts: a.parts, version: a.version, date: a.date, ...(a.note ? { note: a.note } : {}) };
  }
  return (
    `# Sign-off for unit ${unitId}, written by \`tandem approve\`: each role's approval is bound to the hash of\n` +
    '# the content that role owns; changing that content stales it (README, "Sign-off"). Review changes in git.\n' +
    stringify({ unit: unitId, approvals: ordered }, { lineWidth: 0 })
  );
}

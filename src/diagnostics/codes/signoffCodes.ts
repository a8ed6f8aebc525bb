/** Codes of sign-off: `tandem approve`, approvals/<unit>.yaml, and the release gate of `check --release` and `build --release`. */
import { entry } from '../catalogueEntry.js';

type Role = { unit: string; role: string; label: string; owner: string };

export const SIGNOFF_CODES = {
  APPROVAL_MISSING: entry<Role>({
    severity: 'error',
    summary: 'A release needs a role’s approval of a unit and there is none; the unit is not released.',
    message: (p) => `Unit ${p.unit} has no approval from its ${p.label} (role ${p.role}); a release leaves it out.`,
    hint: (p) =>
      `Ask ${p.owner} to review it (\`tandem review <course> ${p.unit} --out review\` writes a page for people without git) and approve it: ` +
      `\`tandem approve <course> ${p.unit} --role ${p.role} --by "${p.owner}"\`.`,
  }),
  APPROVAL_STALE: entry<Role & { by: string; date: string; version: string; changed: string }>({
    severity: 'error',
    summary: 'What a role approved has changed since (the part is named); the approval no longer counts and the unit is not released.',
    message: (p) => `The ${p.label} approval of unit ${p.unit} (role ${p.role}, by ${p.by} on ${p.date}, version ${p.version}) is stale: ${p.changed} changed since; a release leaves the unit out.`,
    hint: (p) =>
      `Show ${p.owner} what changed (\`tandem review <course> ${p.unit} --out review\`), then record the new approval: ` +
      `\`tandem approve <course> ${p.unit} --role ${p.role} --by "${p.owner}"\`.`,
  }),
  APPROVAL_INVALID: entry<{ unit: string; reason: string }>({
    severity: 'error',
    summary: 'An approvals/<unit>.yaml file is malformed; the entries it holds do not count.',
    message: (p) => `The approvals of unit ${p.unit} cannot be used: ${p.reason}.`,
    hint: () => 'approvals/<unit>.yaml is written by `tandem approve`; undo the hand edit (git checkout) or approve again.',
  }),
  APPROVAL_UNIT_UNKNOWN: entry<{ unit: string }>({
    severity: 'warning',
    summary: 'An approvals file names a unit the course does not have (renamed or removed).',
    message: (p) => `approvals/${p.unit}.yaml belongs to no unit of this course.`,
    hint: () => 'Remove it, or rename it after the unit it belongs to (a renamed unit needs its approvals again, with `tandem approve`).',
  }),
} as const;

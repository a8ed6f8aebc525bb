/** `tandem review`: one self-contained review page per role of one unit. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCourse } from '../course/loadCourse.js';
import type { Unit } from '../course/model/unit.js';
import { verifyApprovals, type RoleState } from '../release/index.js';
import { renderReviewPage } from './renderReviewPage.js';
import { approvalCommit, manifestCommit, unitAtRef, type Base } from './unitAtRef.js';

export interface ReviewOptions {
  /** A git ref or a release manifest file: compare every role with the unit there. Default: each role's last approval. */
  since?: string;
  outDir: string;
  /** How the course folder is written in the approve command shown (default: the path given). */
  courseLabel?: string;
}

export type ReviewResult = { ok: true; files: { role: string; file: string; status: RoleState['status']; base?: string }[] } | { ok: false; reason: string };

export async function writeReview(courseDir: string, unitId: string, options: ReviewOptions): Promise<ReviewResult> {
  const { course } = await loadCourse(courseDir);
  if (!course) return { ok: false, reason: `${path.resolve(courseDir)} is not a course that loads (run tandem check)` };
  const unit = course.units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, reason: `the course has no unit "${unitId}"` };
  const signoff = verifyApprovals(course).units.get(unitId)!;
  let shared: Base | undefined;
  if (options.since !== undefined) {
    const since = options.since;
    const isFile = /\.json$/i.test(since);
    const commit = isFile ? manifestCommit(path.resolve(since)) : { ok: true as const, commit: since };
    if (!commit.ok) return { ok: false, reason: commit.reason };
    shared = unitAtRef(course.root, unitId, commit.commit, isFile ? `the release of ${path.basename(since)} (${commit.commit.slice(0, 12)})` : since);
    if (!shared.ok && !isFile && /not a commit/.test(shared.reason)) return { ok: false, reason: `--since: ${shared.reason}` };
  }
  await mkdir(options.outDir, { recursive: true });
  const files: { role: string; file: string; status: RoleState['status']; base?: string }[] = [];
  for (const state of signoff.roles) {
    const base = shared ?? lastApproved(course.root, unit, state);
    const owner = unit.contract.owners[state.role] || `<${state.role}>`;
    const html = renderReviewPage({
      unit,
      state,
      ...(base?.ok ? { base: { content: base.content, label: base.label } } : { noBase: base ? `Nothing to compare with: ${base.reason}.` : 'Nothing to compare with: no earlier approval.' }),
      approveCommand: `tandem approve ${quote(options.courseLabel ?? courseDir)} ${unitId} --role ${state.role} --by ${quote(owner)}`,
    });
    const file = path.join(options.outDir, `${unitId}.${state.role}.html`);
    await writeFile(file, html);
    files.push({ role: state.role, file, status: state.status, ...(base?.ok ? { base: base.label } : {}) });
  }
  return { ok: true, files };
}

/** The unit as the role last approved it: the commit that recorded the approval's hash. */
function lastApproved(root: string, unit: Unit, state: RoleState): Base | undefined {
  if (state.status === 'missing') return undefined;
  const commit = approvalCommit(root, unit.id, state.approval.hash);
  if (!commit) return { ok: false, reason: `the approval of ${state.approval.date} is not committed in git, so the content approved then is unknown` };
  return unitAtRef(root, unit.id, commit, `${state.approval.by}'s approval of ${state.approval.date} (commit ${commit.slice(0, 12)})`);
}

function quote(text: string): string {
  return /^[\w./@:=+-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

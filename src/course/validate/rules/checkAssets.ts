import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { isExternalRef } from '../../load/collectAssetRefs.js';
import { diagnoseFileProblem } from '../../load/courseFiles.js';
import { resolveInUnit } from '../../load/loadUnit.js';
import type { UnitRule } from './unitRule.js';

/**
 * A unit is packaged on its own: every file it references must exist inside its folder, as a
 * regular file (a link leading out of the unit is refused: it could carry any file of the
 * building machine into a package). Images and media from the network break offline use and
 * LMSs that block outside requests.
 */
export const checkAssets: UnitRule = ({ unit, files, refused }) => {
  const diagnostics: Diagnostic[] = [];
  for (const ref of [...(unit.lesson?.assetRefs ?? []), ...(unit.jobAid?.assetRefs ?? [])]) {
    const at = { file: ref.file, line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.column + ref.ref.length, unitId: unit.id };
    if (isExternalRef(ref.ref)) {
      if (ref.kind !== 'link' && /^(https?:)?\/\//i.test(ref.ref)) diagnostics.push(diagnose('ASSET_EXTERNAL', { ref: ref.ref }, at));
      continue;
    }
    const resolved = resolveInUnit(ref.ref);
    const problem = resolved === undefined ? undefined : refused.get(resolved);
    if (resolved === undefined) diagnostics.push(diagnose('ASSET_OUTSIDE_UNIT', { ref: ref.ref }, at));
    else if (problem?.kind === 'too-large') diagnostics.push(diagnose('ASSET_TOO_LARGE', { ref: ref.ref, bytes: problem.bytes, limit: problem.limit }, at));
    else if (problem) diagnostics.push(diagnoseFileProblem(problem, `"${ref.ref}"`, 'the unit folder', at));
    else if (!files.has(resolved)) diagnostics.push(diagnose('ASSET_MISSING', { ref: ref.ref }, at));
  }
  return diagnostics;
};

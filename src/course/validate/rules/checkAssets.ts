import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { isExternalRef } from '../../load/collectAssetRefs.js';
import { resolveInUnit } from '../../load/loadUnit.js';
import type { UnitRule } from './unitRule.js';

/**
 * A unit is packaged on its own: every file it references must exist inside its folder. Images
 * and media from the network break offline use and LMSs that block outside requests.
 */
export const checkAssets: UnitRule = ({ unit, files }) => {
  const diagnostics: Diagnostic[] = [];
  for (const ref of [...(unit.lesson?.assetRefs ?? []), ...(unit.jobAid?.assetRefs ?? [])]) {
    const at = { file: ref.file, line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.column + ref.ref.length, unitId: unit.id };
    if (isExternalRef(ref.ref)) {
      if (ref.kind !== 'link' && /^(https?:)?\/\//i.test(ref.ref)) diagnostics.push(diagnose('ASSET_EXTERNAL', { ref: ref.ref }, at));
      continue;
    }
    const resolved = resolveInUnit(ref.ref);
    if (resolved === undefined) diagnostics.push(diagnose('ASSET_OUTSIDE_UNIT', { ref: ref.ref }, at));
    else if (!files.has(resolved)) diagnostics.push(diagnose('ASSET_MISSING', { ref: ref.ref }, at));
  }
  return diagnostics;
};

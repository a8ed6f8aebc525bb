import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { isExternalRef } from '../../load/collectAssetRefs.js';
import { resolveInUnit } from '../../load/loadUnit.js';
import type { UnitRule } from './unitRule.js';

/**
 * Above this an asset gets ASSET_LARGE: it goes into every lesson package of its unit and of the
 * paths holding it (each built in memory), many LMSs refuse uploads past 100 MB, and learners on
 * slow links wait for it.
 */
export const LARGE_ASSET_BYTES = 50 * 1024 * 1024;

/**
 * A unit is packaged on its own: every file it references must exist inside its folder. Images
 * and media from the network break offline use and LMSs that block outside requests.
 */
export const checkAssets: UnitRule = ({ unit, files, sizeOf }) => {
  const diagnostics: Diagnostic[] = [];
  const reportedLarge = new Set<string>();
  for (const ref of [...(unit.lesson?.assetRefs ?? []), ...(unit.jobAid?.assetRefs ?? [])]) {
    const at = { file: ref.file, line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.column + ref.ref.length, unitId: unit.id };
    if (isExternalRef(ref.ref)) {
      if (ref.kind !== 'link' && /^(https?:)?\/\//i.test(ref.ref)) diagnostics.push(diagnose('ASSET_EXTERNAL', { ref: ref.ref }, at));
      continue;
    }
    const resolved = resolveInUnit(ref.ref);
    if (resolved === undefined) diagnostics.push(diagnose('ASSET_OUTSIDE_UNIT', { ref: ref.ref }, at));
    else if (!files.has(resolved)) diagnostics.push(diagnose('ASSET_MISSING', { ref: ref.ref }, at));
    else if (!reportedLarge.has(resolved) && sizeOf(resolved) > LARGE_ASSET_BYTES) {
      reportedLarge.add(resolved);
      diagnostics.push(diagnose('ASSET_LARGE', { ref: ref.ref, megabytes: Math.round(sizeOf(resolved) / 1024 / 1024), limit: LARGE_ASSET_BYTES / 1024 / 1024 }, at));
    }
  }
  return diagnostics;
};

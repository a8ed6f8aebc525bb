import path from 'node:path';
import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { isExternalRef } from '../../load/collectAssetRefs.js';
import { resolveInUnit } from '../../load/loadUnit.js';
import { closestName } from '../closestName.js';
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
    else if (!files.has(resolved)) diagnostics.push(diagnose('ASSET_MISSING', { ref: ref.ref, suggestion: similarFile(resolved, files) ?? '' }, at));
  }
  return diagnostics;
};

/**
 * A file of the unit named like the missing one: same name in another case or extension
 * (diagram.PNG, diagram.jpg), or a near miss by a typo, in the same folder first.
 */
function similarFile(missing: string, files: ReadonlySet<string>): string | undefined {
  const candidates = [...files].filter((f) => !/\.(md|yaml|yml)$/i.test(f));
  const stem = (f: string) => f.toLowerCase().replace(/\.[^./]+$/, '');
  const sameStem = candidates.find((f) => stem(f) === stem(missing));
  if (sameStem) return sameStem;
  const folder = path.posix.dirname(missing);
  const near = closestName(path.posix.basename(missing), candidates.filter((f) => path.posix.dirname(f) === folder).map((f) => path.posix.basename(f)));
  if (near) return folder === '.' ? near : `${folder}/${near}`;
  return closestName(missing, candidates);
}

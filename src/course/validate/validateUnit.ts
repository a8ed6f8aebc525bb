/** Stage 4, validate (one unit): every workflow rule over a unit whose contract loaded. */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedUnit } from '../load/loadUnit.js';
import type { CourseConfig } from '../model/course.js';
import { checkAssets } from './rules/checkAssets.js';
import { checkContentCredentials } from './rules/checkContentCredentials.js';
import { checkJobAid } from './rules/checkJobAid.js';
import { checkLessonTime } from './rules/checkLessonTime.js';
import { checkMetricLayer, checkReinforcement, checkScoring } from './rules/checkMetricAndRisk.js';
import { checkObjectiveId } from './rules/checkObjectiveId.js';
import { checkOwners } from './rules/checkOwners.js';
import type { UnitRule } from './rules/unitRule.js';

export const UNIT_RULES: readonly UnitRule[] = [
  checkObjectiveId,
  checkOwners,
  checkMetricLayer,
  checkReinforcement,
  checkScoring,
  checkLessonTime,
  checkJobAid,
  checkAssets,
  checkContentCredentials,
];

export function validateUnit(loaded: LoadedUnit, config: CourseConfig): Diagnostic[] {
  const unit = loaded.unit;
  if (!unit) return [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of UNIT_RULES) {
    try {
      diagnostics.push(...rule({ ...loaded, unit }, config));
    } catch (error) {
      // A rule that throws is a Tandem bug; report it against this unit and keep checking.
      diagnostics.push(diagnose('INTERNAL_ERROR', { stage: `checking rule ${rule.name}`, reason: String(error) }, { file: unit.unitFile, line: 1, column: 1, unitId: unit.id }));
    }
  }
  return diagnostics;
}

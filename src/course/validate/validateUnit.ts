/** Stage 4, validate (one unit): every workflow rule over a unit whose contract loaded. */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedUnit } from '../load/loadUnit.js';
import type { CourseConfig } from '../model/course.js';
import { checkAssets } from './rules/checkAssets.js';
import { checkContentCredentials } from './rules/checkContentCredentials.js';
import { checkDocumentObjectives, checkJobAid } from './rules/checkJobAid.js';
import { checkLessonTime } from './rules/checkLessonTime.js';
import { checkMetricLayer, checkReinforcement, checkScoring } from './rules/checkMetricAndRisk.js';
import { checkNudgeQuestions, checkReinforcementDays } from './rules/checkNudges.js';
import { checkObjectiveId } from './rules/checkObjectiveId.js';
import { checkOwners } from './rules/checkOwners.js';
import type { UnitRule } from './rules/unitRule.js';

/**
 * Every rule, with the top-level unit.yaml fields it reads. When unit.yaml has schema errors, a
 * rule whose fields are all valid still runs on the draft unit, so one run reports every problem
 * of a unit instead of one stage at a time.
 */
export const UNIT_RULES: readonly { rule: UnitRule; needs: readonly string[] }[] = [
  { rule: checkObjectiveId, needs: ['objective'] },
  { rule: checkOwners, needs: ['owners'] },
  { rule: checkMetricLayer, needs: ['metric'] },
  { rule: checkReinforcement, needs: ['risk', 'reinforcement'] },
  { rule: checkReinforcementDays, needs: ['reinforcement'] },
  { rule: checkNudgeQuestions, needs: ['reinforcement'] },
  { rule: checkScoring, needs: ['lesson'] },
  { rule: checkLessonTime, needs: ['lesson'] },
  { rule: checkDocumentObjectives, needs: ['objective'] },
  { rule: checkJobAid, needs: [] },
  { rule: checkAssets, needs: [] },
  { rule: checkContentCredentials, needs: [] },
];

export function validateUnit(loaded: LoadedUnit, config: CourseConfig): Diagnostic[] {
  const unit = loaded.unit ?? loaded.draft?.unit;
  if (!unit) return [];
  const invalid = loaded.unit ? new Set<string>() : loaded.draft!.invalid;
  const diagnostics: Diagnostic[] = [];
  for (const { rule, needs } of UNIT_RULES) {
    if (needs.some((field) => invalid.has(field))) continue;
    try {
      diagnostics.push(...rule({ ...loaded, unit }, config));
    } catch (error) {
      // A rule that throws is a Tandem bug; report it against this unit and keep checking.
      diagnostics.push(diagnose('INTERNAL_ERROR', { stage: `checking rule ${rule.name}`, reason: String(error) }, { file: unit.unitFile, line: 1, column: 1, unitId: unit.id }));
    }
  }
  return diagnostics;
}

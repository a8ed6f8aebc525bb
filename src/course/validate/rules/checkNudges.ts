import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { nudgeQuestions } from '../../reinforcement/nudgeQuestions.js';
import type { UnitRule } from './unitRule.js';

/**
 * Spacing: Cepeda et al. (2008), "Spacing effects in learning", put the best gap for a
 * month-scale retention goal at 3–7 days. Outside that range the schema accepts it (an author may
 * have a reason) and this rule warns.
 */
export const checkReinforcementDays: UnitRule = ({ unit, locate }) => {
  const days = unit.contract.reinforcement?.afterDays;
  if (days === undefined || (days >= 3 && days <= 7)) return [];
  return [diagnose('REINFORCEMENT_DAYS_OUTSIDE_RANGE', { days, direction: days < 3 ? 'sooner' : 'later' }, { ...locate(['reinforcement', 'after_days']), unitId: unit.id })];
};

/** Every nudge asks a question answered in one click; see reinforcement/nudgeQuestions.ts. */
export const checkNudgeQuestions: UnitRule = ({ unit, locate }) => {
  const diagnostics: Diagnostic[] = [];
  for (const problem of nudgeQuestions(unit).problems) {
    const at = (field?: string) => {
      if (problem.index === undefined) return { ...locate(['reinforcement'], { key: true }), unitId: unit.id };
      return { ...locate(['reinforcement', 'questions', problem.index, ...(field ? [field] : [])]), unitId: unit.id };
    };
    if (problem.kind === 'missing') diagnostics.push(diagnose('NUDGE_QUESTION_MISSING', { detail: problem.detail }, at(problem.index === undefined ? undefined : 'lesson')));
    else if (problem.kind === 'not-one-click') diagnostics.push(diagnose('NUDGE_QUESTION_NOT_ONE_CLICK', { id: problem.questionId, type: problem.type }, at(problem.index === undefined ? undefined : 'lesson')));
    else diagnostics.push(diagnose('NUDGE_QUESTION_INVALID', { detail: problem.detail }, at(problem.field)));
  }
  return diagnostics;
};

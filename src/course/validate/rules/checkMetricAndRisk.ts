import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { UnitRule } from './unitRule.js';

/** Measuring only views and completion tells nothing about the work: a learning-only metric is a warning. */
export const checkMetricLayer: UnitRule = ({ unit, locate }) =>
  unit.contract.metric.layer === 'learning'
    ? [diagnose('METRIC_LEARNING_ONLY', { name: unit.contract.metric.name }, { ...locate(['metric', 'layer']), unitId: unit.id })]
    : [];

/** High-risk steps fade without a reminder: a high-severity risk needs reinforcement 3–7 days later. */
export const checkReinforcement: UnitRule = ({ unit, locate }) => {
  const diagnostics: Diagnostic[] = [];
  if (unit.contract.risk.severity === 'high' && !unit.contract.reinforcement) {
    diagnostics.push(diagnose('HIGH_RISK_NO_REINFORCEMENT', {}, { ...locate(['risk', 'severity']), unitId: unit.id }));
  }
  return diagnostics;
};

/**
 * A mastery score on a lesson without questions can never be reached. A lesson whose question
 * blocks are all invalid has questions: each is reported as QUESTION_INVALID, and saying "no
 * questions" as well would send the author to add questions instead of fixing them.
 */
export const checkScoring: UnitRule = ({ unit, locate }) =>
  unit.lesson && unit.lesson.questionBlockCount === 0 && unit.contract.lesson.masteryScore !== undefined
    ? [diagnose('LESSON_NO_QUESTIONS_SCORED', {}, { ...locate(['lesson', 'mastery_score']), unitId: unit.id })]
    : [];

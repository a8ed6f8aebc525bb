/**
 * Weak-unit flags: what the biweekly review should look at, as coded diagnostics with the value,
 * the threshold and the n behind them. Below `minLearners` learners in the period one
 * INSUFFICIENT_DATA flag replaces all others: with a handful of learners a "hard item" is noise,
 * and crying wolf teaches people to ignore the report. Item flags also need `minLearners` answers.
 */
import type { Unit } from '../../course/index.js';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';
import type { MetricKpis, ObjectiveReport, ReportFlag } from '../reportModel.js';

export interface FlagThresholds {
  minLearners: number;
  /** Items answered right first time by more than this share are too easy. */
  easyAbove: number;
  /** …by fewer than this share, too hard. */
  hardBelow: number;
  discriminationBelow: number;
  completionBelow: number;
  viewsPerCompleterBelow: number;
  staleScansAbove: number;
  /** A metric whose relative change between the two windows is below this share is not moving. */
  movementBelow: number;
  /** A first-attempt pass rate at or above this counts as "high learning scores". */
  learnedAtLeast: number;
  /** Nudge answers correct this much (a share: 0.2 = 20 points) less often than first lesson answers: recall drop. */
  recallDropAbove: number;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = {
  minLearners: 20,
  easyAbove: 0.95,
  hardBelow: 0.3,
  discriminationBelow: 0,
  completionBelow: 0.7,
  viewsPerCompleterBelow: 0.5,
  staleScansAbove: 0.2,
  movementBelow: 0.05,
  learnedAtLeast: 0.8,
  recallDropAbove: 0.2,
};

export interface Flagged {
  flag: ReportFlag;
  diagnostic: Diagnostic;
}

export function weakUnitFlags(o: ObjectiveReport, unit: Unit, t: FlagThresholds = DEFAULT_THRESHOLDS): Flagged[] {
  const flags: Flagged[] = [];
  const at = { file: unit.unitFile, line: 1, column: 1, unitId: unit.id };
  const add = (diagnostic: Diagnostic, extra: Omit<ReportFlag, 'code' | 'severity' | 'message' | 'hint'>) =>
    flags.push({ diagnostic, flag: { code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, hint: diagnostic.hint, ...extra } });

  const { learning, execution } = o;
  if (learning.learners < t.minLearners) {
    add(diagnose('INSUFFICIENT_DATA', { value: learning.learners, threshold: t.minLearners }, at), { value: learning.learners, threshold: t.minLearners, n: learning.learners });
    return flags;
  }
  for (const item of o.items) {
    if (item.n < t.minLearners || item.difficulty === null) continue;
    const question = unit.lesson?.questions.find((q) => q.id === item.questionId);
    const where = question && unit.lesson ? { file: unit.lesson.file, line: question.line, column: 1, unitId: unit.id } : at;
    const p = { question: item.questionId, n: item.n };
    if (item.difficulty > t.easyAbove) add(diagnose('ITEM_TOO_EASY', { ...p, value: item.difficulty, threshold: t.easyAbove }, where), { questionId: item.questionId, value: item.difficulty, threshold: t.easyAbove, n: item.n });
    if (item.difficulty < t.hardBelow) add(diagnose('ITEM_TOO_HARD', { ...p, value: item.difficulty, threshold: t.hardBelow }, where), { questionId: item.questionId, value: item.difficulty, threshold: t.hardBelow, n: item.n });
    if (item.discrimination !== null && item.discrimination < t.discriminationBelow) {
      add(diagnose('ITEM_NEGATIVE_DISCRIMINATION', { ...p, value: item.discrimination, threshold: t.discriminationBelow }, where), {
        questionId: item.questionId,
        value: item.discrimination,
        threshold: t.discriminationBelow,
        n: item.n,
      });
    }
  }
  if (learning.completionRate !== null && learning.launched >= t.minLearners && learning.completionRate < t.completionBelow) {
    const dropOff = learning.dropOff ? `; most who stopped got no further than screen ${learning.dropOff.screen}` : '';
    add(diagnose('LOW_COMPLETION', { value: learning.completionRate, threshold: t.completionBelow, n: learning.launched, dropOff }, at), {
      value: learning.completionRate,
      threshold: t.completionBelow,
      n: learning.launched,
    });
  }
  if (execution.viewsPerCompleter !== null && learning.completed >= t.minLearners && execution.viewsPerCompleter < t.viewsPerCompleterBelow) {
    add(diagnose('JOB_AID_UNUSED', { value: execution.viewsPerCompleter, threshold: t.viewsPerCompleterBelow, n: learning.completed }, at), {
      value: execution.viewsPerCompleter,
      threshold: t.viewsPerCompleterBelow,
      n: learning.completed,
    });
  }
  if (execution.staleScanShare !== null && execution.staleScanShare > t.staleScansAbove) {
    add(diagnose('STALE_PRINTED_COPIES', { value: execution.staleScanShare, threshold: t.staleScansAbove, n: execution.printedScans }, at), {
      value: execution.staleScanShare,
      threshold: t.staleScansAbove,
      n: execution.printedScans,
    });
  }
  const [previous, current] = o.windows.length === 2 ? o.windows : [];
  if (previous && current) {
    const before = [...previous.execution.metrics, ...previous.business.metrics];
    const after = [...current.execution.metrics, ...current.business.metrics];
    for (const now of after) {
      const then = before.find((m) => m.name === now.name);
      const movement = then ? relativeMovement(then, now) : null;
      if (movement === null || movement >= t.movementBelow) continue;
      const n = now.n + then!.n;
      const learned = learning.firstAttemptPassRate !== null && learning.firstAttemptPassRate >= t.learnedAtLeast;
      if (learned && now.layer === 'execution') {
        add(diagnose('LEARNING_WITHOUT_TRANSFER', { metric: now.name, value: learning.firstAttemptPassRate!, threshold: t.learnedAtLeast, n }, at), {
          metric: now.name,
          value: learning.firstAttemptPassRate,
          threshold: t.learnedAtLeast,
          n,
        });
      } else {
        add(diagnose('METRIC_NOT_MOVING', { metric: now.name, value: movement, threshold: t.movementBelow, n }, at), { metric: now.name, value: movement, threshold: t.movementBelow, n });
      }
    }
  }
  return flags;
}

/** |current − previous| relative to the baseline (else the previous value); null without data in both windows. */
function relativeMovement(then: MetricKpis, now: MetricKpis): number | null {
  if (then.current === null || now.current === null) return null;
  const scale = Math.abs(now.baseline ?? then.current);
  if (scale === 0) return null;
  return Math.round((Math.abs(now.current - then.current) / scale) * 1e6) / 1e6;
}

/**
 * REINFORCEMENT_RECALL_DROP: nudges answered right far less often than the same questions were in
 * the lesson (first attempts). A drop of more than `recallDropAbove` (default 0.2: 20 percentage
 * points) with at least `minLearners` nudge answers is flagged; with fewer answers a drop is noise
 * (a handful of nudges), and INSUFFICIENT_DATA on the objective suppresses it like every other flag.
 */
import type { Unit } from '../../course/index.js';
import { diagnose } from '../../diagnostics/index.js';
import type { ObjectiveReport } from '../reportModel.js';
import type { Flagged, FlagThresholds } from './weakUnitFlags.js';

export function recallDropFlag(o: ObjectiveReport, unit: Unit, t: FlagThresholds): Flagged[] {
  const r = o.reinforcement;
  if (!r || r.drop === null || r.delayedCorrectness === null || r.firstAttemptCorrectness === null) return [];
  if (r.answered < t.minLearners || r.drop <= t.recallDropAbove) return [];
  const at = { file: unit.unitFile, line: 1, column: 1, unitId: unit.id };
  const diagnostic = diagnose('REINFORCEMENT_RECALL_DROP', { first: r.firstAttemptCorrectness, value: r.delayedCorrectness, drop: r.drop, threshold: t.recallDropAbove, n: r.answered }, at);
  return [
    {
      diagnostic,
      flag: { code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, hint: diagnostic.hint, metric: 'delayedCorrectness', value: r.drop, threshold: t.recallDropAbove, n: r.answered },
    },
  ];
}

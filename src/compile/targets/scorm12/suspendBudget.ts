/**
 * SCORM 1.2 RTE 3.4.2: cmi.suspend_data holds at most 4,096 characters, and LMSs cut or refuse
 * longer values, which silently breaks resume. The player's progress encoding is bounded, so the
 * build computes each lesson's worst case (every question answered with its longest possible
 * answer) and refuses to package a lesson that could ever exceed the limit.
 */
import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { Unit } from '../../../course/model/unit.js';
import type { LessonData } from '../../../runtime/contract/lessonData.js';
import { worstCaseByQuestion, worstCaseLength } from '../../../runtime/contract/progressState.js';
import { SUSPEND_DATA_LIMIT } from '../../../runtime/contract/scorm12Limits.js';

/** An error when the lesson's worst-case progress does not fit; `pathId` when packaging a path. */
export function checkSuspendBudget(unit: Unit, lesson: LessonData, pathId = ''): Diagnostic[] {
  const length = worstCaseLength(lesson);
  if (length <= SUSPEND_DATA_LIMIT) return [];
  // Group by question type: the author decides per type (fewer fill-ins), not per question.
  const groups = new Map<string, { count: number; max: number; total: number; first: string }>();
  for (const q of worstCaseByQuestion(lesson)) {
    const g = groups.get(q.type) ?? { count: 0, max: 0, total: 0, first: q.id };
    groups.set(q.type, { ...g, count: g.count + 1, max: Math.max(g.max, q.length), total: g.total + q.length });
  }
  const top = [...groups].sort((a, b) => b[1].total - a[1].total).slice(0, 2);
  const largest = top.map(([type, g]) => `${g.count} ${type} question(s): up to ${g.max} characters each, ${g.total} in all`).join('; ');
  // Point at the first question of the type that takes the most room: that is where the author acts.
  const line = unit.lesson?.questions.find((q) => q.id === top[0]?.[1].first)?.line ?? 1;
  const at = { file: unit.lesson?.file ?? unit.unitFile, line, column: 1, unitId: unit.id };
  return [diagnose('SUSPEND_DATA_TOO_LONG', { length, limit: SUSPEND_DATA_LIMIT, largest, path: pathId }, at)];
}

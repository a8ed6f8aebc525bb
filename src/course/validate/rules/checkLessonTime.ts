import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { CourseConfig } from '../../model/course.js';
import type { Unit } from '../../model/unit.js';
import type { UnitRule } from './unitRule.js';

export const MIN_LESSON_MINUTES = 3;
export const MAX_LESSON_MINUTES = 8;

export interface LessonEstimate {
  minutes: number;
  /** How the estimate was made, for the message. */
  detail: string;
}

/** words / reading speed + media play time (media blocks and `media_minutes`) + questions × time per question. */
export function estimateLessonMinutes(unit: Unit, config: CourseConfig): LessonEstimate | undefined {
  const lesson = unit.lesson;
  if (!lesson) return undefined;
  const { readingWpm, secondsPerQuestion } = config.defaults;
  const reading = lesson.wordCount / readingWpm;
  const media = (unit.contract.lesson.mediaMinutes ?? 0) + lesson.mediaSeconds / 60;
  // Invalid questions count too: they are reported on their own and will be fixed, not dropped.
  const questions = (lesson.questionBlockCount * secondsPerQuestion) / 60;
  const parts = [`${lesson.wordCount} words at ${readingWpm} wpm = ${reading.toFixed(1)}`];
  if (media > 0) parts.push(`media ${Number(media.toFixed(1))}`);
  parts.push(`${lesson.questionBlockCount} questions × ${secondsPerQuestion} s = ${questions.toFixed(1)}`);
  return { minutes: reading + media + questions, detail: parts.join(' + ') };
}

export const checkLessonTime: UnitRule = ({ unit }, config) => {
  const lesson = unit.lesson;
  if (!lesson || lesson.screens.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  const at = { file: lesson.file, line: 1, column: 1, unitId: unit.id };
  // Media blocks state their own play time; raw HTML media needs `media_minutes`.
  const untimed = lesson.assetRefs.filter((r) => r.kind === 'media' && !r.timed && !r.captions);
  const mediaCount = untimed.length;
  if (mediaCount > 0 && unit.contract.lesson.mediaMinutes === undefined) {
    // Without the media's duration any estimate would be wrong; say that instead.
    const first = untimed[0]!;
    return [diagnose('MEDIA_DURATION_MISSING', { count: mediaCount }, { file: first.file, line: first.line, column: first.column, unitId: unit.id })];
  }
  const estimate = estimateLessonMinutes(unit, config)!;
  const minutes = estimate.minutes.toFixed(1);
  if (estimate.minutes < MIN_LESSON_MINUTES) diagnostics.push(diagnose('LESSON_TOO_SHORT', { minutes, detail: estimate.detail }, at));
  if (estimate.minutes > MAX_LESSON_MINUTES) diagnostics.push(diagnose('LESSON_TOO_LONG', { minutes, detail: estimate.detail }, at));
  return diagnostics;
};

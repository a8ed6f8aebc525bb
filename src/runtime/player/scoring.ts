/**
 * Whether an answer is right, and the lesson's score. Pure functions: the player uses them in the
 * browser, tests and the build use them in Node.
 */
import type { LearnerResponse, LessonData, QuestionData } from '../contract/lessonData.js';

export interface LessonScore {
  correct: number;
  total: number;
  /** 0–100, at most 2 decimals; 100 for a lesson without questions. */
  percent: number;
}

export function isCorrect(question: QuestionData, response: LearnerResponse): boolean {
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice': {
      if (!Array.isArray(response)) return false;
      const expected = question.choices.filter((c) => c.correct).map((c) => c.id);
      return sameSet(expected, response);
    }
    case 'true-false':
      return response === question.answer;
    case 'fill-in': {
      if (typeof response !== 'string') return false;
      const given = normalizeText(response, question.caseSensitive);
      return question.answers.some((a) => normalizeText(a, question.caseSensitive) === given);
    }
    case 'numeric':
      // A small epsilon so 0.1 + 0.2-style float noise never turns a right answer wrong.
      return typeof response === 'number' && Math.abs(response - question.answer) <= question.tolerance + 1e-9;
    case 'sequencing':
      return Array.isArray(response) && response.join() === question.steps.map((s) => s.id).join();
  }
}

export function scoreLesson(lesson: LessonData, answers: ReadonlyMap<string, LearnerResponse>): LessonScore {
  const total = lesson.questions.length;
  const correct = lesson.questions.filter((q) => {
    const a = answers.get(q.id);
    return a !== undefined && isCorrect(q, a);
  }).length;
  return { correct, total, percent: total === 0 ? 100 : roundScore((correct / total) * 100) };
}

/** Passed against the mastery score; undefined when the lesson is not scored. */
export function hasPassed(lesson: LessonData, score: LessonScore): boolean | undefined {
  return lesson.masteryScore === undefined ? undefined : score.percent >= lesson.masteryScore;
}

/** SCORM 1.2 RTE 3.4.2 (cmi.core.score.raw) and most LMSs take at most 2 decimals. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Reads what a learner typed as a number: "17.5", "17,5" (decimal comma), "1,000", "1 000" or
 * "1.000,5" (thousands), "$640", "17.5 %". Returns undefined when it is not a number.
 */
export function parseNumber(text: string): number | undefined {
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^[$€£¥]|[%$€£¥]$/g, '');
  // With both separators, the last one is the decimal point: "1,000.5" and "1.000,5" are both 1000.5.
  if (s.includes(',') && s.includes('.')) s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  else if (/^[-+]?\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  // No exponents: learners do not type them, and "1e3" is more likely a typo than a thousand.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Fill-in answers compare with surrounding space trimmed, inner runs of space collapsed, and trailing full stops ignored. */
export function normalizeText(text: string, caseSensitive: boolean): string {
  const s = text.trim().replace(/\s+/g, ' ').replace(/\.+$/, '');
  return caseSensitive ? s : s.toLocaleLowerCase();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && new Set(b).size === b.length && a.every((x) => b.includes(x));
}

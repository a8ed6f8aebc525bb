/**
 * Values in the formats the SCORM 1.2 run-time data model defines (RTE 3.4.2 data types, 3.4.4
 * cmi.interactions). LMSs reject values outside these formats, and each rejection loses data, so
 * every value the SCORM adapter writes is made here.
 */
import type { LearnerResponse, QuestionData } from '../contract/lessonData.js';

/** CMITimespan, `HHHH:MM:SS.SS` (hours 2–4 digits; capped at 9999 hours). */
export function formatTimespan(ms: number): string {
  const centis = Math.min(Math.max(Math.round(ms / 10), 0), 9999 * 360000 + 359999);
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = Math.floor((centis % 6000) / 100);
  const fraction = centis % 100;
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(fraction, 2)}`;
}

/** CMITime, the time of day `HH:MM:SS` (local time, as the learner saw it). */
export function formatTimeOfDay(date: Date): string {
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
}

/** CMIDecimal for scores: 0–100, at most 2 decimals, no exponent, no trailing zeros. */
export function formatScore(value: number): string {
  const clamped = Math.min(Math.max(value, 0), 100);
  return String(Math.round(clamped * 100) / 100);
}

/** The interaction type vocabulary of RTE 3.4.4 cmi.interactions.n.type. */
export type InteractionType = 'choice' | 'true-false' | 'fill-in' | 'numeric' | 'sequencing';

export function interactionType(q: QuestionData): InteractionType {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return 'choice';
    default:
      return q.type;
  }
}

/**
 * cmi.interactions.n.correct_responses.n.pattern, one per accepted answer. choice: the correct
 * single-character ids separated by commas, in id order (learner responses use the same order,
 * so LMS reports compare them as strings); true-false: t or f; fill-in: each accepted answer;
 * numeric: the number; sequencing: the ids in the correct order, separated by commas.
 */
export function correctPatterns(q: QuestionData): string[] {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return [q.choices.filter((c) => c.correct).map((c) => c.id).sort().join(',')];
    case 'true-false':
      return [q.answer ? 't' : 'f'];
    case 'fill-in':
      return q.answers.map(toFeedbackString);
    case 'numeric':
      return [formatNumber(q.answer)];
    case 'sequencing':
      return [q.steps.map((s) => s.id).join(',')];
  }
}

/** cmi.interactions.n.student_response, in the same format as the patterns. */
export function studentResponse(q: QuestionData, response: LearnerResponse): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return [...(response as string[])].sort().join(',');
    case 'true-false':
      return response ? 't' : 'f';
    case 'fill-in':
      return toFeedbackString(String(response));
    case 'numeric':
      return formatNumber(response as number);
    case 'sequencing':
      return (response as string[]).join(',');
  }
}

/** CMIFeedback is a CMIString255 (RTE 3.4.2): at most 255 characters, no line breaks. */
function toFeedbackString(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** CMIDecimal: plain notation, never an exponent (which LMSs reject), e.g. 1e-7 → "0.0000001". */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const s = String(n);
  return /e/i.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

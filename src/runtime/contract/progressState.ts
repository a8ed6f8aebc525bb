/**
 * The learner's progress as one compact string, for bookmarking (SCORM 1.2 cmi.suspend_data,
 * later the xAPI State API). SCORM 1.2 RTE 3.4.2: cmi.suspend_data is a CMIString4096, at most
 * 4,096 ASCII characters, and LMSs truncate or reject longer values, which silently breaks resume.
 * So the encoding is terse, ASCII only, and bounded: `worstCaseLength` gives the longest string a
 * lesson can produce, and the build fails a unit whose worst case does not fit.
 *
 * Layout: `1<fingerprint>~<screen>~<furthest>~<attempt>~<finished>~<answer 1>~…~<answer n>`, numbers
 * in base 36, one answer token per question in lesson order (empty = not answered):
 * choices and sequencing steps as their one-letter ids ("abd"), true-false as t/f, numbers as
 * JavaScript prints them, fill-in text escaped (see escapeText).
 *
 * A lesson with a question that allows several tries (`attempts`) has one more head field after
 * <finished>: the wrong tries used on each question not yet answered, one base-36 digit per
 * question in lesson order ("0020"), so leaving the lesson mid-question does not give the tries
 * back. Lessons without such questions keep the layout above, so their saved progress stays valid.
 */
import { FILL_IN_MAX_LENGTH, type LearnerResponse, type LessonData, type QuestionData } from './lessonData.js';

export interface ProgressState {
  /** 0-based screen shown; `screens.length` is the results screen. */
  screen: number;
  /** Furthest screen reached in this attempt. */
  furthest: number;
  /** 1-based; grows with each "Try again". */
  attempt: number;
  /** The learner reached the results of this attempt. */
  finished: boolean;
  /** By question id. */
  answers: Map<string, LearnerResponse>;
  /** Wrong tries used on questions that allow several and are not answered yet, by question id. */
  tries: Map<string, number>;
}

const FORMAT = '1';
const SEP = '~';
const ESCAPE = '*';
/** Attempts are counted up to this (two base-36 digits) so the encoding stays bounded. */
export const MAX_ATTEMPT = 36 * 36 - 1;
/** The longest string `String(n)` gives for a finite number, e.g. "-0.0000012345678901234567". */
const WORST_NUMBER = -0.0000012345678901234567;
/**
 * Printable ASCII passes through, except the separators and characters that some LMSs mangle when
 * they store suspend_data in HTML forms, SQL or XML: " ' < > & \ %.
 */
const VERBATIM = /^[\x20-\x7e]$/;
const RESERVED = new Set([SEP, ESCAPE, '"', "'", '<', '>', '&', '\\', '%']);

export function initialProgress(): ProgressState {
  return { screen: 0, furthest: 0, attempt: 1, finished: false, answers: new Map(), tries: new Map() };
}

export function encodeProgress(lesson: LessonData, state: ProgressState): string {
  const head = [
    FORMAT + lesson.fingerprint,
    state.screen.toString(36),
    state.furthest.toString(36),
    Math.min(state.attempt, MAX_ATTEMPT).toString(36),
    state.finished ? '1' : '0',
    ...(hasTries(lesson) ? [lesson.questions.map((q) => Math.min(state.tries.get(q.id) ?? 0, 35).toString(36)).join('')] : []),
  ];
  const answers = lesson.questions.map((q) => {
    const a = state.answers.get(q.id);
    return a === undefined ? '' : encodeAnswer(q, a);
  });
  return [...head, ...answers].join(SEP);
}

/** Undefined when the text is not progress of this very lesson (another version, or damaged). */
export function decodeProgress(lesson: LessonData, text: string): ProgressState | undefined {
  const parts = text.split(SEP);
  const head = hasTries(lesson) ? 6 : 5;
  if (parts.length !== head + lesson.questions.length || parts[0] !== FORMAT + lesson.fingerprint) return undefined;
  const [, screen, furthest, attempt, finished] = parts.map((p) => (/^[0-9a-z]+$/.test(p) ? parseInt(p, 36) : NaN));
  const last = lesson.screens.length;
  if (!(screen! <= last && furthest! <= last && attempt! >= 1 && (finished === 0 || finished === 1))) return undefined;
  const answers = new Map<string, LearnerResponse>();
  const tries = new Map<string, number>();
  const triesField = head === 6 ? parts[5]! : undefined;
  if (triesField !== undefined && !new RegExp(`^[0-9a-z]{${lesson.questions.length}}$`).test(triesField)) return undefined;
  for (const [i, q] of lesson.questions.entries()) {
    const used = triesField ? parseInt(triesField[i]!, 36) : 0;
    if (used > 0) tries.set(q.id, used);
    const token = parts[head + i]!;
    if (token === '') continue;
    const answer = decodeAnswer(q, token);
    if (answer === undefined) return undefined;
    answers.set(q.id, answer);
  }
  return { screen: screen!, furthest: Math.max(furthest!, screen!), attempt: attempt!, finished: finished === 1, answers, tries };
}

/** The longest progress string this lesson can produce: what the build checks against 4,096. */
export function worstCaseLength(lesson: LessonData): number {
  const answers = new Map<string, LearnerResponse>();
  for (const q of lesson.questions) answers.set(q.id, worstAnswer(q));
  const last = lesson.screens.length;
  return encodeProgress(lesson, { screen: last, furthest: last, attempt: MAX_ATTEMPT, finished: true, answers, tries: new Map() }).length;
}

/** How much of the worst case each question takes, for the build's diagnostic. */
export function worstCaseByQuestion(lesson: LessonData): { id: string; type: QuestionData['type']; length: number }[] {
  return lesson.questions.map((q) => ({ id: q.id, type: q.type, length: encodeAnswer(q, worstAnswer(q)).length + SEP.length }));
}

/** Whether the lesson's progress carries the tries field (see the layout above). */
function hasTries(lesson: LessonData): boolean {
  return lesson.questions.some((q) => (q.attempts ?? 1) > 1);
}

function encodeAnswer(q: QuestionData, a: LearnerResponse): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
    case 'sequencing':
      return (a as string[]).join('');
    case 'true-false':
      return a ? 't' : 'f';
    case 'numeric':
      return String(a);
    case 'fill-in':
      return escapeText(String(a).slice(0, FILL_IN_MAX_LENGTH));
  }
}

function decodeAnswer(q: QuestionData, token: string): LearnerResponse | undefined {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const ids = token.split('');
      const known = new Set(q.choices.map((c) => c.id));
      if (!ids.every((id) => known.has(id)) || new Set(ids).size !== ids.length) return undefined;
      return q.type === 'single-choice' && ids.length !== 1 ? undefined : ids;
    }
    case 'sequencing': {
      const ids = token.split('');
      const expected = q.steps.map((s) => s.id);
      return ids.length === expected.length && expected.every((id) => ids.includes(id)) ? ids : undefined;
    }
    case 'true-false':
      return token === 't' ? true : token === 'f' ? false : undefined;
    case 'numeric': {
      const n = Number(token);
      return /^[-+0-9.e]+$/i.test(token) && Number.isFinite(n) ? n : undefined;
    }
    case 'fill-in':
      return unescapeText(token);
  }
}

function worstAnswer(q: QuestionData): LearnerResponse {
  switch (q.type) {
    case 'single-choice':
      return [q.choices[0]!.id];
    case 'multiple-choice':
      return q.choices.map((c) => c.id);
    case 'sequencing':
      return q.steps.map((s) => s.id);
    case 'true-false':
      return true;
    case 'numeric':
      return WORST_NUMBER;
    case 'fill-in':
      // Any character outside printable ASCII takes the longest escape.
      return '\u00e9'.repeat(FILL_IN_MAX_LENGTH);
  }
}

/** Printable ASCII as is; anything else as `*` and four hex digits of its UTF-16 code unit. */
export function escapeText(text: string): string {
  let out = '';
  for (const ch of text.split('')) {
    out += VERBATIM.test(ch) && !RESERVED.has(ch) ? ch : ESCAPE + ch.charCodeAt(0).toString(16).padStart(4, '0');
  }
  return out;
}

export function unescapeText(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== ESCAPE) {
      out += ch;
      continue;
    }
    const hex = text.slice(i + 1, i + 5);
    if (!/^[0-9a-f]{4}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 4;
  }
  return out;
}

/**
 * Reads one ```question block (YAML) into a typed Question, reporting every problem at the line
 * and column inside the Markdown file where it is written.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { QUESTION_TYPES, type Choice, type Question, type QuestionImage, type QuestionType } from '../model/lesson.js';
import type { AssetRef } from '../model/unit.js';
import { closestName } from '../validate/closestName.js';
import { parseYamlSource, type YamlPath } from './yamlSource.js';

export interface QuestionBlock {
  yaml: string;
  file: string;
  /** Line of the opening fence in the Markdown file. */
  fenceLine: number;
  fenceColumn: number;
  /** 1-based position among the lesson's questions, for the default id. */
  number: number;
  unitId?: string;
}

const COMMON_KEYS = ['id', 'type', 'prompt', 'feedback', 'attempts', 'image'];
/** More tries than this turn a question into guessing every choice. */
export const MAX_ATTEMPTS = 5;
const KEYS_BY_TYPE: Record<QuestionType, string[]> = {
  'single-choice': ['choices'],
  'multiple-choice': ['choices'],
  'true-false': ['answer'],
  'fill-in': ['answers', 'case_sensitive'],
  numeric: ['answer', 'tolerance'],
  sequencing: ['steps'],
};
const CHOICE_IDS = 'abcdefghij';
const MAX_OPTIONS = 10;
/** SCORM 1.2 RTE 3.4.2: a fill-in response is a CMIString255. */
const MAX_FILL_IN_LENGTH = 255;

export function parseQuestion(block: QuestionBlock): { question?: Question; assetRefs: AssetRef[]; diagnostics: Diagnostic[] } {
  const source = parseYamlSource(block.yaml, {
    file: block.file,
    unitId: block.unitId,
    lineOffset: block.fenceLine,
    columnOffset: block.fenceColumn - 1,
    // lesson.md is scanned as a whole; an escaped control character in a question reaches only JSON.
    controlCharacters: false,
  });
  if (source.data === undefined) return { assetRefs: [], diagnostics: source.diagnostics };
  const assetRefs: AssetRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (path: YamlPath, text: string, expected: string, key = false) =>
    diagnostics.push(diagnose('QUESTION_INVALID', { problem: text, expected }, source.locate(path, { key })));

  const data = source.data;
  if (!isRecord(data)) {
    problem([], 'is not a set of `key: value` lines', 'Write the question as YAML fields: type, prompt, feedback and the fields of its type (docs/format.md).');
    return { assetRefs, diagnostics };
  }

  const type = data.type;
  if (typeof type !== 'string' || !(QUESTION_TYPES as readonly string[]).includes(type)) {
    problem(
      ['type'],
      type === undefined ? 'has no `type`' : `has an unknown type "${String(type)}"`,
      `Set \`type:\` to one of: ${QUESTION_TYPES.join(', ')}.` + (typeof type === 'string' && closestName(type, QUESTION_TYPES) ? ` Did you mean ${closestName(type, QUESTION_TYPES)}?` : ''),
    );
    return { assetRefs, diagnostics };
  }
  const qType = type as QuestionType;

  const allowed = [...COMMON_KEYS, ...KEYS_BY_TYPE[qType]];
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) {
      const suggestion = closestName(key, allowed) ?? '';
      diagnostics.push(diagnose('FIELD_UNKNOWN', { field: key, suggestion }, source.locate([key], { key: true })));
    }
  }

  let id = `q${block.number}`;
  if (data.id !== undefined) {
    if (typeof data.id === 'string' && /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/.test(data.id)) id = data.id;
    else problem(['id'], 'has an id that cannot be used in an LMS', 'Use up to 32 letters, digits and "-" for `id`, e.g. refund-first-step.');
  }

  const prompt = text(data.prompt);
  if (!prompt) problem(['prompt'], 'has no `prompt`', 'Add `prompt:` with the question text.', data.prompt === undefined);

  const feedback = isRecord(data.feedback) ? data.feedback : undefined;
  const correctFeedback = text(feedback?.correct);
  const incorrectFeedback = text(feedback?.incorrect);
  if (!correctFeedback || !incorrectFeedback) {
    const missing = [!correctFeedback && 'feedback.correct', !incorrectFeedback && 'feedback.incorrect'].filter(Boolean).join(' and ');
    problem(feedback ? ['feedback'] : [], `has no ${missing}`, 'Every question explains itself: add `feedback:` with `correct:` and `incorrect:` texts.', !feedback);
  }

  let attempts = 1;
  if (data.attempts !== undefined) {
    if (typeof data.attempts === 'number' && Number.isInteger(data.attempts) && data.attempts >= 1 && data.attempts <= MAX_ATTEMPTS) attempts = data.attempts;
    else problem(['attempts'], `has \`attempts\` that is not a whole number from 1 to ${MAX_ATTEMPTS}`, 'Set `attempts:` to how many tries the learner gets (default 1); wrong tries before the last show the incorrect feedback.');
  }
  let image: QuestionImage | undefined;
  if (data.image !== undefined) {
    const entry = isRecord(data.image) ? data.image : { src: data.image };
    const src = text(entry.src);
    const alt = text(entry.alt);
    const extra = Object.keys(entry).filter((k) => k !== 'src' && k !== 'alt');
    if (!src || extra.length) {
      problem(['image'], 'has an `image` that is not `src` and `alt`', 'Write `image: { src: assets/<file>, alt: <what it shows> }`.');
    } else {
      const at = source.locate(isRecord(data.image) ? ['image', 'src'] : ['image']);
      assetRefs.push({ ref: src, kind: 'image', file: block.file, line: at.line ?? block.fenceLine, column: at.column ?? 1 });
      if (!alt) diagnostics.push(diagnose('IMAGE_ALT_MISSING', { ref: src }, source.locate(['image'])));
      else image = { src, alt };
    }
  }

  const base = {
    id,
    prompt: prompt ?? '',
    feedback: { correct: correctFeedback ?? '', incorrect: incorrectFeedback ?? '' },
    attempts,
    ...(image ? { image } : {}),
    line: block.fenceLine,
  };
  const question = readTypeFields(qType, data, problem, base);
  // A question with any error is left out of the lesson: the unit fails check and is not built.
  const ok = diagnostics.every((d) => d.severity !== 'error');
  return { question: ok ? question : undefined, assetRefs, diagnostics: [...source.diagnostics, ...diagnostics] };
}

type Problem = (path: YamlPath, text: string, expected: string, key?: boolean) => void;
type Base = Pick<Question, 'id' | 'prompt' | 'feedback' | 'attempts' | 'image' | 'line'>;

function readTypeFields(type: QuestionType, data: Record<string, unknown>, problem: Problem, base: Base): Question | undefined {
  switch (type) {
    case 'single-choice':
    case 'multiple-choice': {
      const choices = readChoices(data.choices, problem);
      if (!choices) return undefined;
      const correct = choices.filter((c) => c.correct).length;
      if (type === 'single-choice' && correct !== 1) {
        problem(['choices'], `has ${correct} correct choices`, 'A single-choice question has exactly one choice with `correct: true`; use multiple-choice for several.');
      } else if (type === 'multiple-choice' && correct === 0) {
        problem(['choices'], 'has no correct choice', 'Mark the right choices with `correct: true` (as `- text: …` entries).');
      }
      return { ...base, type, choices };
    }
    case 'true-false':
      if (typeof data.answer !== 'boolean') {
        problem(['answer'], data.answer === undefined ? 'has no `answer`' : 'has an `answer` that is not true or false', 'Set `answer: true` or `answer: false`.', data.answer === undefined);
        return undefined;
      }
      return { ...base, type, answer: data.answer };
    case 'fill-in': {
      const raw = typeof data.answers === 'string' || typeof data.answers === 'number' ? [data.answers] : data.answers;
      const answers = Array.isArray(raw) ? raw.map(text) : [];
      if (answers.length === 0 || answers.length > MAX_OPTIONS || answers.some((a) => !a || a.length > MAX_FILL_IN_LENGTH)) {
        problem(['answers'], 'needs 1–10 accepted `answers`, each 1–255 characters', 'List the accepted answers under `answers:`, e.g. `answers: [chargeback, charge-back]`.', data.answers === undefined);
        return undefined;
      }
      if (data.case_sensitive !== undefined && typeof data.case_sensitive !== 'boolean') {
        problem(['case_sensitive'], 'has a `case_sensitive` that is not true or false', 'Set `case_sensitive: true` or leave it out (default false).');
      }
      return { ...base, type, answers: answers as string[], caseSensitive: data.case_sensitive === true };
    }
    case 'numeric': {
      const answer = data.answer;
      const tolerance = data.tolerance ?? 0;
      if (typeof answer !== 'number' || !Number.isFinite(answer)) {
        problem(['answer'], data.answer === undefined ? 'has no `answer`' : 'has an `answer` that is not a number', 'Set `answer:` to a number, e.g. `answer: 500` (no units or currency signs).', data.answer === undefined);
        return undefined;
      }
      if (typeof tolerance !== 'number' || !(tolerance >= 0)) {
        problem(['tolerance'], 'has a negative or non-numeric `tolerance`', 'Set `tolerance:` to a number of 0 or more.');
        return undefined;
      }
      return { ...base, type, answer, tolerance };
    }
    case 'sequencing': {
      const steps = Array.isArray(data.steps) ? data.steps.map(text) : [];
      if (steps.length < 2 || steps.length > MAX_OPTIONS || steps.some((s) => !s)) {
        problem(['steps'], 'needs 2–10 `steps` in the correct order', 'List the steps under `steps:` in the right order; learners see them shuffled.', data.steps === undefined);
        return undefined;
      }
      if (new Set(steps).size !== steps.length) {
        problem(['steps'], 'lists the same step twice', 'Make every step different, or learners cannot tell the order.');
        return undefined;
      }
      return { ...base, type, steps: (steps as string[]).map((s, i) => ({ id: CHOICE_IDS[i]!, text: s })) };
    }
  }
}

function readChoices(value: unknown, problem: Problem): Choice[] | undefined {
  if (!Array.isArray(value) || value.length < 2 || value.length > MAX_OPTIONS) {
    problem(['choices'], 'needs 2–10 `choices`', 'List the choices under `choices:`; write the right ones as `- text: …` with `correct: true`.', value === undefined);
    return undefined;
  }
  const choices: Choice[] = [];
  let ok = true;
  value.forEach((item, i) => {
    const entry: Record<string, unknown> = isRecord(item) ? item : { text: item };
    const choiceText = text(entry.text);
    if (!choiceText) {
      problem(['choices', i], 'has a choice without text', 'Write each choice as text, or as `- text: …` with optional `correct: true` and `feedback: …`.');
      ok = false;
      return;
    }
    if (entry.correct !== undefined && typeof entry.correct !== 'boolean') {
      problem(['choices', i, 'correct'], 'has a `correct` that is not true or false', 'Write `correct: true` on the right choices and leave it out on the others.');
      ok = false;
    }
    for (const key of Object.keys(entry)) {
      if (!['text', 'correct', 'feedback'].includes(key)) {
        problem(['choices', i, key], `has a choice with an unknown field \`${key}\``, 'A choice has `text`, and optionally `correct` and `feedback`.', true);
        ok = false;
      }
    }
    const feedback = entry.feedback === undefined ? undefined : text(entry.feedback);
    choices.push({ id: CHOICE_IDS[i]!, text: choiceText, correct: entry.correct === true, ...(feedback ? { feedback } : {}) });
  });
  if (new Set(choices.map((c) => c.text)).size !== choices.length) {
    problem(['choices'], 'lists the same choice twice', 'Make every choice different.');
    ok = false;
  }
  return ok ? choices : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

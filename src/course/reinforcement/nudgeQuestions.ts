/**
 * The retrieval questions a unit's nudges ask, resolved from `reinforcement.questions` (or, when
 * absent, from the lesson's one-click questions). Cards, `tandem reinforce`, the answer page of
 * `tandem serve` and the check rules all read them from here, so a question id in a link always
 * means the same question.
 *
 * A nudge is answered with one click in Slack, Teams or an email: only single-choice and
 * true/false questions qualify (a multiple-choice question needs several clicks and a submit).
 */
import type { Feedback, Question } from '../model/lesson.js';
import type { NudgeQuestionSpec, Unit } from '../model/unit.js';

export interface NudgeChoice {
  /** As in the answer link's `c=`: a, b, c… for choices, `true`/`false` for true/false. */
  id: string;
  text: string;
  correct: boolean;
  feedback?: string;
}

export interface NudgeQuestion {
  /** The lesson question's id, or the question's own id (`n1`, `n2`… when none is written). */
  id: string;
  prompt: string;
  choices: NudgeChoice[];
  feedback: Feedback;
  /** The job-aid step the question protects: its number when it names one, and its text (Markdown). */
  step: { number?: number; text: string };
}

/** Why a `reinforcement.questions` entry (index) or the unit (no index) yields no nudge question. */
export type NudgeProblem =
  | { kind: 'missing'; index?: number; detail: string }
  | { kind: 'not-one-click'; index?: number; questionId: string; type: string }
  | { kind: 'invalid'; index: number; field: string; detail: string };

/** Question types a learner answers with one click. */
export const ONE_CLICK_TYPES: readonly string[] = ['single-choice', 'true-false'];

export function nudgeQuestions(unit: Unit): { questions: NudgeQuestion[]; problems: NudgeProblem[] } {
  const reinforcement = unit.contract.reinforcement;
  if (!reinforcement) return { questions: [], problems: [] };
  const lessonQuestions = unit.lesson?.questions ?? [];
  const problems: NudgeProblem[] = [];
  const questions: NudgeQuestion[] = [];
  const stepFor = (index: number, number?: number): NudgeQuestion['step'] | undefined => {
    if (number === undefined) return { text: reinforcement.steps[index % reinforcement.steps.length] ?? '' };
    const item = unit.jobAid?.steps?.items.find((s) => s.number === number);
    return item ? { number, text: item.markdown } : undefined;
  };

  if (!reinforcement.questions) {
    // A lesson that did not load is reported by its own rules; asking for its questions would be noise.
    // So are question blocks that are all invalid (QUESTION_INVALID): fixing them may well fix this.
    // And a lesson without screens (LESSON_NO_SCREENS) has no questions to read yet.
    if (!unit.lesson || unit.lesson.screens.length === 0 || (lessonQuestions.length === 0 && unit.lesson.questionBlockCount > 0)) return { questions, problems };
    const oneClick = lessonQuestions.filter((q) => ONE_CLICK_TYPES.includes(q.type));
    if (oneClick.length === 0) {
      const detail = lessonQuestions.length
        ? `none of the lesson's questions (${lessonQuestions.map((q) => `${q.id}: ${q.type}`).join(', ')}) can be answered with one click`
        : 'the lesson has no questions';
      problems.push({ kind: 'missing', detail });
    }
    oneClick.forEach((q, i) => questions.push({ ...fromLesson(q), step: stepFor(i)! }));
    return { questions, problems };
  }

  const seen = new Set<string>();
  reinforcement.questions.forEach((spec, index) => {
    const resolved = resolveSpec(spec, index, lessonQuestions);
    if ('problem' in resolved) return problems.push(resolved.problem);
    const step = stepFor(index, spec.step);
    if (!step) {
      const count = unit.jobAid?.steps?.items.length ?? 0;
      return problems.push({ kind: 'invalid', index, field: 'step', detail: `step ${spec.step} is not a step of the job aid, which has ${count} step(s)` });
    }
    if (seen.has(resolved.id)) return problems.push({ kind: 'invalid', index, field: spec.lesson ? 'lesson' : 'id', detail: `question ${resolved.id} is asked twice` });
    seen.add(resolved.id);
    questions.push({ ...resolved, step });
  });
  return { questions, problems };
}

type Resolved = Omit<NudgeQuestion, 'step'> | { problem: NudgeProblem };

function resolveSpec(spec: NudgeQuestionSpec, index: number, lessonQuestions: readonly Question[]): Resolved {
  if (spec.lesson !== undefined) {
    if (spec.prompt !== undefined || spec.choices !== undefined) {
      return { problem: { kind: 'invalid', index, field: 'lesson', detail: 'an entry either names a lesson question (`lesson:`) or writes its own (`prompt:` and `choices:`), not both' } };
    }
    const q = lessonQuestions.find((candidate) => candidate.id === spec.lesson);
    if (!q) {
      const ids = lessonQuestions.map((candidate) => candidate.id).join(', ') || 'none';
      return { problem: { kind: 'missing', index, detail: `\`lesson: ${spec.lesson}\` names no question of the lesson (its questions: ${ids})` } };
    }
    if (!ONE_CLICK_TYPES.includes(q.type)) return { problem: { kind: 'not-one-click', index, questionId: q.id, type: q.type } };
    return fromLesson(q);
  }
  const id = spec.id ?? `n${index + 1}`;
  if (!spec.prompt) return { problem: { kind: 'invalid', index, field: 'prompt', detail: 'the question has no `prompt:` (or name a lesson question with `lesson:`)' } };
  const choices = spec.choices ?? [];
  if (choices.length < 2) return { problem: { kind: 'invalid', index, field: 'choices', detail: 'the question needs at least two `choices:`' } };
  const correct = choices.filter((c) => c.correct === true).length;
  if (correct !== 1) return { problem: { kind: 'invalid', index, field: 'choices', detail: `exactly one choice must be \`correct: true\` (${correct} are), so one click answers it` } };
  return {
    id,
    prompt: spec.prompt,
    choices: choices.map((c, i) => ({ id: String.fromCharCode(97 + i), text: c.text, correct: c.correct === true, ...(c.feedback ? { feedback: c.feedback } : {}) })),
    feedback: spec.feedback ?? { correct: 'Correct.', incorrect: 'Not quite. Check the step on the job aid.' },
  };
}

function fromLesson(q: Question): Omit<NudgeQuestion, 'step'> {
  const base = { id: q.id, prompt: q.prompt, feedback: q.feedback };
  if (q.type === 'true-false') {
    return {
      ...base,
      choices: [
        { id: 'true', text: 'True', correct: q.answer },
        { id: 'false', text: 'False', correct: !q.answer },
      ],
    };
  }
  if (q.type === 'single-choice') return { ...base, choices: q.choices.map((c) => ({ id: c.id, text: c.text, correct: c.correct, ...(c.feedback ? { feedback: c.feedback } : {}) })) };
  throw new Error(`fromLesson: question ${q.id} is ${q.type}, not a one-click type`);
}

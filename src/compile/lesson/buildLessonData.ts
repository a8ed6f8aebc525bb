/**
 * Unit → LessonData: what the player needs, embedded in the lesson page. Correct answers travel
 * with the page (the player scores in the browser, as every SCORM package does); nothing else of
 * the unit contract does.
 */
import { createHash } from 'node:crypto';
import type { Course } from '../../course/model/course.js';
import type { Question } from '../../course/model/lesson.js';
import type { Unit } from '../../course/model/unit.js';
import { LESSON_DATA_FORMAT, type LessonData, type QuestionData } from '../../runtime/contract/lessonData.js';
import { inlineMarkdownText } from './lessonMarkdown.js';

/** The mastery score that applies: the unit's, else the course default; undefined = completion only. */
export function masteryScoreOf(unit: Unit, course: Course): number | undefined {
  return unit.contract.lesson.masteryScore ?? course.config.defaults.masteryScore;
}

export function buildLessonData(unit: Unit, course: Course): LessonData {
  const lesson = unit.lesson;
  if (!lesson) throw new Error(`Unit ${unit.id} has no lesson to package.`);
  const questions = lesson.questions.map((q) => toQuestionData(q, unit.id));
  const screens = lesson.screens.map((s) => ({
    title: s.title,
    questionIds: s.blocks.flatMap((b) => (b.kind === 'question' ? [b.question.id] : [])),
  }));
  const masteryScore = questions.length > 0 ? masteryScoreOf(unit, course) : undefined;
  return {
    format: LESSON_DATA_FORMAT,
    courseId: course.config.id,
    unitId: unit.id,
    unitVersion: unit.contract.version,
    title: unit.contract.title,
    objectiveId: unit.contract.objective.id,
    ...(masteryScore === undefined ? {} : { masteryScore }),
    fingerprint: fingerprint(screens, questions),
    screens,
    questions,
  };
}

function toQuestionData(q: Question, unitId: string): QuestionData {
  // Plain text: these reach the LMS and LRS as descriptions; the page shows the formatted Markdown.
  const plain = inlineMarkdownText;
  const base = {
    id: q.id,
    prompt: plain(q.prompt),
    feedback: { correct: plain(q.feedback.correct), incorrect: plain(q.feedback.incorrect) },
    ...(q.attempts > 1 ? { attempts: q.attempts } : {}),
  };
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return { ...base, type: q.type, choices: q.choices.map((c) => ({ id: c.id, text: plain(c.text), correct: c.correct, ...(c.feedback ? { feedback: plain(c.feedback) } : {}) })) };
    case 'true-false':
      return { ...base, type: q.type, answer: q.answer };
    case 'fill-in':
      return { ...base, type: q.type, answers: q.answers, caseSensitive: q.caseSensitive };
    case 'numeric':
      return { ...base, type: q.type, answer: q.answer, tolerance: q.tolerance };
    case 'sequencing':
      return { ...base, type: q.type, steps: q.steps.map((step) => ({ id: step.id, text: plain(step.text) })), shownOrder: shuffledOrder(q.steps.map((s) => s.id), `${unitId}/${q.id}`) };
  }
}

/**
 * The order sequencing steps are first shown in: shuffled, but the same on every build (a seed
 * from unit and question id), so packages stay byte-identical; never already in the right order.
 */
export function shuffledOrder(ids: readonly string[], seed: string): string[] {
  const order = [...ids];
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  const random = () => {
    // xorshift32: small, and identical on every platform.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (order.length > 1 && order.every((id, i) => id === ids[i])) order.push(order.shift()!);
  return order;
}

/** Changes when saved progress would no longer fit: questions added, removed, reordered, or given other choices. */
function fingerprint(screens: LessonData['screens'], questions: QuestionData[]): string {
  const shape = {
    screens: screens.map((s) => s.questionIds),
    questions: questions.map((q) => [
      q.id,
      q.type,
      q.type === 'single-choice' || q.type === 'multiple-choice' ? q.choices.map((c) => c.id) : q.type === 'sequencing' ? q.steps.map((s) => s.id) : [],
    ]),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 8);
}

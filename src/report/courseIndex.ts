/**
 * What a report needs to know about the course to read statements: which objective, unit,
 * question and screen each IRI names (derived by src/xapi exactly as the compiler derives them),
 * and each question's correct answer, so an answer can be scored without trusting the statement.
 */
import type { Course, Question, Unit } from '../course/index.js';
import { nudgeQuestions } from '../course/reinforcement/nudgeQuestions.js';
import type { UnitRelease } from './release/releaseTimeline.js';
import { jobAidIri, lessonExtensionIris, nudgeExtensionIris, nudgeQuestionIri, objectiveIri, questionIri, screenIri } from '../xapi/index.js';

export interface IndexedQuestion {
  id: string;
  /** Position among the unit's questions, for per-learner score vectors. */
  index: number;
  question: Question;
  /** The options whose share is reported (choice ids, or `true`/`false`); empty for free answers. */
  options: string[];
}

export interface IndexedObjective {
  objectiveId: string;
  unit: Unit;
  questions: IndexedQuestion[];
  /** The unit's releases from --release manifests, oldest first; absent without them. */
  releases?: UnitRelease[];
}

export interface CourseIndex {
  objectives: IndexedObjective[];
  byObjectiveIri: Map<string, IndexedObjective>;
  /** The raw objective id, as lessons carry it in their objective-id context extension. */
  byObjectiveId: Map<string, IndexedObjective>;
  objectiveIdExtension: string;
  jobAidIris: Map<string, IndexedObjective>;
  questionIris: Map<string, { objective: IndexedObjective; question: IndexedQuestion }>;
  /** Screen IRI → 1-based screen number. */
  screenIris: Map<string, { objective: IndexedObjective; screen: number }>;
  /** Nudge question IRI → its objective and question id (the lesson question's id when it is one). */
  nudgeQuestionIris: Map<string, { objective: IndexedObjective; questionId: string; lessonQuestionId?: string }>;
  nudgeExtensions: { series: string; sequence: string; channel: string };
}

export function indexCourse(course: Course): CourseIndex {
  const { baseIri } = course.config;
  const index: CourseIndex = {
    objectives: [],
    byObjectiveIri: new Map(),
    byObjectiveId: new Map(),
    objectiveIdExtension: lessonExtensionIris(baseIri).objectiveId,
    jobAidIris: new Map(),
    questionIris: new Map(),
    screenIris: new Map(),
    nudgeQuestionIris: new Map(),
    nudgeExtensions: nudgeExtensionIris(baseIri),
  };
  for (const unit of [...course.units].sort((a, b) => a.contract.objective.id.localeCompare(b.contract.objective.id))) {
    const objectiveId = unit.contract.objective.id;
    // Objective ids are unique per course (checkUniqueIds), so the first unit is the only one.
    if (index.byObjectiveId.has(objectiveId)) continue;
    const questions = (unit.lesson?.questions ?? []).map((question, i) => ({ id: question.id, index: i, question, options: optionsOf(question) }));
    const entry: IndexedObjective = { objectiveId, unit, questions };
    index.objectives.push(entry);
    index.byObjectiveIri.set(objectiveIri(baseIri, objectiveId), entry);
    index.byObjectiveId.set(objectiveId, entry);
    index.jobAidIris.set(jobAidIri(baseIri, unit.id), entry);
    for (const q of questions) index.questionIris.set(questionIri(baseIri, unit.id, q.id), { objective: entry, question: q });
    for (const screen of unit.lesson?.screens ?? []) index.screenIris.set(screenIri(baseIri, unit.id, screen.index), { objective: entry, screen: screen.index });
    // A nudge asks a lesson question (`lesson:`, or every one-click question when none are listed) or one of its own.
    const specs = unit.contract.reinforcement?.questions;
    const fromLesson = new Set(specs ? specs.map((q) => q.lesson).filter((id) => id !== undefined) : questions.map((q) => q.id));
    for (const q of nudgeQuestions(unit).questions) {
      const lessonQuestionId = fromLesson.has(q.id) && questions.some((l) => l.id === q.id) ? q.id : undefined;
      index.nudgeQuestionIris.set(nudgeQuestionIri(baseIri, unit.id, q.id), { objective: entry, questionId: q.id, ...(lessonQuestionId ? { lessonQuestionId } : {}) });
    }
  }
  return index;
}

function optionsOf(question: Question): string[] {
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice':
      return question.choices.map((c) => c.id);
    case 'true-false':
      return ['true', 'false'];
    default:
      return [];
  }
}

/**
 * What the lesson player knows about a lesson: built by the render stage, embedded in the lesson
 * page as JSON, read by the player in the browser. Runs on both sides, so it holds types only.
 */

/** Bump when the shape changes. */
export const LESSON_DATA_FORMAT = 1;

export interface LessonData {
  format: typeof LESSON_DATA_FORMAT;
  courseId: string;
  unitId: string;
  unitVersion: string;
  title: string;
  /** The unit's objective id: the key that joins LMS results with job-aid use. */
  objectiveId: string;
  /** 0–100; absent for a completion-only lesson. */
  masteryScore?: number;
  /**
   * A short hash of the lesson's structure (screens, question ids, types, choices). Saved progress
   * carries it, so progress saved by another version of the lesson is not misapplied.
   */
  fingerprint: string;
  screens: ScreenData[];
  questions: QuestionData[];
}

export interface ScreenData {
  title: string;
  /** Questions on the screen, in order. */
  questionIds: string[];
}

export interface FeedbackData {
  correct: string;
  incorrect: string;
}

interface QuestionBase {
  id: string;
  /** Plain text (Markdown taken off), for the LMS, the LRS and the results list; the page shows it formatted. */
  prompt: string;
  feedback: FeedbackData;
  /** Tries before the answer counts, when more than one; a wrong try before the last shows the incorrect feedback. */
  attempts?: number;
}

export interface ChoiceQuestionData extends QuestionBase {
  type: 'single-choice' | 'multiple-choice';
  /** Ids are single letters a, b, c… (SCORM 1.2 choice responses are single characters). */
  choices: { id: string; text: string; correct: boolean; feedback?: string }[];
}
export interface TrueFalseQuestionData extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}
export interface FillInQuestionData extends QuestionBase {
  type: 'fill-in';
  answers: string[];
  caseSensitive: boolean;
}
export interface NumericQuestionData extends QuestionBase {
  type: 'numeric';
  answer: number;
  tolerance: number;
}
export interface SequencingQuestionData extends QuestionBase {
  type: 'sequencing';
  /** In the correct order. */
  steps: { id: string; text: string }[];
  /** Step ids in the order first shown (shuffled at build time, so packages stay reproducible). */
  shownOrder: string[];
}

export type QuestionData = ChoiceQuestionData | TrueFalseQuestionData | FillInQuestionData | NumericQuestionData | SequencingQuestionData;

/**
 * A learner's answer: choice ids (single- and multiple-choice), a boolean (true-false), the typed
 * text (fill-in), a number (numeric), or step ids in the learner's order (sequencing).
 */
export type LearnerResponse = string[] | boolean | string | number;

/** Longest fill-in answer a learner can type; bounds the saved progress (see progressState). */
export const FILL_IN_MAX_LENGTH = 60;
/** Longest numeric answer a learner can type. */
export const NUMERIC_MAX_LENGTH = 24;

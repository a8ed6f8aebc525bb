import type { AssetRef } from './asset.js';

export const QUESTION_TYPES = ['single-choice', 'multiple-choice', 'true-false', 'fill-in', 'numeric', 'sequencing'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Feedback {
  correct: string;
  incorrect: string;
}

export interface Choice {
  /** Stable short id: a, b, c… in authored order (SCORM 1.2 choice responses are single characters). */
  id: string;
  text: string;
  correct: boolean;
  feedback?: string;
}

/** An image shown with a question (`image:` in the question block). */
export interface QuestionImage {
  src: string;
  alt: string;
}

interface QuestionBase {
  /** Stable id within the lesson: authored or q1, q2… */
  id: string;
  /** Inline Markdown (emphasis, code, links), like the feedback and choice texts. */
  prompt: string;
  feedback: Feedback;
  /** Tries before the answer counts (default 1); each wrong try before the last shows the incorrect feedback. */
  attempts: number;
  image?: QuestionImage;
  /** Where the question block starts, for diagnostics. */
  line: number;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single-choice' | 'multiple-choice';
  choices: Choice[];
}
export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}
export interface FillInQuestion extends QuestionBase {
  type: 'fill-in';
  answers: string[];
  caseSensitive: boolean;
}
export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  answer: number;
  tolerance: number;
}
export interface SequencingQuestion extends QuestionBase {
  type: 'sequencing';
  /** In the correct order; each has a stable id a, b, c… */
  steps: { id: string; text: string }[];
}

export type Question = ChoiceQuestion | TrueFalseQuestion | FillInQuestion | NumericQuestion | SequencingQuestion;

/** A ```video or ```audio block: media with its captions, poster and play time. */
export interface MediaBlock {
  type: 'video' | 'audio';
  src: string;
  /** WebVTT captions; required for video. */
  captions?: string;
  /** Image shown before a video plays. */
  poster?: string;
  /** Shown under the player and used as its accessible name. */
  title?: string;
  /** Play time, counted in the lesson-time estimate. */
  durationSeconds: number;
  line: number;
}

/** A screen's content in order: Markdown prose, media and questions. */
export type ScreenBlock = { kind: 'markdown'; markdown: string } | { kind: 'media'; media: MediaBlock } | { kind: 'question'; question: Question };

export interface Screen {
  /** 1-based position in the lesson. */
  index: number;
  title: string;
  blocks: ScreenBlock[];
  line: number;
}

/** The objective a lesson or job aid names in its front matter. */
export interface DeclaredObjective {
  id: string;
  line: number;
  column: number;
}

export interface Lesson {
  file: string;
  /** `objective:` from front matter, when given. */
  declaredObjective?: DeclaredObjective;
  screens: Screen[];
  /** All valid questions in lesson order. */
  questions: Question[];
  /** Question blocks written, valid or not: what the time estimate counts. */
  questionBlockCount: number;
  /** Words a learner reads (screens, prompts, choices), for the time estimate. */
  wordCount: number;
  /** Play time of the ```video and ```audio blocks, for the time estimate. */
  mediaSeconds: number;
  assetRefs: AssetRef[];
}

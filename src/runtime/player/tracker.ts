/**
 * The seam between the lesson player (UI, state, scoring) and whatever records the learner's
 * progress: the SCORM 1.2 API today, xAPI/cmi5 later. The player calls these in a fixed order —
 * start, then any number of saveProgress/recordAnswer/recordResult, then finish once — and never
 * learns how or where the data goes.
 */
import type { LearnerResponse, QuestionData } from '../contract/lessonData.js';

/** normal: tracked; browse: a preview, nothing recorded; review: looking back at a finished attempt. */
export type LessonMode = 'normal' | 'browse' | 'review';

export interface TrackerSession {
  /** False when no LMS answered: the lesson runs and says progress is not recorded. */
  connected: boolean;
  mode: LessonMode;
  /** Progress (bookmark, answers) is recorded: connected and in normal mode. */
  recordsProgress: boolean;
  /** Score and status are recorded: also requires credit (SCORM 1.2 cmi.core.credit). */
  recordsResults: boolean;
  /** Progress saved by an earlier session of this attempt, to resume (or to show in review). */
  savedState?: string;
  /** The bookmark saved with it, used when the saved state cannot be read. */
  savedLocation?: string;
  /** Shown instead of the player's own notice (e.g. a cmi5 session that has already ended). */
  notice?: string;
}

/**
 * What the learner is told about saving: everything confirmed; on its way; kept in this browser
 * until the LMS or LRS answers again; or could not be saved (refused, an expired LMS session).
 */
export type SaveStatus = 'saved' | 'saving' | 'pending' | 'failed';

/** What is saved on every change: a bookmark and the encoded progress (see progressState). */
export interface Progress {
  location: string;
  state: string;
}

export interface AnswerRecord {
  question: QuestionData;
  response: LearnerResponse;
  correct: boolean;
  /** From showing the question to checking the answer. */
  latencyMs: number;
  answeredAt: Date;
}

export interface LessonResult {
  /** 0–100 with at most 2 decimals; undefined for a completion-only lesson. */
  scorePercent?: number;
  /** Against the mastery score; undefined for a completion-only lesson. */
  passed?: boolean;
}

export interface Tracker {
  start(): TrackerSession;
  /** The learner moved: save the bookmark. */
  saveProgress(progress: Progress): void;
  /** The learner checked an answer: record it and the progress that now includes it. */
  recordAnswer(answer: AnswerRecord, progress: Progress): void;
  /** The learner reached the results: record score and status with the final progress. */
  recordResult(result: LessonResult, progress: Progress): void;
  /** End the session (exit button, page hidden). Only the first call counts; nothing is recorded after it. */
  finish(progress: Progress, finished: boolean): void;
  /** Tells `listener` whenever the save status changes, so the learner is never told "saved" when it is not. */
  onSaveStatus?(listener: (status: SaveStatus) => void): void;
}

/** Used when no LMS is found: the lesson works, nothing is recorded. */
export class OfflineTracker implements Tracker {
  start(): TrackerSession {
    return { connected: false, mode: 'normal', recordsProgress: false, recordsResults: false };
  }
  saveProgress(): void {}
  recordAnswer(): void {}
  recordResult(): void {}
  finish(): void {}
}

/**
 * The seam between the lesson flow (screens, answers, scoring: see lessonFlow.ts) and whatever
 * records the learner's progress: the SCORM 1.2 API, xAPI or cmi5. The flow calls these in a fixed
 * order — start, open, then any number of saveProgress/recordAnswer/recordResult, then finish
 * once — and never learns how or where the data goes. Everything a tracker records comes in these
 * calls, decided by the flow: a tracker never decodes the progress or scores the answers itself.
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
export interface SavedProgress {
  /** The 1-based screen number, or "results". */
  location: string;
  state: string;
}

/** The saved progress with where the learner is, for trackers that report screens and progress. */
export interface Progress extends SavedProgress {
  /** 0-based screen shown; the screen count on the results screen. */
  screen: number;
  /** The furthest screen reached in this attempt, as a whole percentage of the screens (100 on the results screen). */
  percentReached: number;
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
  /** Questions answered correctly, of `total`. */
  correct: number;
  total: number;
}

export interface Tracker {
  start(): TrackerSession;
  /** The lesson opened on this screen (restored, or the first): nothing new to save. */
  open(progress: Progress): void;
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
  open(): void {}
  saveProgress(): void {}
  recordAnswer(): void {}
  recordResult(): void {}
  finish(): void {}
}

/**
 * The lesson player's Tracker for xAPI: turns what the learner does into statements (through the
 * shared StatementFactory) and puts them in the persistent queue; keeps the bookmark in the State
 * API. The same class serves Tin Can packages and cmi5 AUs; with `cmi5` set it also follows the
 * cmi5 rules for "cmi5 defined" statements (9.3 verb ordering, 9.5 results, 9.6.2 categories,
 * 10.2.2 launch modes):
 *
 * - `initialized` first and `terminated` last in every session, each once;
 * - `completed` at most once per registration, `passed` at most once per registration, no `failed`
 *   after a `passed`, and at most one of passed/failed per session: a second judged attempt in the
 *   same session is kept in the bookmark and reported at the start of the next session;
 * - Browse and Review send `initialized` and `terminated` only (no completion, score or answers);
 * - passed/failed judged against the LMS's masteryScore, which they carry as a context extension;
 * - the cmi5 category on defined statements, the moveOn category on those with success or completion.
 *
 * A session lives as long as the tab (sessionStorage): a reload continues it. When a session has
 * ended (exit button, or the page was closed or reloaded, which also fires pagehide), cmi5 forbids
 * further statements in it, so a reloaded cmi5 page runs without recording until it is launched
 * again; a reloaded Tin Can page starts a new session.
 */
import type { Activity, Extensions, Result } from '@xapi/xapi';
import type { LessonData } from '../contract/lessonData.js';
import type { AnswerRecord, LessonMode, LessonResult, Progress, SavedProgress, SaveStatus, Tracker, TrackerSession } from '../player/tracker.js';
import { interactionResponse } from './interactionResponse.js';
import type { StateParams } from './lrsClient.js';
import type { StatementFactory, StatementOptions } from './statementFactory.js';
import { isoDuration } from './statementIds.js';
import type { QueueStorage, StatementQueue } from './statementQueue.js';
import { PROGRESS_EXTENSION, type VerbName } from '../contract/xapiPlan.js';

/** The State API document holding the bookmark (stateId BOOKMARK_STATE_ID, per activity, agent, registration). */
export interface Bookmark {
  format: 1;
  /** The player's encoded progress (see progressState). */
  state: string;
  location: string;
  /** A `completed` was sent in this registration. */
  completed?: boolean;
  /** A `passed` was sent in this registration. */
  passed?: boolean;
  /** cmi5: a judged result that could not be sent in its session (one passed/failed per session). */
  pendingResult?: { passed: boolean; correct: number; total: number; durationMs: number };
}

export const BOOKMARK_STATE_ID = 'https://tandem.dev/xapi/state/lesson-progress';

/** A reloaded cmi5 page whose session has ended (cmi5 9.3.8: nothing may follow `terminated`). */
export const SESSION_ENDED_NOTICE = 'This session has ended. To carry on and have your progress recorded, open the lesson again from your LMS.';

export const CMI5_CATEGORY: Activity = { objectType: 'Activity', id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' };
export const MOVE_ON_CATEGORY: Activity = { objectType: 'Activity', id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' };
export const MASTERY_SCORE_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
export const SESSION_ID_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

export interface XapiTrackerOptions {
  lesson: LessonData;
  factory: StatementFactory;
  queue: StatementQueue;
  /**
   * Where the bookmark lives in the State API. Undefined when something else keeps it (a SCORM
   * lesson's suspend_data): nothing is then written to the State API.
   */
  bookmarkAt?: StateParams;
  /** The bookmark read at launch (from the LRS, or the newer copy still queued). */
  bookmark?: Bookmark;
  mode: LessonMode;
  /** Per-tab storage for the session record (sessionStorage). */
  sessionStorage: QueueStorage;
  /** cmi5 launch: follow its rules. */
  cmi5?: {
    sessionId: string;
    /** 0–1 from LMS.LaunchData; passed/failed are judged against it when given. */
    masteryScore?: number;
  };
  /** True from the moment the page is being hidden for good (pagehide). */
  isLeaving(): boolean;
  /** After the exit button: where the browser goes once the last statements are confirmed (cmi5 returnURL). */
  onExit?(): void;
  now?(): Date;
}

interface SessionRecord {
  id: string;
  startedAt: number;
  /** Defined verbs sent in this session. */
  sent: VerbName[];
  /** Screens experienced in this session (0-based). */
  experienced: number[];
  /** Highest progress (0–100) sent in this session. */
  progress: number;
  terminated: boolean;
}

export class XapiTracker implements Tracker {
  private session!: SessionRecord;
  private bookmark: Bookmark;
  private recording = true;
  private finished = false;
  private readonly sessionKey: string;

  constructor(private readonly o: XapiTrackerOptions) {
    this.bookmark = o.bookmark ?? { format: 1, state: '', location: '' };
    this.sessionKey = `tandem.xapi.session:${o.bookmarkAt?.activityId ?? o.factory.launch.lessonId}|${(o.bookmarkAt ? o.bookmarkAt.registration : o.factory.launch.registration) ?? ''}`;
  }

  start(): TrackerSession {
    const now = this.now();
    const stored = this.loadSession();
    // A cmi5 relaunch brings a new session id; the record of an older session is of no use then.
    const saved = stored && (!this.o.cmi5 || stored.id === this.o.cmi5.sessionId) ? stored : undefined;
    if (saved?.terminated && this.o.cmi5) {
      // cmi5 9.3.8: nothing may follow `terminated` in a session. Show the lesson, record nothing.
      this.recording = false;
      return { connected: false, mode: this.o.mode, recordsProgress: false, recordsResults: false, notice: SESSION_ENDED_NOTICE, ...this.savedProgress() };
    }
    if (saved && !saved.terminated) {
      this.session = saved;
    } else {
      this.session = { id: this.o.cmi5?.sessionId ?? `${now.getTime()}`, startedAt: now.getTime(), sent: [], experienced: [], progress: 0, terminated: false };
      this.send('initialized', this.defined({ at: now }));
      if (this.bookmark.state) this.send('resumed', { at: now });
      if (this.o.cmi5 && this.normal && this.bookmark.pendingResult) this.reportPendingResult();
      this.saveSession();
    }
    return { connected: true, mode: this.o.mode, recordsProgress: this.normal, recordsResults: this.normal, ...this.savedProgress() };
  }

  /** The first screen the flow shows (restored or new): `experienced`, like every later screen. */
  open(progress: Progress): void {
    if (!this.recording || this.finished) return;
    this.experience(progress.screen);
  }

  saveProgress(progress: Progress): void {
    if (!this.recording || this.finished) return;
    this.experience(progress.screen);
    const percent = progress.percentReached;
    // cmi5 9.5.5.1: no progress once the AU is completed in the registration; 100 % is what completed says.
    if (percent > this.session.progress && percent < 100 && !this.bookmark.completed) {
      this.session.progress = percent;
      this.send('progressed', { result: { extensions: { [PROGRESS_EXTENSION]: percent } } });
    }
    this.saveSession();
    this.saveBookmark(progress);
  }

  recordAnswer(answer: AnswerRecord, progress: Progress): void {
    if (!this.recording || this.finished || !this.normal) return;
    const result: Result = {
      response: interactionResponse(answer.question, answer.response),
      success: answer.correct,
      duration: isoDuration(answer.latencyMs),
    };
    this.o.queue.enqueue(this.o.factory.question(answer.question.id, { result, at: answer.answeredAt }));
    this.saveProgress(progress);
  }

  recordResult(result: LessonResult, progress: Progress): void {
    if (!this.recording || this.finished || !this.normal) return;
    const now = this.now();
    const durationMs = now.getTime() - this.session.startedAt;
    if (!this.bookmark.completed) {
      this.bookmark.completed = true;
      this.send('completed', this.defined({ result: { completion: true, duration: isoDuration(durationMs) }, at: now }, true));
    }
    // The flow judged the answers against the pass mark (in cmi5, the LMS's masteryScore); a lesson
    // without questions has no score to report.
    if (result.passed !== undefined && result.total > 0) this.judge({ passed: result.passed, correct: result.correct, total: result.total, durationMs }, now);
    this.saveSession();
    this.saveBookmark(progress);
  }

  finish(progress: SavedProgress, finished: boolean): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.recording) return;
    const now = this.now();
    const duration = isoDuration(now.getTime() - this.session.startedAt);
    if (!finished && this.normal) this.send('suspended', { result: { duration }, at: now });
    this.send('terminated', this.defined({ result: { duration }, at: now }));
    this.session.terminated = true;
    this.saveSession();
    this.saveBookmark(progress);
    if (this.o.isLeaving()) {
      this.o.queue.flushOnPageHide();
      return;
    }
    // The exit button: wait (briefly) until the LRS has everything, then leave for the LMS.
    void this.o.queue
      .flush({ keepalive: true })
      .then(() => this.o.queue.drained(3_000))
      .finally(() => this.o.onExit?.());
  }

  onSaveStatus(listener: (status: SaveStatus) => void): void {
    if (this.recording) this.o.queue.onStatus(listener);
  }

    /** `experienced` for a screen shown for the first time in this session. */
  private experience(screen: number): void {
    if (screen >= this.o.lesson.screens.length || this.session.experienced.includes(screen)) return;
    this.session.experienced.push(screen);
    this.o.queue.enqueue(this.o.factory.screen(screen, { at: this.now() }));
    this.saveSession();
  }

  private get normal(): boolean {
    return this.o.mode === 'normal';
  }

  private judge(outcome: NonNullable<Bookmark['pendingResult']>, at: Date): void {
    if (this.o.cmi5) {
      // cmi5 9.3: one passed per registration, no failed after it, one of passed/failed per session.
      if (this.bookmark.passed) return;
      if (this.session.sent.includes('passed') || this.session.sent.includes('failed')) {
        this.bookmark.pendingResult = outcome;
        return;
      }
    }
    const verb = outcome.passed ? 'passed' : 'failed';
    const result: Result = {
      score: { scaled: scaled(outcome.correct, outcome.total), raw: outcome.correct, min: 0, max: outcome.total },
      success: outcome.passed,
      duration: isoDuration(outcome.durationMs),
    };
    const extensions: Extensions = {};
    if (this.o.cmi5?.masteryScore !== undefined) extensions[MASTERY_SCORE_EXTENSION] = this.o.cmi5.masteryScore;
    this.send(verb, this.defined({ result, extensions, at }, true));
    if (outcome.passed) this.bookmark.passed = true;
    delete this.bookmark.pendingResult;
  }

  private reportPendingResult(): void {
    const pending = this.bookmark.pendingResult!;
    this.judge(pending, this.now());
    if (this.o.bookmarkAt) this.o.queue.setState(this.o.bookmarkAt, this.bookmark);
  }

  /** cmi5 categories for a defined statement (7.1.3, 9.6.2.1) and, with a success or completion result, moveOn (9.6.2.2). */
  private defined(options: StatementOptions, moveOn = false): StatementOptions {
    if (!this.o.cmi5) return options;
    return { ...options, category: moveOn ? [CMI5_CATEGORY, MOVE_ON_CATEGORY] : [CMI5_CATEGORY] };
  }

  private send(verb: VerbName, options: StatementOptions): void {
    this.o.queue.enqueue(this.o.factory.lesson(verb, { at: this.now(), ...options }));
    this.session.sent.push(verb);
  }

  private saveBookmark(progress: SavedProgress): void {
    if (!this.normal) return;
    this.bookmark.state = progress.state;
    this.bookmark.location = progress.location;
    if (!this.o.bookmarkAt) return;
    this.o.queue.setState(this.o.bookmarkAt, { ...this.bookmark });
  }

  private savedProgress(): Pick<TrackerSession, 'savedState' | 'savedLocation'> {
    return this.bookmark.state ? { savedState: this.bookmark.state, savedLocation: this.bookmark.location } : {};
  }

  private loadSession(): SessionRecord | undefined {
    try {
      const text = this.o.sessionStorage.getItem(this.sessionKey);
      return text ? (JSON.parse(text) as SessionRecord) : undefined;
    } catch {
      return undefined;
    }
  }

  private saveSession(): void {
    try {
      this.o.sessionStorage.setItem(this.sessionKey, JSON.stringify(this.session));
    } catch {
      // Without sessionStorage a reload starts a new session; nothing else depends on it.
    }
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }
}

/** score.scaled with at most 4 decimals, the precision cmi5 gives masteryScore (10.2.4). */
function scaled(correct: number, total: number): number {
  return Math.round((correct / total) * 10_000) / 10_000;
}

/**
 * The SCORM 1.2 adapter: turns the player's calls (see player/tracker.ts) into LMSSetValue and
 * LMSCommit calls, following the rules LMSs actually enforce (SCORM 1.2 RTE section 3):
 *
 * - LMSInitialize once; on the first launch of an attempt, lesson_status becomes `incomplete`.
 * - Bookmark: cmi.core.lesson_location and cmi.suspend_data (never over 4,096 characters).
 * - Results: score raw/min/max (0–100) before lesson_status; passed/failed against the mastery
 *   score, or completed when the lesson is not scored. A pass is never replaced by a later fail
 *   (a learner revisiting a passed lesson must not lose the pass).
 * - The unit's objective in cmi.objectives.n (found by id and updated in place on resume).
 * - One cmi.interactions.n per checked answer, in the formats of RTE 3.4.4 (see cmiFormats).
 * - lesson_mode browse/review or credit no-credit: no score and no status, except `browsed` for a
 *   browse launch of a lesson still "not attempted" (RTE 3.4.2: a SCO may set it; Moodle's
 *   scorm_12.js otherwise turns "not attempted" into "completed" on LMSFinish, so a Preview would
 *   count as done).
 * - LMSCommit after each answer and status change; session_time and exit, then LMSFinish once,
 *   and nothing after it. No session_time in review: the attempt is over, and LMSs such as Moodle
 *   add every session_time to its total time.
 * - After every write, LMSGetLastError: a refused value is reported in the console and the lesson
 *   carries on, because a learner should never be stopped by an LMS quirk. But a refused commit, or
 *   a refused bookmark, status, score or exit (an expired LMS session refuses them all), makes the
 *   save status `failed`, so the learner is not told their progress is saved; the next accepted
 *   commit makes it `saved` again.
 */
import type { LessonData } from '../contract/lessonData.js';
import type { AnswerRecord, LessonMode, LessonResult, SavedProgress, SaveStatus, Tracker, TrackerSession } from '../player/tracker.js';
import { correctPatterns, formatScore, formatTimeOfDay, formatTimespan, interactionType, studentResponse } from './cmiFormats.js';
import type { Scorm12Api } from './findApi.js';
import { SUSPEND_DATA_LIMIT } from '../contract/scorm12Limits.js';

/** cmi.core.lesson_location is a CMIString255. */
const LOCATION_LIMIT = 255;

type Console = Pick<globalThis.Console, 'warn' | 'info'>;

export class Scorm12Tracker implements Tracker {
  private phase: 'new' | 'running' | 'finished' = 'new';
  private session: TrackerSession = { connected: false, mode: 'normal', recordsProgress: false, recordsResults: false };
  private startedAt = 0;
  /** cmi.core.lesson_status as the LMS last accepted it. */
  private status = '';
  /** Row of the unit's objective in cmi.objectives; undefined when not recorded. */
  private objectiveIndex?: number;
  /** Next free row of cmi.interactions; undefined when the LMS does not support interactions. */
  private nextInteraction?: number;
  private saved?: SavedProgress;
  /** A write the learner's progress depends on was refused since the last commit. */
  private refusedSinceCommit = false;
  private saveStatus: SaveStatus = 'saved';
  private readonly listeners: ((status: SaveStatus) => void)[] = [];

  constructor(
    private readonly api: Scorm12Api | undefined,
    private readonly lesson: LessonData,
    private readonly log: Console = console,
    private readonly now: () => number = () => Date.now(),
  ) {}

  start(): TrackerSession {
    if (this.phase !== 'new') return this.session;
    this.phase = 'running';
    this.startedAt = this.now();
    const api = this.api;
    if (!api) return this.session;
    if (this.call('LMSInitialize', () => api.LMSInitialize('')) !== 'true') {
      this.log.warn(`Tandem: LMSInitialize failed (${this.lastError()}); progress is not recorded.`);
      this.phase = 'finished';
      return this.session;
    }

    const lessonMode = this.get('cmi.core.lesson_mode');
    const mode: LessonMode = lessonMode === 'browse' || lessonMode === 'review' ? lessonMode : 'normal';
    const recordsProgress = mode === 'normal';
    const recordsResults = recordsProgress && this.get('cmi.core.credit') !== 'no-credit';
    const entry = this.get('cmi.core.entry');
    this.status = this.get('cmi.core.lesson_status') ?? '';
    // A fresh attempt (ab-initio) has nothing to resume, whatever an LMS may have left behind.
    const savedState = entry === 'ab-initio' ? undefined : this.get('cmi.suspend_data') || undefined;
    const savedLocation = entry === 'ab-initio' ? undefined : this.get('cmi.core.lesson_location') || undefined;
    this.session = { connected: true, mode, recordsProgress, recordsResults, savedState, savedLocation };

    let wrote = false;
    const notAttempted = this.status === 'not attempted' || this.status === '';
    if (notAttempted && (recordsResults || mode === 'browse')) {
      const status = mode === 'browse' ? 'browsed' : 'incomplete';
      if (this.set('cmi.core.lesson_status', status)) this.status = status;
      wrote = true;
    }
    if (recordsResults && this.supports('cmi.objectives')) {
      const { index, created } = this.findObjective();
      this.objectiveIndex = index;
      if (created) {
        const ok = this.set(`cmi.objectives.${index}.id`, this.lesson.objectiveId);
        if (ok) this.set(`cmi.objectives.${index}.status`, 'incomplete');
        else this.objectiveIndex = undefined;
        wrote = true;
      }
    }
    if (recordsProgress && this.supports('cmi.interactions')) {
      this.nextInteraction = toCount(this.get('cmi.interactions._count'));
    }
    if (wrote) this.commit();
    return this.session;
  }

  /** SCORM 1.2 keeps no record of screens seen: nothing to send until the learner moves. */
  open(): void {}

  saveProgress(progress: SavedProgress): void {
    if (!this.recording()) return;
    if (this.writeProgress(progress)) this.commit();
  }

  recordAnswer(answer: AnswerRecord, progress: SavedProgress): void {
    if (!this.recording()) return;
    if (this.nextInteraction !== undefined) this.writeInteraction(this.nextInteraction++, answer);
    this.writeProgress(progress);
    this.commit();
  }

  recordResult(result: Pick<LessonResult, 'scorePercent' | 'passed'>, progress: SavedProgress): void {
    if (!this.recording()) return;
    if (this.session.recordsResults) {
      const status = result.passed === undefined ? 'completed' : result.passed ? 'passed' : 'failed';
      if (this.status === 'passed' && status !== 'passed') {
        this.log.info(`Tandem: the lesson was passed before; keeping "passed" rather than recording "${status}".`);
      } else {
        // RTE 3.4.2: LMSs that derive status from the score need the score first.
        if (result.scorePercent !== undefined) this.writeScore('cmi.core.score', result.scorePercent);
        if (this.set('cmi.core.lesson_status', status)) this.status = status;
        if (this.objectiveIndex !== undefined) {
          const row = `cmi.objectives.${this.objectiveIndex}`;
          if (result.scorePercent !== undefined) this.writeScore(`${row}.score`, result.scorePercent);
          this.set(`${row}.status`, status);
        }
      }
    }
    this.writeProgress(progress);
    this.commit();
  }

  finish(progress: SavedProgress, finished: boolean): void {
    if (this.phase !== 'running') return;
    this.phase = 'finished';
    const api = this.api;
    if (!api || !this.session.connected) return;
    if (this.session.recordsProgress) {
      this.writeProgress(progress);
      // RTE 3.4.2 cmi.core.exit: "suspend" lets the LMS resume this attempt next time; "" ends it.
      this.set('cmi.core.exit', finished ? '' : 'suspend');
    }
    if (this.session.mode !== 'review') this.set('cmi.core.session_time', formatTimespan(this.now() - this.startedAt));
    // Nothing may be called after LMSFinish, not even LMSGetLastError.
    if (this.call('LMSFinish', () => api.LMSFinish('')) !== 'true') {
      this.log.warn('Tandem: LMSFinish was refused by the LMS.');
      this.report('failed');
    } else if (this.refusedSinceCommit) {
      this.report('failed');
    }
  }

  onSaveStatus(listener: (status: SaveStatus) => void): void {
    this.listeners.push(listener);
    listener(this.saveStatus);
  }

  private report(status: SaveStatus): void {
    if (status === this.saveStatus) return;
    this.saveStatus = status;
    for (const listener of this.listeners) listener(status);
  }

  private recording(): boolean {
    return this.phase === 'running' && this.session.recordsProgress;
  }

  /** Writes bookmark and state when they changed; true when something was written. */
  private writeProgress(progress: SavedProgress): boolean {
    if (this.saved && this.saved.location === progress.location && this.saved.state === progress.state) return false;
    if (progress.location.length <= LOCATION_LIMIT) this.set('cmi.core.lesson_location', progress.location);
    if (progress.state.length > SUSPEND_DATA_LIMIT) {
      // The build rules this out (SUSPEND_DATA_TOO_LONG); never send what an LMS would truncate.
      this.log.warn(`Tandem: progress is ${progress.state.length} characters, over the ${SUSPEND_DATA_LIMIT} that SCORM 1.2 allows; not saved.`);
    } else {
      this.set('cmi.suspend_data', progress.state);
    }
    this.saved = progress;
    return true;
  }

  private writeInteraction(n: number, answer: AnswerRecord): void {
    const row = `cmi.interactions.${n}`;
    // RTE 3.4.4: the id comes first; when the LMS refuses it, the rest of the row would be orphaned.
    if (!this.set(`${row}.id`, answer.question.id)) return;
    this.set(`${row}.objectives.0.id`, this.lesson.objectiveId);
    this.set(`${row}.time`, formatTimeOfDay(answer.answeredAt));
    this.set(`${row}.type`, interactionType(answer.question));
    correctPatterns(answer.question).forEach((pattern, i) => this.set(`${row}.correct_responses.${i}.pattern`, pattern));
    this.set(`${row}.weighting`, '1');
    this.set(`${row}.student_response`, studentResponse(answer.question, answer.response));
    this.set(`${row}.result`, answer.correct ? 'correct' : 'wrong');
    this.set(`${row}.latency`, formatTimespan(answer.latencyMs));
  }

  private writeScore(prefix: string, percent: number): void {
    this.set(`${prefix}.raw`, formatScore(percent));
    this.set(`${prefix}.min`, '0');
    this.set(`${prefix}.max`, '100');
  }

  /** The unit's objective row: the existing one on resume (updated in place), else a new one. */
  private findObjective(): { index: number; created: boolean } {
    const count = toCount(this.get('cmi.objectives._count'));
    for (let i = 0; i < count; i++) {
      if (this.get(`cmi.objectives.${i}.id`) === this.lesson.objectiveId) return { index: i, created: false };
    }
    return { index: count, created: true };
  }

  /** RTE 3.4.3: an LMS that does not implement a group answers `_children` with error 401. */
  private supports(group: string): boolean {
    const children = this.get(`${group}._children`);
    if (!children) this.log.info(`Tandem: the LMS does not support ${group}; they are not recorded.`);
    return Boolean(children);
  }

  private get(element: string): string | undefined {
    const value = this.call('LMSGetValue', () => this.api!.LMSGetValue(element));
    const code = this.lastError();
    return code === '0' ? value : undefined;
  }

  private set(element: string, value: string): boolean {
    const result = this.call('LMSSetValue', () => this.api!.LMSSetValue(element, value));
    const code = this.lastError();
    if (result === 'true' && code === '0') return true;
    // Interactions and objectives are extras some LMSs refuse; the learner's progress lives in cmi.core and suspend_data.
    if (element.startsWith('cmi.core.') || element === 'cmi.suspend_data') {
      this.refusedSinceCommit = true;
      this.report('failed');
    }
    this.log.warn(`Tandem: the LMS refused ${element} = "${value}" (error ${code}: ${this.errorString(code)}); the lesson carries on.`);
    return false;
  }

  private commit(): void {
    const result = this.call('LMSCommit', () => this.api!.LMSCommit(''));
    const code = this.lastError();
    if (result !== 'true' || code !== '0') {
      this.log.warn(`Tandem: LMSCommit failed (error ${code}: ${this.errorString(code)}); the lesson carries on.`);
      this.report('failed');
    } else {
      this.report(this.refusedSinceCommit ? 'failed' : 'saved');
    }
    this.refusedSinceCommit = false;
  }

  private lastError(): string {
    const code = this.call('LMSGetLastError', () => this.api!.LMSGetLastError()).trim();
    return code === '' ? '0' : code;
  }

  /**
   * One API call. An LMS API that throws (a frame of the LMS already unloading, a bug in its
   * adapter) counts as a refusal: the learner's lesson must not stop because of it.
   */
  private call(name: string, run: () => string | number | null | undefined): string {
    try {
      return String(run() ?? '');
    } catch (error) {
      this.log.warn(`Tandem: ${name} threw (${error instanceof Error ? error.message : String(error)}); the lesson carries on.`);
      return '';
    }
  }

  private errorString(code: string): string {
    try {
      return String(this.api!.LMSGetErrorString(code) ?? '');
    } catch {
      return '';
    }
  }
}

function toCount(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

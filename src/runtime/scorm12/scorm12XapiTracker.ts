/**
 * A SCORM 1.2 lesson that also reports xAPI (`scorm12.report_xapi`): the SCORM 1.2 tracker does
 * exactly what it does alone (same calls, same suspend_data, same save status shown to the
 * learner), and beside it the xAPI tracker of the Tin Can packages makes the same statements
 * (same verbs, activity IRIs and objective parent: the same StatementFactory and plan) and puts
 * them in the same persistent queue, which sends them to Tandem's relay.
 *
 * - The actor is the LMS's learner: `{ account: { homePage: <course's lms-learners IRI>, name:
 *   cmi.core.student_id } }`. The relay replaces the name by its HMAC before it journals or
 *   forwards anything, so the raw LMS id only ever travels from this page to the relay.
 * - The LMS keeps the bookmark (suspend_data); the xAPI side writes no State API document. It
 *   learns from the LMS whether the lesson was completed (or passed) before, so it does not send
 *   `completed` a second time, and from suspend_data whether the learner `resumed`. Each judged
 *   attempt says `passed` or `failed`, as in Tin Can packages.
 * - Without an LMS, a refused LMSInitialize or an empty student_id there is no learner to report
 *   on, and only SCORM runs (as it would alone).
 * - Nothing the xAPI side does may disturb the SCORM side or the learner: its failures are caught
 *   and only logged, and the learner sees SCORM's save status, never the relay's.
 */
import type { LessonData } from '../contract/lessonData.js';
import type { ScormXapiSettings } from '../contract/scormXapi.js';
import type { XapiPlan } from '../contract/xapiPlan.js';
import type { AnswerRecord, LessonResult, Progress, SaveStatus, Tracker, TrackerSession } from '../player/tracker.js';
import type { QueueStorage, StatementQueue } from '../statements/statementQueue.js';
import { StatementFactory } from '../statements/statementFactory.js';
import { XapiTracker } from '../statements/xapiTracker.js';
import type { Scorm12Api } from './findApi.js';
import { Scorm12Tracker } from './scorm12Tracker.js';
import type { Agent } from '@xapi/xapi';

type Console = Pick<globalThis.Console, 'warn' | 'info'>;

export interface Scorm12XapiOptions {
  api: Scorm12Api | undefined;
  lesson: LessonData;
  plan: XapiPlan;
  settings: ScormXapiSettings;
  /** The learner's persistent queue (see lessonPage.openStatementQueue). */
  openQueue(actor: Agent, lessonId: string): StatementQueue;
  /** Per-tab storage for the xAPI session record. */
  sessionStorage: QueueStorage;
  isLeaving(): boolean;
  log?: Console;
  now?(): Date;
}

export class Scorm12XapiTracker implements Tracker {
  private readonly scorm: Scorm12Tracker;
  private xapi?: XapiTracker;
  /** The queue once a learner is known; the page lifecycle hooks flush it. */
  queue?: StatementQueue;
  private readonly log: Console;

  constructor(private readonly o: Scorm12XapiOptions) {
    this.log = o.log ?? console;
    this.scorm = new Scorm12Tracker(o.api, o.lesson, this.log, o.now ? () => o.now!().getTime() : undefined);
  }

  start(): TrackerSession {
    const session = this.scorm.start();
    if (session.connected) this.guard('start', () => this.startXapi(session));
    return session;
  }

  open(progress: Progress): void {
    this.scorm.open();
    this.guard('open', () => this.xapi?.open(progress));
  }

  saveProgress(progress: Progress): void {
    this.scorm.saveProgress(progress);
    this.guard('saveProgress', () => this.xapi?.saveProgress(progress));
  }

  recordAnswer(answer: AnswerRecord, progress: Progress): void {
    this.scorm.recordAnswer(answer, progress);
    this.guard('recordAnswer', () => this.xapi?.recordAnswer(answer, progress));
  }

  recordResult(result: LessonResult, progress: Progress): void {
    this.scorm.recordResult(result, progress);
    this.guard('recordResult', () => this.xapi?.recordResult(result, progress));
  }

  finish(progress: Progress, finished: boolean): void {
    // The statements first: on pagehide their keepalive request must be handed to the browser
    // whatever the LMS's LMSFinish does to the frame.
    this.guard('finish', () => this.xapi?.finish(progress, finished));
    this.scorm.finish(progress, finished);
  }

  /** The learner is told what the LMS saved: the relay's delivery is not theirs to worry about. */
  onSaveStatus(listener: (status: SaveStatus) => void): void {
    this.scorm.onSaveStatus(listener);
  }

  private startXapi(session: TrackerSession): void {
    const api = this.o.api!;
    const studentId = read(api, 'cmi.core.student_id');
    if (!studentId) {
      this.log.info('Tandem: the LMS gave no cmi.core.student_id; the lesson reports to the LMS only.');
      return;
    }
    // After the SCORM tracker's start: a first launch already reads "incomplete".
    const status = read(api, 'cmi.core.lesson_status');
    const actor: Agent = { objectType: 'Agent', account: { homePage: this.o.settings.learnerHomePage, name: studentId } };
    const lessonId = this.o.plan.lesson.id;
    const queue = this.o.openQueue(actor, lessonId);
    this.queue = queue;
    this.xapi = new XapiTracker({
      lesson: this.o.lesson,
      factory: new StatementFactory(this.o.plan, { actor, lessonId }),
      queue,
      bookmark: {
        format: 1,
        state: session.savedState ?? '',
        location: session.savedLocation ?? '',
        ...(status === 'completed' || status === 'passed' ? { completed: true } : {}),
      },
      mode: session.mode,
      sessionStorage: this.o.sessionStorage,
      isLeaving: this.o.isLeaving,
      ...(this.o.now ? { now: this.o.now } : {}),
    });
    this.xapi.start();
    // Statements an earlier page left (a closed tab, a relay that was down) go first.
    void queue.flush();
  }

  private guard(what: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.log.warn(`Tandem: xAPI reporting failed in ${what} (${error instanceof Error ? error.message : String(error)}); the SCORM lesson carries on.`);
    }
  }
}

/** A read the SCORM tracker does not make itself; an LMS that throws or refuses gives ''. */
function read(api: Scorm12Api, element: string): string {
  try {
    return String(api.LMSGetValue(element) ?? '').trim();
  } catch {
    return '';
  }
}

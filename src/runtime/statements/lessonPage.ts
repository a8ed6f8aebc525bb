/**
 * What the Tin Can and cmi5 entry points share: reading the lesson and its statement plan from the
 * page, the browser storages (which a sandboxed frame may refuse), the bookmark read at launch, and
 * the page lifecycle hooks that hand queued statements to the browser when the page goes away.
 */
import { LESSON_DATA_FORMAT, type LessonData } from '../contract/lessonData.js';
import type { LrsClient, StateParams, StatementEndpoint } from './lrsClient.js';
import { MemoryStorage, SafeStorage, webStorage, type QueueStorage } from './queueStorage.js';
import { learnerTag, queueKey, StatementQueue } from './statementQueue.js';
import type { Bookmark } from './xapiTracker.js';
import { startLessonPlayer } from '../player/lessonPlayer.js';
import type { Tracker } from '../player/tracker.js';
import { XAPI_PLAN_FORMAT, type XapiPlan } from '../contract/xapiPlan.js';
import { LESSON_ELEMENT_ID, PLAN_ELEMENT_ID } from '../contract/pageElements.js';

export function readPageData(doc: Document): { lesson: LessonData; plan: XapiPlan } | undefined {
  const read = (id: string) => {
    try {
      return JSON.parse(doc.getElementById(id)?.textContent ?? '') as { format?: number };
    } catch {
      return undefined;
    }
  };
  const lesson = read(LESSON_ELEMENT_ID);
  const plan = read(PLAN_ELEMENT_ID);
  if (lesson?.format !== LESSON_DATA_FORMAT || plan?.format !== XAPI_PLAN_FORMAT) {
    console.error('Tandem: this page has no lesson data for this player version.');
    return undefined;
  }
  return { lesson: lesson as LessonData, plan: plan as XapiPlan };
}

/**
 * localStorage or sessionStorage when the browser lets this page read it (sandboxed frames throw).
 * Not probed with a write: a storage filled to its quota by other packages or the LMS still reads,
 * and SafeStorage makes room in it or falls back to memory when a write is refused.
 */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    const storage = window[kind];
    storage.getItem('tandem.probe');
    return storage;
  } catch {
    return undefined;
  }
}

/** A storage that never throws: the browser's when it allows it, memory for what it refuses. */
export function storageOrMemory(kind: 'localStorage' | 'sessionStorage'): QueueStorage {
  const storage = browserStorage(kind);
  return storage ? new SafeStorage(webStorage(storage)) : new MemoryStorage();
}

/** How long the launch (cmi5 fetch URL, launch data, bookmark) may take before the lesson starts without it. */
export const LAUNCH_TIMEOUT_MS = 10_000;

/** Resolves as `promise` does, or to undefined after `ms` (a stalled LMS must not leave the lesson dead). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Writes the notice under the lesson title (the player rewrites it once it starts). */
export function showNotice(doc: Document, text: string): void {
  const notice = doc.querySelector<HTMLElement>('[data-tracking-notice]');
  if (!notice) return;
  notice.textContent = text;
  notice.hidden = !text;
}

export const CONNECTING_NOTICE = 'Connecting to your LMS…';
export const NO_ANSWER_NOTICE = 'Your LMS did not answer, so your progress is not being recorded. Close this window and open the lesson again from your LMS.';
export const OPEN_ELSEWHERE_NOTICE = 'This lesson is also open in another tab or window. Use only one of them, and close this one if you are not sure.';

/**
 * Tells the learner when the same launch (learner, lesson, registration) is already open in another
 * tab or window of this browser: this page asks on a BroadcastChannel (which, unlike Web Locks,
 * also works on LMSs served over plain http), an open page answers. Returns whether one has.
 */
export function watchOtherTabs(name: string): () => boolean {
  let openElsewhere = false;
  if (typeof BroadcastChannel !== 'function') return () => openElsewhere;
  const channel = new BroadcastChannel(`tandem.lesson.${name}`);
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === 'open?') channel.postMessage('open');
    else if (event.data === 'open') {
      openElsewhere = true;
      showNotice(document, OPEN_ELSEWHERE_NOTICE);
    }
  };
  channel.postMessage('open?');
  return () => openElsewhere;
}

/**
 * Starts the player with a tracker that sends through `queue` (both launch flows): says again that
 * the lesson is open elsewhere (the player rewrote the notice), marks the page started, and sends
 * what earlier pages left (a crash, an LRS that was down) first.
 */
export function startTracked(lesson: LessonData, tracker: Tracker, queue: StatementQueue, tracking: 'xapi' | 'cmi5', openElsewhere: () => boolean): void {
  startLessonPlayer(document, lesson, tracker);
  if (openElsewhere()) showNotice(document, OPEN_ELSEWHERE_NOTICE);
  markStarted(tracking);
  void queue.flush();
}

/**
 * The bookmark to resume from: one still waiting in the queue is newer than the LRS's copy. The
 * LRS is asked three times over about two seconds, so a short outage at launch does not lose the
 * learner's place; if it stays unreachable, the lesson starts from the beginning.
 */
export async function readBookmark(client: LrsClient, queue: StatementQueue, at: StateParams, deadline = Date.now() + LAUNCH_TIMEOUT_MS): Promise<Bookmark | undefined> {
  const queued = queue.pendingState() as Bookmark | undefined;
  if (queued) return queued;
  for (let attempt = 0; attempt < 3 && Date.now() < deadline; attempt++) {
    try {
      const doc = (await client.getState(at)) as Bookmark | undefined;
      return doc && doc.format === 1 && typeof doc.state === 'string' ? doc : undefined;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
  }
  return undefined;
}

/**
 * Registers the page lifecycle hooks, before the player registers its own, so `isLeaving()` is
 * already true when the player ends the session on pagehide. Returns `isLeaving`.
 */
export function watchPageLifecycle(win: Window, queue: () => StatementQueue | undefined): () => boolean {
  let leaving = false;
  // The player's own pagehide handler then ends the session, and the tracker hands the last statements to the browser.
  win.addEventListener('pagehide', () => (leaving = true));
  win.document.addEventListener('visibilitychange', () => {
    // Mobile browsers may discard a hidden tab without pagehide: send what is queued while we can.
    if (win.document.visibilityState === 'hidden') queue()?.flushOnPageHide();
  });
  win.addEventListener('online', () => void queue()?.flush());
  win.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) leaving = false;
  });
  return () => leaving;
}

/** Says on the page which tracker the player started with, once it has (for tests, support and debugging). */
export function markStarted(tracker: 'xapi' | 'cmi5' | 'offline'): void {
  document.documentElement.setAttribute('data-tandem-tracker', tracker);
}

/** The lesson's persistent statement queue for one learner, lesson and registration (the launch flows and SCORM's xAPI reporting). */
export function openStatementQueue(client: StatementEndpoint, key: Parameters<typeof queueKey>[0]): StatementQueue {
  const storage = browserStorage('localStorage');
  return new StatementQueue(client, new SafeStorage(storage && webStorage(storage)), queueKey(key), {
    learner: learnerTag(key.actor),
    onRejected: (_s, status) => console.warn(`Tandem: the LRS kept refusing a statement (HTTP ${status}) while accepting others; it was dropped.`),
  });
}

/**
 * What the Tin Can and cmi5 entry points share: reading the lesson and its statement plan from the
 * page, the browser storages (which a sandboxed frame may refuse), the bookmark read at launch, and
 * the page lifecycle hooks that hand queued statements to the browser when the page goes away.
 */
import { LESSON_DATA_FORMAT, type LessonData } from '../contract/lessonData.js';
import type { LrsClient, StateParams } from './lrsClient.js';
import { MemoryStorage, queueKey, StatementQueue, type QueueStorage } from './statementQueue.js';
import type { Bookmark } from './xapiTracker.js';
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

/** localStorage or sessionStorage when the browser allows it here (sandboxed frames and some private modes throw). */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    const storage = window[kind];
    const probe = '__tandem_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

export function storageOrMemory(kind: 'localStorage' | 'sessionStorage'): QueueStorage {
  return browserStorage(kind) ?? new MemoryStorage();
}

/**
 * The bookmark to resume from: one still waiting in the queue is newer than the LRS's copy. The
 * LRS is asked three times over about two seconds, so a short outage at launch does not lose the
 * learner's place; if it stays unreachable, the lesson starts from the beginning.
 */
export async function readBookmark(client: LrsClient, queue: StatementQueue, at: StateParams): Promise<Bookmark | undefined> {
  const queued = queue.pendingState() as Bookmark | undefined;
  if (queued) return queued;
  for (let attempt = 0; attempt < 3; attempt++) {
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

/** The lesson's persistent statement queue for one learner, lesson and registration (both launch flows). */
export function openStatementQueue(client: LrsClient, key: Parameters<typeof queueKey>[0]): StatementQueue {
  return new StatementQueue(client, storageOrMemory('localStorage'), queueKey(key), {
    onRejected: (_s, status) => console.warn(`Tandem: the LRS refused a statement as invalid (HTTP ${status}); it was dropped.`),
  });
}

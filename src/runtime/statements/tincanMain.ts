/**
 * Entry point of the Tin Can lesson script (bundled into xAPI packages as player/xapi.js): read the
 * launch (and take it out of the address bar), read the bookmark, start the player with the xAPI
 * tracker. Without a launch the lesson still runs and says that nothing is recorded.
 */
import { startLessonPlayer } from '../player/lessonPlayer.js';
import { OfflineTracker } from '../player/tracker.js';
import { browserStorage, markStarted, openStatementQueue, readBookmark, readPageData, storageOrMemory, watchPageLifecycle } from './lessonPage.js';
import { LrsClient } from './lrsClient.js';
import { StatementFactory } from './statementFactory.js';
import type { StatementQueue } from './statementQueue.js';
import { readTinCanLaunch } from './tincanLaunch.js';
import { BOOKMARK_STATE_ID, XapiTracker } from './xapiTracker.js';

async function boot(): Promise<void> {
  const data = readPageData(document);
  if (!data) return;
  const { lesson, plan } = data;
  let queue: StatementQueue | undefined;
  const isLeaving = watchPageLifecycle(window, () => queue);
  const launch = readTinCanLaunch(location, history, browserStorage('sessionStorage'));
  if (!launch) {
    startLessonPlayer(document, lesson, new OfflineTracker());
    markStarted('offline');
    return;
  }
  const { actor, registration } = launch;
  const lessonId = launch.activityId ?? plan.lesson.id;
  const client = new LrsClient({ endpoint: launch.endpoint, auth: launch.auth });
  queue = openStatementQueue(client, { endpoint: launch.endpoint, lessonId, registration, actor });
  const bookmarkAt = { activityId: lessonId, agent: actor, registration, stateId: BOOKMARK_STATE_ID };
  const tracker = new XapiTracker({
    lesson,
    factory: new StatementFactory(plan, { actor, registration, lessonId }),
    queue,
    bookmarkAt,
    bookmark: await readBookmark(client, queue, bookmarkAt),
    mode: 'normal',
    sessionStorage: storageOrMemory('sessionStorage'),
    isLeaving,
  });
  startLessonPlayer(document, lesson, tracker);
  markStarted('xapi');
  // Statements left by an earlier page (crash, LRS down) go first.
  void queue.flush();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot());
else void boot();

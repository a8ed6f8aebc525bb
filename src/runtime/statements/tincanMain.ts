/**
 * Entry point of the Tin Can lesson script (bundled into xAPI packages as player/xapi.js): read the
 * launch (and take it out of the address bar), read the bookmark, start the player with the xAPI
 * tracker. Without a launch the lesson still runs and says that nothing is recorded. An LRS that
 * does not answer at launch does not hold the lesson back: after LAUNCH_TIMEOUT_MS it starts from
 * the beginning and queues its statements until the LRS answers.
 */
import { startLessonPlayer } from '../player/lessonPlayer.js';
import { OfflineTracker } from '../player/tracker.js';
import { browserStorage, CONNECTING_NOTICE, LAUNCH_TIMEOUT_MS, markStarted, openStatementQueue, readBookmark, readPageData, showNotice, startTracked, storageOrMemory, watchOtherTabs, watchPageLifecycle, withTimeout } from './lessonPage.js';
import { LrsClient } from './lrsClient.js';
import { StatementFactory } from './statementFactory.js';
import { queueKey, type StatementQueue } from './statementQueue.js';
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
  const key = { endpoint: launch.endpoint, lessonId, registration, actor };
  showNotice(document, CONNECTING_NOTICE);
  const openElsewhere = watchOtherTabs(queueKey(key));
  queue = openStatementQueue(client, key);
  const bookmarkAt = { activityId: lessonId, agent: actor, registration, stateId: BOOKMARK_STATE_ID };
  const tracker = new XapiTracker({
    lesson,
    factory: new StatementFactory(plan, { actor, registration, lessonId }),
    queue,
    bookmarkAt,
    // An LRS that does not answer does not hold the lesson: it starts from the beginning and queues.
    bookmark: await withTimeout(readBookmark(client, queue, bookmarkAt), LAUNCH_TIMEOUT_MS),
    mode: 'normal',
    sessionStorage: storageOrMemory('sessionStorage'),
    isLeaving,
  });
  startTracked(lesson, tracker, queue, 'xapi', openElsewhere);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot());
else void boot();

/**
 * Entry point of the cmi5 AU script (bundled into cmi5 packages as player/cmi5.js): the cmi5 launch
 * (fetch URL, LMS.LaunchData, learner preferences), then the player with the xAPI tracker in cmi5
 * mode. What the launch data says is honoured:
 *
 * - contextTemplate: the base of every statement's context;
 * - launchMode: Normal records; Browse and Review show the lesson and send only initialized/terminated;
 * - masteryScore: replaces the unit's pass mark, for the learner's results and for passed/failed;
 * - moveOn: Completed or NotApplicable without a masteryScore means the LMS asks for completion
 *   only, so the lesson is not judged (no pass mark, no passed/failed);
 * - returnURL: where the exit button takes the learner once the last statements are stored.
 *
 * The lesson says "connecting" at once and starts without recording when the LMS has not answered
 * within LAUNCH_TIMEOUT_MS; a second tab of the same launch says the lesson is open elsewhere.
 *
 * Learner preferences: audioPreference "off" mutes the lesson's audio and video. Lessons have one
 * language, so languagePreference changes nothing.
 */
import { startLessonPlayer } from '../player/lessonPlayer.js';
import { OfflineTracker, type LessonMode } from '../player/tracker.js';
import { readCmi5Parameters, startCmi5Launch } from './cmi5Launch.js';
import {
  browserStorage,
  CONNECTING_NOTICE,
  LAUNCH_TIMEOUT_MS,
  markStarted,
  NO_ANSWER_NOTICE,
  openStatementQueue,
  readBookmark,
  readPageData,
  showNotice,
  startTracked,
  storageOrMemory,
  watchOtherTabs,
  watchPageLifecycle,
  withTimeout,
} from './lessonPage.js';
import { StatementFactory } from './statementFactory.js';
import { queueKey, type StatementQueue } from './statementQueue.js';
import { BOOKMARK_STATE_ID, SESSION_ID_EXTENSION, XapiTracker } from './xapiTracker.js';

async function boot(): Promise<void> {
  const data = readPageData(document);
  if (!data) return;
  const { lesson, plan } = data;
  let queue: StatementQueue | undefined;
  const isLeaving = watchPageLifecycle(window, () => queue);
  const parameters = readCmi5Parameters(location.search);
  let openElsewhere = () => false;
  if (parameters) {
    showNotice(document, CONNECTING_NOTICE);
    openElsewhere = watchOtherTabs(queueKey({ endpoint: parameters.endpoint, lessonId: parameters.activityId, registration: parameters.registration, actor: parameters.actor }));
  }
  const deadline = Date.now() + LAUNCH_TIMEOUT_MS;
  const launch =
    parameters &&
    (await withTimeout(startCmi5Launch(parameters, browserStorage('sessionStorage'), fetch, deadline), LAUNCH_TIMEOUT_MS).catch((error: Error) => console.error(`Tandem: ${error.message}`)));
  if (!parameters || !launch) {
    startLessonPlayer(document, lesson, new OfflineTracker());
    markStarted('offline');
    // cmi5 has no token without the fetch URL's answer, so nothing can be queued for later.
    if (parameters) showNotice(document, NO_ANSWER_NOTICE);
    return;
  }
  const { launchData, client } = launch;
  const { actor, registration, activityId } = parameters;
  const sessionId = String(launchData.contextTemplate.extensions?.[SESSION_ID_EXTENSION] ?? '');
  const masteryScore = typeof launchData.masteryScore === 'number' ? launchData.masteryScore : undefined;
  if (masteryScore !== undefined) lesson.masteryScore = Math.round(masteryScore * 10_000) / 100;
  else if (launchData.moveOn === 'Completed' || launchData.moveOn === 'NotApplicable') delete lesson.masteryScore;
  if (launch.preferences.audioPreference === 'off') for (const media of document.querySelectorAll('audio, video')) (media as HTMLMediaElement).muted = true;

  queue = openStatementQueue(client, { endpoint: parameters.endpoint, lessonId: activityId, registration, actor });
  const bookmarkAt = { activityId, agent: actor, registration, stateId: BOOKMARK_STATE_ID };
  const returnURL = launchData.returnURL;
  const tracker = new XapiTracker({
    lesson,
    factory: new StatementFactory(plan, { actor, registration, lessonId: activityId, template: launchData.contextTemplate }),
    queue,
    bookmarkAt,
    bookmark: await readBookmark(client, queue, bookmarkAt, deadline),
    mode: launchData.launchMode.toLowerCase() as LessonMode,
    sessionStorage: storageOrMemory('sessionStorage'),
    cmi5: { sessionId, masteryScore },
    isLeaving,
    // cmi5 10.2.6: on exit, the AU redirects its window or frame to returnURL.
    onExit: returnURL ? () => location.assign(returnURL) : undefined,
  });
  startTracked(lesson, tracker, queue, 'cmi5', openElsewhere);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot());
else void boot();

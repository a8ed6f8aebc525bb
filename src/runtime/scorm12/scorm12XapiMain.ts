/**
 * Entry point of the SCORM 1.2 lesson script of a course with `scorm12.report_xapi` (bundled as
 * scorm12-xapi.js, shipped as the package's player/scorm12.js): the SCORM 1.2 lesson, plus the
 * xAPI statements sent to the relay through the persistent queue. A page without the statement
 * plan or the relay settings runs SCORM only.
 */
import { LESSON_DATA_FORMAT, type LessonData } from '../contract/lessonData.js';
import { LESSON_ELEMENT_ID, PLAN_ELEMENT_ID } from '../contract/pageElements.js';
import { SCORM_XAPI_ELEMENT_ID, SCORM_XAPI_FORMAT, type ScormXapiSettings } from '../contract/scormXapi.js';
import { XAPI_PLAN_FORMAT, type XapiPlan } from '../contract/xapiPlan.js';
import { startLessonPlayer } from '../player/lessonPlayer.js';
import { openStatementQueue, storageOrMemory, watchPageLifecycle } from '../statements/lessonPage.js';
import { RelayClient } from '../statements/relayClient.js';
import { findScorm12Api } from './findApi.js';
import { Scorm12Tracker } from './scorm12Tracker.js';
import { Scorm12XapiTracker } from './scorm12XapiTracker.js';

function readJson<T extends { format?: number }>(id: string, format: number): T | undefined {
  try {
    const data = JSON.parse(document.getElementById(id)?.textContent ?? '') as T;
    return data && data.format === format ? data : undefined;
  } catch {
    return undefined;
  }
}

function boot(): void {
  const lesson = readJson<LessonData>(LESSON_ELEMENT_ID, LESSON_DATA_FORMAT);
  if (!lesson) {
    console.error('Tandem: this page has no lesson data for this player version.');
    return;
  }
  const api = findScorm12Api(window);
  const plan = readJson<XapiPlan>(PLAN_ELEMENT_ID, XAPI_PLAN_FORMAT);
  const settings = readJson<ScormXapiSettings>(SCORM_XAPI_ELEMENT_ID, SCORM_XAPI_FORMAT);
  if (!plan || !settings) {
    startLessonPlayer(document, lesson, new Scorm12Tracker(api, lesson));
    return;
  }
  let tracker: Scorm12XapiTracker | undefined = undefined;
  // Before the player's own pagehide handler, so the queue knows the page is going when it ends the session.
  const isLeaving = watchPageLifecycle(window, () => tracker?.queue);
  const client = new RelayClient(settings.relayUrl);
  tracker = new Scorm12XapiTracker({
    api,
    lesson,
    plan,
    settings,
    openQueue: (actor, lessonId) => openStatementQueue(client, { endpoint: settings.relayUrl, lessonId, actor }),
    sessionStorage: storageOrMemory('sessionStorage'),
    isLeaving,
  });
  startLessonPlayer(document, lesson, tracker);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();

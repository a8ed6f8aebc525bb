/**
 * `scorm12.report_xapi`: what a SCORM 1.2 package adds to report xAPI too. Each lesson page gets
 * the statement plan the xapi target embeds (same verbs, activity IRIs and objective parent) and
 * the relay settings (job_aids.relay_url, the learner's account homePage), as JSON data blocks at
 * the end of <head>; the player is the scorm12-xapi bundle. No credential goes into the package:
 * the relay authorises statements by its allow-list.
 *
 * With the setting off nothing here runs, and the package is byte for byte the plain SCORM one.
 */
import type { Course } from '../../../course/model/course.js';
import type { LearningPath } from '../../../course/model/path.js';
import type { Unit } from '../../../course/model/unit.js';
import { PLAN_ELEMENT_ID } from '../../../runtime/contract/pageElements.js';
import { SCORM_XAPI_ELEMENT_ID, SCORM_XAPI_FORMAT, type ScormXapiSettings } from '../../../runtime/contract/scormXapi.js';
import { lmsLearnerHomePage } from '../../../xapi/activityIris.js';
import { lessonStatementPlan } from '../../lesson/lessonStatementPlan.js';
import type { PlayerAdapter } from '../../lesson/playerScript.js';

/** True when the course's SCORM packages also send xAPI statements. */
export function reportsXapi(course: Course): boolean {
  return course.config.scorm12?.reportXapi === true && course.config.jobAids.relayUrl !== undefined;
}

export function scormPlayerAdapter(course: Course): PlayerAdapter {
  return reportsXapi(course) ? 'scorm12-xapi' : 'scorm12';
}

/** The finishing touch for one unit's lesson page, or undefined when the course does not report xAPI. */
export function xapiPageFinisher(course: Course, unit: Unit, options: { buildId: string; path?: LearningPath }): ((html: string) => string) | undefined {
  if (!reportsXapi(course)) return undefined;
  const plan = lessonStatementPlan(course, unit, options);
  const settings: ScormXapiSettings = {
    format: SCORM_XAPI_FORMAT,
    relayUrl: course.config.jobAids.relayUrl!,
    learnerHomePage: lmsLearnerHomePage(course.config.baseIri, course.config.id),
  };
  const blocks = [dataBlock(PLAN_ELEMENT_ID, plan), dataBlock(SCORM_XAPI_ELEMENT_ID, settings)].join('');
  return (html) => {
    const close = html.search(/<\/head>/i);
    // A theme's page without </head> is a theme bug; a lesson that silently reported nothing would hide it.
    if (close < 0) throw new Error("The theme's lesson page has no </head>, so it cannot carry the xAPI statement plan.");
    return `${html.slice(0, close)}${blocks}${html.slice(close)}`;
  };
}

/** Inside <script>, "</script" or "<!--" in a title would end the block early. */
function dataBlock(id: string, data: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>\n`;
}

/**
 * What a SCORM 1.2 lesson page carries when the course sets `scorm12.report_xapi`: besides the
 * lesson data and the statement plan (the very plan the xapi target embeds), where to send the
 * statements and whose account space the LMS learner is in. No credential: the relay authorises by
 * its allow-list, and hashes the learner before anything is stored.
 */

/** Bump when the shape changes. */
export const SCORM_XAPI_FORMAT = 1;

/** `<script type="application/json" id=…>` holding the ScormXapiSettings. */
export const SCORM_XAPI_ELEMENT_ID = 'tandem-scorm-xapi';

export interface ScormXapiSettings {
  format: typeof SCORM_XAPI_FORMAT;
  /** `job_aids.relay_url`: tandem serve's relay, which takes POSTed statements. */
  relayUrl: string;
  /** The actor's account.homePage (src/xapi lmsLearnerHomePage); its name is `cmi.core.student_id`. */
  learnerHomePage: string;
}

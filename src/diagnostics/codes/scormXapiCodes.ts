/** Codes of SCORM 1.2 packages that also report xAPI (`scorm12.report_xapi`): the config check and the relay that hashes their learners. */
import { entry } from '../catalogueEntry.js';

export const SCORM_XAPI_CODES = {
  // --- scorm12.report_xapi: SCORM 1.2 lessons that also send xAPI through tandem serve ----------
  SCORM_XAPI_RELAY_MISSING: entry({
    severity: 'error',
    summary: 'scorm12.report_xapi is on but job_aids.relay_url is not set, so the statements would have nowhere to go.',
    message: () => 'scorm12.report_xapi is true, but job_aids.relay_url is not set: SCORM packages would have no relay to send their statements to.',
    hint: () => 'Set job_aids.relay_url to the address of your tandem serve relay (e.g. https://learn.acme.example/statements), or set report_xapi to false.',
  }),
  SCORM_XAPI_NO_LESSON_ORIGINS: entry({
    severity: 'warning',
    summary: 'scorm12.report_xapi is on but serve.lesson_origins lists no LMS origin, so browsers will refuse to send the statements (CORS).',
    message: () => 'scorm12.report_xapi is true, but serve.lesson_origins is empty: the relay will refuse (CORS) statements from lessons running on your LMS.',
    hint: () => 'List the origin your LMS serves packages from under serve.lesson_origins, e.g. [https://lms.acme.example].',
  }),
  SCORM_XAPI_SECRET_MISSING: entry({
    severity: 'error',
    summary: 'The release has SCORM packages that report xAPI but tandem serve has no server secret (TANDEM_SERVE_SECRET, 16+ characters) to hash their learners with.',
    message: () => 'scorm12.report_xapi is true and the release has SCORM 1.2 packages, but TANDEM_SERVE_SECRET is missing or shorter than 16 characters: LMS learner ids could not be hashed.',
    hint: () => 'Set TANDEM_SERVE_SECRET (e.g. `openssl rand -hex 32`) in the environment or the serve.environment_file; keep it stable, or the hashed learners change.',
  }),
} as const;

/**
 * Every diagnostic Tandem can report, keyed by its permanent code. Wording lives here and only
 * here (one module per area under codes/): what happened (message) and what to do (hint). No
 * "Error:" prefixes; the reporter adds the severity.
 *
 * Codes are API: CI scripts filter on them and the README documents them. Never rename one;
 * retire it and add a new one.
 */
import { AUTHORING_CODES } from './codes/authoringCodes.js';
import { BRAND_CODES } from './codes/brandCodes.js';
import { BUILD_CODES } from './codes/buildCodes.js';
import { DELIVERY_CODES } from './codes/deliveryCodes.js';
import { COURSE_SAFETY_CODES } from './codes/courseSafetyCodes.js';
import { INTAKE_CODES } from './codes/intakeCodes.js';
import { LESSON_CONTENT_CODES } from './codes/lessonContentCodes.js';
import { PREVIEW_CODES } from './codes/previewCodes.js';
import { REINFORCEMENT_CODES } from './codes/reinforcementCodes.js';
import { REPORT_CODES } from './codes/reportCodes.js';
import { REPORT_REINFORCEMENT_CODES } from './codes/reportReinforcementCodes.js';
import { REPORT_RELEASE_CODES } from './codes/reportReleaseCodes.js';
import { REPORT_WAREHOUSE_CODES } from './codes/reportWarehouseCodes.js';
import { SCORM_XAPI_CODES } from './codes/scormXapiCodes.js';
import { SERVE_CODES } from './codes/serveCodes.js';
import { SIGNOFF_CODES } from './codes/signoffCodes.js';
import { STATUS_CODES } from './codes/statusCodes.js';

export type { Severity } from './catalogueEntry.js';

export const CATALOGUE = {
  ...BUILD_CODES,
  ...AUTHORING_CODES,
  ...COURSE_SAFETY_CODES,
  ...SERVE_CODES,
  ...REPORT_CODES,
  ...SCORM_XAPI_CODES,
  ...LESSON_CONTENT_CODES,
  ...BRAND_CODES,
  ...PREVIEW_CODES,
  ...INTAKE_CODES,
  ...SIGNOFF_CODES,
  ...STATUS_CODES,
  ...REPORT_WAREHOUSE_CODES,
  ...REPORT_RELEASE_CODES,
  ...REINFORCEMENT_CODES,
  ...DELIVERY_CODES,
  ...REPORT_REINFORCEMENT_CODES,
} as const;

export type DiagnosticCode = keyof typeof CATALOGUE;

/** Codes that mean "the command could not run" rather than "the course has problems": exit 2. */
export const ENVIRONMENT_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'COURSE_NOT_FOUND',
  'TARGET_UNKNOWN',
  'BROWSER_NOT_FOUND',
  'BROWSER_LAUNCH_FAILED',
  'BROWSER_CRASHED',
  'OUT_NOT_WRITABLE',
  'OUT_LOCKED',
  'REPORT_STATEMENTS_NOT_FOUND',
  'OPS_FILE_NOT_FOUND',
  'LRS_AUTH_MISSING',
  'LRS_REQUEST_FAILED',
  'LMS_UNIT_UNKNOWN',
  'REPORT_PDF_BROWSER_NOT_FOUND',
  'REPORT_PDF_FAILED',
  'PREVIEW_PASSWORD_REQUIRED',
  'PREVIEW_PASSWORD_TOO_SHORT',
  'PREVIEW_LISTEN_FAILED',
  'INTAKE_FILE_NOT_FOUND',
  'INTAKE_FORMAT_UNKNOWN',
  'REPORT_DUCKDB_MISSING',
  'REPORT_PARQUET_FAILED',
  'REPORT_RELEASE_NOT_FOUND',
  'DELIVERY_SETTING_INVALID',
  'DELIVERY_NO_CHANNEL',
  'DELIVERY_SCHEDULE_UNREADABLE',
  'REPORT_SCHEDULE_NOT_FOUND',
]);

/**
 * Codes about a secret in a course file: no code frame is printed for them, so the value is never
 * repeated. (CONFIG_CREDENTIAL keeps its frame: loadConfig masks the flagged value in the text
 * the frame is cut from, so the author still sees which line to fix.)
 */
export const SECRET_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['CONTENT_CREDENTIAL', 'ARTIFACT_CREDENTIAL']);

/**
 * Every diagnostic Tandem can report, keyed by its permanent code. Wording lives here and only
 * here (one module per area under codes/): what happened (message) and what to do (hint). No
 * "Error:" prefixes; the reporter adds the severity.
 *
 * Codes are API: CI scripts filter on them and the README documents them. Never rename one;
 * retire it and add a new one.
 */
import { AUTHORING_CODES } from './codes/authoringCodes.js';
import { BUILD_CODES } from './codes/buildCodes.js';
import { COURSE_SAFETY_CODES } from './codes/courseSafetyCodes.js';
import { REINFORCEMENT_CODES } from './codes/reinforcementCodes.js';
import { REPORT_CODES } from './codes/reportCodes.js';
import { SERVE_CODES } from './codes/serveCodes.js';

export type { Severity } from './catalogueEntry.js';

export const CATALOGUE = { ...BUILD_CODES, ...AUTHORING_CODES, ...COURSE_SAFETY_CODES, ...SERVE_CODES, ...REPORT_CODES, ...REINFORCEMENT_CODES } as const;

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
]);

/**
 * Codes about a secret in a course file: no code frame is printed for them, so the value is never
 * repeated. (CONFIG_CREDENTIAL keeps its frame: loadConfig masks the flagged value in the text
 * the frame is cut from, so the author still sees which line to fix.)
 */
export const SECRET_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['CONTENT_CREDENTIAL', 'ARTIFACT_CREDENTIAL']);

/** Codes of `tandem report`: its inputs (statements, LRS, LMS exports, ops CSV) and the weak-unit flags of the KPI review. */
import { entry } from '../catalogueEntry.js';

/** A share as a whole percentage, for flag messages. */
function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export const REPORT_CODES = {
  REPORT_STATEMENTS_NOT_FOUND: entry<{ path: string }>({
    severity: 'error',
    summary: 'A --statements file or folder of `tandem report` does not exist.',
    message: (p) => `No statements file or folder at ${p.path}.`,
    hint: () => 'Pass an NDJSON file (plain or gzip) or a folder of them, e.g. an LRS export or the `tandem serve` journal folder.',
  }),
  REPORT_RELEASE_FOLDER: entry<{ dir: string; files: number }>({
    severity: 'info',
    summary: 'A --statements folder is a Tandem release folder: only its journal/ was read.',
    message: (p) =>
      `${p.dir} is a Tandem release folder (it holds manifest.json): only its journal/ folder was read (${p.files} statement file${p.files === 1 ? '' : 's'}); its packages, cards, manifest and delivery journal hold no statements.`,
    hint: () => "Pass the `tandem serve` journal folder itself (serve's `journal:` setting, default <release>/journal) or an LRS export, and this note goes away.",
  }),
  REPORT_UNREADABLE_LINES: entry<{ count: number; first: number }>({
    severity: 'warning',
    summary: 'Lines of a statements file are not JSON; the report left them out.',
    message: (p) => `${p.count} line${p.count === 1 ? ' is' : 's are'} not a JSON statement (the first is line ${p.first}); ${p.count === 1 ? 'it was' : 'they were'} left out of the report.`,
    hint: () => 'Statement files hold one JSON statement per line (NDJSON). A line cut short usually means the file was copied while it was being written; copy it again.',
  }),
  OPS_FILE_NOT_FOUND: entry<{ path: string }>({
    severity: 'error',
    summary: 'An --ops file of `tandem report` does not exist.',
    message: (p) => `No operations CSV at ${p.path}.`,
    hint: () => 'Pass a CSV with the columns date, objective_id (or unit_id), metric and value; see the README, "Operations data".',
  }),
  OPS_COLUMN_MISSING: entry<{ columns: string }>({
    severity: 'error',
    summary: 'An operations CSV lacks a required column; none of its rows were read.',
    message: (p) => `The header row has no ${p.columns} column; none of this file's rows were read.`,
    hint: () => 'The first row names the columns: date, objective_id (or unit_id), metric, value, and optionally team and n.',
  }),
  OPS_CSV_MALFORMED: entry<{ reason: string }>({
    severity: 'error',
    summary: 'An operations CSV could not be parsed (e.g. a quote never closed); the rest of the file was not read.',
    message: (p) => `The CSV cannot be read from here on: ${p.reason}`,
    hint: () => 'Check the quotes on this line: a field with a comma or quote is wrapped in double quotes, and a quote inside it is doubled ("").',
  }),
  OPS_DATE_INVALID: entry<{ value: string }>({
    severity: 'error',
    summary: 'An operations row has a date that is not YYYY-MM-DD; the row was left out.',
    message: (p) => `"${p.value}" is not a date as YYYY-MM-DD; the row was left out.`,
    hint: () => 'Write dates as YYYY-MM-DD (UTC), e.g. 2026-11-03; spreadsheets often change them to local formats on export.',
  }),
  OPS_VALUE_INVALID: entry<{ column: string; value: string; expected: string }>({
    severity: 'error',
    summary: 'An operations row has a value or n that is not a number; the row was left out.',
    message: (p) => `The ${p.column} "${p.value}" is not ${p.expected}; the row was left out.`,
    hint: () => 'Use plain numbers with a dot for decimals and no units or thousands separators (4.2, not "4,2%" or "1,200").',
  }),
  OPS_KEY_UNKNOWN: entry<{ key: string }>({
    severity: 'error',
    summary: 'An operations row names an objective or unit the course does not have; the row was left out.',
    message: (p) => `No objective or unit "${p.key}" in this course; the row was left out.`,
    hint: () => "Use the objective's id from unit.yaml (objective.id) in objective_id, or the unit's folder name in unit_id.",
  }),
  OPS_METRIC_UNKNOWN: entry<{ metric: string; objective: string; expected: string }>({
    severity: 'warning',
    summary: "An operations row's metric is not the metric its unit names; the row was left out.",
    message: (p) => `The metric "${p.metric}" is not the metric of ${p.objective} ("${p.expected}"); the row was left out.`,
    hint: () => "Name the metric exactly as the unit's metric.name in unit.yaml, so its layer, baseline and target apply.",
  }),
  INSUFFICIENT_DATA: entry<{ value: number; threshold: number }>({
    severity: 'info',
    summary: 'Too few learners for the weak-unit flags to mean anything; the other flags of this objective are not raised.',
    message: (p) => `Only ${p.value} learner${p.value === 1 ? '' : 's'} in the period (threshold ${p.threshold}); no other flag is raised for this objective.`,
    hint: () => 'Widen the period (--since) or wait for more learners before judging the unit.',
  }),
  ITEM_TOO_EASY: entry<{ question: string; value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'Almost every learner answers a question right the first time, so it measures little.',
    message: (p) => `Question "${p.question}": ${pct(p.value)} of ${p.n} learners answered it right the first time (threshold ${pct(p.threshold)}).`,
    hint: () => 'Make the wrong choices plausible (the mistakes people really make), or drop the question.',
  }),
  ITEM_TOO_HARD: entry<{ question: string; value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'Few learners answer a question right the first time: the question or the lesson before it may be unclear.',
    message: (p) => `Question "${p.question}": only ${pct(p.value)} of ${p.n} learners answered it right the first time (threshold ${pct(p.threshold)}).`,
    hint: () => 'Check the answer key, the wording and whether the lesson teaches what the question asks; items.csv shows which wrong option draws learners.',
  }),
  ITEM_NEGATIVE_DISCRIMINATION: entry<{ question: string; value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'Learners who do well on the rest of the lesson do worse on this question: it may be keyed wrong or misleading.',
    message: (p) => `Question "${p.question}": discrimination ${p.value.toFixed(2)} over ${p.n} learners (threshold ${p.threshold}).`,
    hint: () => 'Check the correct answer first, then look for a trick in the wording that catches learners who know the matter.',
  }),
  LOW_COMPLETION: entry<{ value: number; threshold: number; n: number; dropOff: string }>({
    severity: 'warning',
    summary: 'Too few learners who launch the lesson complete it.',
    message: (p) => `${pct(p.value)} of ${p.n} learners who launched the lesson completed it (threshold ${pct(p.threshold)})${p.dropOff}.`,
    hint: () => 'Shorten the lesson or the screen where learners stop; check that it works on the devices they use.',
  }),
  JOB_AID_UNUSED: entry<{ value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'The job aid is opened rarely compared with how many learners completed the lesson.',
    message: (p) => `${p.value.toFixed(2)} job-aid views per completer (${p.n} completers; threshold ${p.threshold}).`,
    hint: () => 'Put the job aid where the task happens: a link in the tool, a printed copy with its QR code at the workstation; mention it at the end of the lesson.',
  }),
  STALE_PRINTED_COPIES: entry<{ value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'Many scans come from printed job aids of a superseded version.',
    message: (p) => `${pct(p.value)} of ${p.n} scans of printed copies were of a superseded version (threshold ${pct(p.threshold)}).`,
    hint: () => 'Replace the printed copies in use with the current version; the online copy already shows people the difference.',
  }),
  METRIC_NOT_MOVING: entry<{ metric: string; value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: "An ops metric barely changed between the last two windows.",
    message: (p) => `"${p.metric}" changed by ${pct(p.value)} between the last two windows (${p.n} observations; threshold ${pct(p.threshold)}).`,
    hint: () => 'Check with the ops manager whether the work itself changed; the unit may target the wrong behaviour, or something outside training blocks it.',
  }),
  LEARNING_WITHOUT_TRANSFER: entry<{ metric: string; value: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'Learners pass the lesson, but the execution metric stays flat: learning without transfer.',
    message: (p) => `${pct(p.value)} of learners pass on the first attempt (threshold ${pct(p.threshold)}), but "${p.metric}" did not move between the last two windows (${p.n} observations).`,
    hint: () => 'The lesson teaches something learners can answer but do not do at work: practise the real task, make the job aid reachable at the moment of work, ask managers to reinforce it.',
  }),
  LRS_AUTH_MISSING: entry<{ endpoint: string }>({
    severity: 'error',
    summary: '`tandem report --lrs` was given no credentials in TANDEM_LRS_AUTH.',
    message: (p) => `TANDEM_LRS_AUTH is not set, so the LRS at ${p.endpoint} cannot be queried.`,
    hint: () => 'Set TANDEM_LRS_AUTH to the Authorization header value for a read-only LRS client, e.g. "Basic <base64 key:secret>". Credentials are read only from the environment, never from files or arguments.',
  }),
  LRS_REQUEST_FAILED: entry<{ endpoint: string; reason: string }>({
    severity: 'error',
    summary: 'The LRS could not be queried; no report was written.',
    message: (p) => `Querying the LRS at ${p.endpoint} failed: ${p.reason}.`,
    hint: () => 'Check the endpoint (it ends in the xAPI root, e.g. …/xapi/), that the credentials may read statements, and that the LRS is up; the cursor did not move, so a rerun fetches the same statements.',
  }),
  LMS_EXPORT_UNRECOGNISED: entry<{ known: string }>({
    severity: 'error',
    summary: 'An --lms export is not one Tandem can read; none of its rows were used.',
    message: (p) => `This file is not an LMS export Tandem knows (${p.known}); none of its rows were used.`,
    hint: () => "Download Moodle's SCORM basic or interactions report as CSV (Download table data as: Comma separated values), without changing its header row.",
  }),
  LMS_ROW_UNUSABLE: entry<{ reason: string }>({
    severity: 'warning',
    summary: 'A row of an LMS export cannot be used (no learner or no readable date); it was left out.',
    message: (p) => `This row was left out: ${p.reason}.`,
    hint: () => 'Include an identity field (Email address or Username) in the export and keep the dates as Moodle writes them.',
  }),
  LMS_UNIT_UNKNOWN: entry<{ unit: string }>({
    severity: 'error',
    summary: 'An --lms export names a unit the course does not have.',
    message: (p) => `--lms names unit "${p.unit}", which is not in this course.`,
    hint: () => 'Write --lms <unit-id>=<export.csv>, with the id of the unit whose SCORM package the export is about (its folder name under units/).',
  }),
  REPORT_PDF_BROWSER_NOT_FOUND: entry<{ tried: string }>({
    severity: 'error',
    summary: 'No Chrome or Chromium was found to print report.pdf; the other report files were written.',
    message: (p) => `No Chrome, Chromium or Edge was found to print report.pdf (tried: ${p.tried}); report.json, report.html and the CSV files were written.`,
    hint: () => 'Install Chromium, or pass --browser <path> (or set TANDEM_BROWSER) to the one you have; or drop --pdf and print report.html from any browser.',
  }),
  REPORT_PDF_FAILED: entry<{ reason: string }>({
    severity: 'error',
    summary: 'Printing report.pdf failed; the other report files were written.',
    message: (p) => `report.pdf was not printed: ${p.reason}.`,
    hint: () => 'Check that the browser runs here (`<browser> --headless=new --version`); report.html prints the same from any browser.',
  }),
} as const;

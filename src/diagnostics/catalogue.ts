/**
 * Every diagnostic Tandem can report, keyed by its permanent code. Wording lives here and only
 * here: what happened (message) and what to do (hint). No "Error:" prefixes; the reporter adds
 * the severity.
 *
 * Codes are API: CI scripts filter on them and the README documents them. Never rename one;
 * retire it and add a new one.
 */
/** How bad a diagnostic is; the catalogue fixes it per code. */
export type Severity = 'error' | 'warning' | 'info';

interface Entry<P> {
  severity: Severity;
  /** One line, for the table in the README. */
  summary: string;
  message: (p: P) => string;
  hint: (p: P) => string;
}

const entry = <P = Record<string, never>>(e: Entry<P>): Entry<P> => e;

type Field = { field: string };

export const CATALOGUE = {
  // --- Environment and usage (exit code 2) ---------------------------------------------------
  COURSE_NOT_FOUND: entry<{ dir: string }>({
    severity: 'error',
    summary: 'The course folder has no tandem.config.yaml.',
    message: (p) => `No tandem.config.yaml in ${p.dir}.`,
    hint: () => 'Run the command in a course folder, pass the folder as an argument, or create one with `tandem init <dir>`.',
  }),
  TARGET_UNKNOWN: entry<{ target: string; known: string }>({
    severity: 'error',
    summary: 'A --target name that Tandem does not know.',
    message: (p) => `Unknown target "${p.target}".`,
    hint: (p) => `Use one of: ${p.known}.`,
  }),
  OUTPUT_COLLISION: entry<{ path: string; first: string; second: string }>({
    severity: 'error',
    summary: 'Two build jobs would write the same output file.',
    message: (p) => `Both ${p.first} and ${p.second} would write ${p.path}.`,
    hint: () => 'Give the units or paths distinct ids; output names are derived from them.',
  }),
  BUILD_FAILED: entry<{ target: string; subject: string; reason: string }>({
    severity: 'error',
    summary: 'A target failed while building one unit or path.',
    message: (p) => `The ${p.target} target failed for ${p.subject}: ${p.reason}`,
    hint: () => 'This is a bug in Tandem or its environment; the other units were still built. Please report it with this message.',
  }),

  INTERNAL_ERROR: entry<{ stage: string; reason: string }>({
    severity: 'error',
    summary: 'Tandem hit a bug while processing one file; other files were still processed.',
    message: (p) => `Tandem failed while ${p.stage}: ${p.reason}`,
    hint: () => 'This is a bug in Tandem, not in your course. Please report it with this message; the other units were still checked.',
  }),

  BROWSER_NOT_FOUND: entry<{ jobs: number; tried: string; explicit: string }>({
    severity: 'error',
    summary: 'No Chrome or Chromium was found to print PDF job aids; the other targets are still built.',
    message: (p) =>
      (p.explicit ? `The browser "${p.explicit}" is not an executable file` : 'No Chrome, Chromium or Edge was found on this machine') +
      `, so ${p.jobs} PDF job aid(s) were not printed.`,
    hint: (p) =>
      'Install Chromium or Google Chrome (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask google-chrome`), ' +
      'or point Tandem at one with the TANDEM_BROWSER environment variable, e.g. `TANDEM_BROWSER=/usr/bin/chromium tandem build` ' +
      `(CHROME_PATH and PUPPETEER_EXECUTABLE_PATH work too). Looked in: ${p.tried}.`,
  }),
  BROWSER_LAUNCH_FAILED: entry<{ path: string; reason: string }>({
    severity: 'error',
    summary: 'The browser used to print PDF job aids was found but did not start.',
    message: (p) => `The browser at ${p.path} did not start, so PDF job aids were not printed: ${p.reason}`,
    hint: (p) =>
      `Check that it runs here (\`${p.path} --headless=new --version\`); in a container install its libraries (e.g. the distribution's chromium package), ` +
      'or set TANDEM_BROWSER to another Chrome or Chromium.',
  }),

  // --- Files ---------------------------------------------------------------------------------
  FILE_UNREADABLE: entry<{ reason: string }>({
    severity: 'error',
    summary: 'A course file could not be read.',
    message: (p) => `The file could not be read: ${p.reason}.`,
    hint: () => 'Check that the file exists and that you have permission to read it.',
  }),
  UNIT_FILE_MISSING: entry({
    severity: 'error',
    summary: 'A folder under units/ has no unit.yaml.',
    message: () => 'This unit folder has no unit.yaml, so it is not a unit.',
    hint: () => 'Add unit.yaml (see docs/format.md or `tandem init`), or move the folder out of units/.',
  }),
  FILE_NOT_TEXT: entry({
    severity: 'error',
    summary: 'A YAML or Markdown file holds binary data or invalid UTF-8.',
    message: () => 'The file is not UTF-8 text (it contains binary data or invalid byte sequences).',
    hint: () => 'Save the file as UTF-8 text. If an image or document ended up here by mistake, move it to assets/.',
  }),
  FILE_TOO_LARGE: entry<{ bytes: number; limit: number }>({
    severity: 'error',
    summary: 'A YAML or Markdown file is larger than Tandem reads.',
    message: (p) => `The file is ${p.bytes} bytes; Tandem reads course text files up to ${p.limit} bytes.`,
    hint: () => 'A microlesson or job aid is short by design: split the content into several units, or move media into assets/.',
  }),

  // --- YAML and schema -----------------------------------------------------------------------
  YAML_SYNTAX: entry<{ detail: string }>({
    severity: 'error',
    summary: 'A YAML file (or question block) is not valid YAML.',
    message: (p) => `Invalid YAML: ${p.detail}`,
    hint: () => 'Fix the YAML syntax at this position. Quote text that contains ": ", "#", or starts with a special character.',
  }),
  FIELD_MISSING: entry<Field & { parent: string }>({
    severity: 'error',
    summary: 'A required field is missing.',
    message: (p) => `Missing required field \`${p.field}\`${p.parent ? ` in \`${p.parent}\`` : ''}.`,
    hint: (p) => `Add \`${p.field}\`; see docs/format.md for what it holds.`,
  }),
  FIELD_TYPE: entry<Field & { expected: string; actual: string }>({
    severity: 'error',
    summary: 'A field has the wrong type (e.g. text where a number is expected).',
    message: (p) => `\`${p.field}\` must be ${p.expected}, not ${p.actual}.`,
    hint: (p) => `Write \`${p.field}\` as ${p.expected}.`,
  }),
  FIELD_VALUE: entry<Field & { problem: string; expected: string }>({
    severity: 'error',
    summary: 'A field has a value outside what is allowed (range, list of values, pattern).',
    message: (p) => `\`${p.field}\` ${p.problem}.`,
    hint: (p) => `Use ${p.expected}.`,
  }),
  FIELD_UNKNOWN: entry<Field & { suggestion: string }>({
    severity: 'error',
    summary: 'An unknown field (usually a typo that would silently be ignored).',
    message: (p) => `Unknown field \`${p.field}\`.`,
    hint: (p) => (p.suggestion ? `Did you mean \`${p.suggestion}\`? ` : '') + 'Remove it or fix its name; see docs/format.md.',
  }),
  ID_MISMATCH: entry<{ kind: string; id: string; name: string }>({
    severity: 'error',
    summary: 'A unit or path id differs from its folder or file name.',
    message: (p) => `The ${p.kind} id "${p.id}" differs from its ${p.kind === 'unit' ? 'folder' : 'file'} name "${p.name}".`,
    hint: (p) => `Make them equal: ids become package names and xAPI IRIs, and the ${p.kind === 'unit' ? 'folder' : 'file'} name is how paths find it.`,
  }),

  // --- The unit contract: one objective, one risk, one metric --------------------------------
  OBJECTIVE_NOT_SINGLE: entry<{ found: string }>({
    severity: 'error',
    summary: 'A unit declares more or fewer than one learning objective.',
    message: (p) => `A unit has exactly one learning objective; this one has ${p.found}.`,
    hint: () => 'Keep one `objective:` mapping (id + statement). Split a unit that teaches several objectives into several units.',
  }),
  RISK_NOT_SINGLE: entry<{ found: string }>({
    severity: 'error',
    summary: 'A unit declares more or fewer than one execution risk.',
    message: (p) => `A unit addresses exactly one execution risk; this one has ${p.found}.`,
    hint: () => 'Keep one `risk:` mapping (statement + severity): the one mistake on the job this unit prevents.',
  }),
  METRIC_NOT_SINGLE: entry<{ found: string }>({
    severity: 'error',
    summary: 'A unit declares more or fewer than one success metric.',
    message: (p) => `A unit is measured by exactly one success metric; this one has ${p.found}.`,
    hint: () => 'Keep one `metric:` mapping (name, layer, baseline, target). Track other numbers in your reporting, not in the unit contract.',
  }),
  OBJECTIVE_ID_DUPLICATE: entry<{ id: string; other: string }>({
    severity: 'error',
    summary: 'Two units share an objective id.',
    message: (p) => `Objective id ${p.id} is also used by unit "${p.other}".`,
    hint: () => 'Objective ids are the key that joins lesson results with job-aid use: give each unit its own.',
  }),
  OBJECTIVE_ID_UNSAFE: entry<{ id: string; problem: string }>({
    severity: 'error',
    summary: 'An objective id cannot be used as a SCORM 1.2 identifier or inside an IRI.',
    message: (p) => `Objective id "${p.id}" ${p.problem}.`,
    hint: () => 'Use at most 255 characters from A–Z, a–z, 0–9, ".", "_" and "-", e.g. OBJ-SUP-REFUND-500.',
  }),
  UNIT_ID_DUPLICATE: entry<{ id: string }>({
    severity: 'error',
    summary: 'Two unit folders declare the same unit id.',
    message: (p) => `Unit id "${p.id}" is declared twice.`,
    hint: () => 'Give every unit a unique id equal to its folder name.',
  }),

  // --- Workflow rules --------------------------------------------------------------------------
  LESSON_MISSING: entry({
    severity: 'error',
    summary: 'A unit has no lesson.md.',
    message: () => 'This unit has no lesson.md.',
    hint: () => 'Add lesson.md with the 3–8 minute microlesson for this objective (`tandem init` shows an example).',
  }),
  LESSON_WITHOUT_JOB_AID: entry({
    severity: 'error',
    summary: 'A lesson has no job aid: nothing supports the work itself.',
    message: () => 'This lesson has no job aid (job-aid.md): learners get understanding but no support at the moment of work.',
    hint: () => 'Add job-aid.md with a "When to use" section and the steps or decision table people use during the task.',
  }),
  JOB_AID_OBJECTIVE_MISMATCH: entry<{ found: string; expected: string; doc: string }>({
    severity: 'error',
    summary: "A lesson's or job aid's front matter names another objective than its unit.",
    message: (p) => `The ${p.doc} declares objective ${p.found}, but its unit's objective is ${p.expected}.`,
    hint: (p) => `Lesson and job aid must serve the same objective: set \`objective: ${p.expected}\` or move the file to the right unit.`,
  }),
  JOB_AID_NO_CONTEXT: entry({
    severity: 'error',
    summary: 'A job aid has no "When to use" section (no onboarding context).',
    message: () => 'The job aid has no "When to use" section: a job aid without context is not picked up at the right moment.',
    hint: () => 'Add a `## When to use` section: who uses it, when, and which situation triggers it.',
  }),
  JOB_AID_NO_STEPS: entry({
    severity: 'error',
    summary: 'A job aid has neither steps nor a decision table.',
    message: () => 'The job aid has no steps and no decision table: there is nothing to follow during the work.',
    hint: () => 'Add a `## Steps` section with a numbered list (or a `- [ ]` checklist), or a `## Decision table` with a Markdown table.',
  }),
  JOB_AID_NO_WATCH_OUTS: entry({
    severity: 'warning',
    summary: "A job aid does not show the unit's execution risk.",
    message: () => "The job aid has no \"Watch-outs\" section, so the unit's execution risk is not visible where the work happens.",
    hint: () => 'Add a `## Watch-outs` section naming the mistake this unit prevents.',
  }),
  JOB_AID_NO_ESCALATION: entry({
    severity: 'warning',
    summary: 'A job aid does not say whom to escalate to.',
    message: () => 'The job aid has no "Escalation" section: people will not know whom to ask when the steps do not fit.',
    hint: () => 'Add a `## Escalation` section with the role, the channel and when to use it.',
  }),
  JOB_AID_SECTION_UNKNOWN: entry<{ heading: string }>({
    severity: 'warning',
    summary: 'A job-aid section heading that Tandem does not recognise.',
    message: (p) => `Section "${p.heading}" is not a job-aid section; it is printed after the known sections.`,
    hint: () => 'Use one of: When to use, Steps, Decision table, Watch-outs, Escalation (see docs/format.md).',
  }),
  METRIC_LEARNING_ONLY: entry<{ name: string }>({
    severity: 'warning',
    summary: 'The success metric sits only on the learning layer (measuring only views/completion).',
    message: (p) => `The metric "${p.name}" is on the learning layer only: it measures views and completion, not whether the work changed.`,
    hint: () => 'Choose an execution metric (error rate, rework, time to complete) or a business metric (cost, revenue, incidents).',
  }),
  HIGH_RISK_NO_REINFORCEMENT: entry({
    severity: 'error',
    summary: 'A high-severity risk without reinforcement.',
    message: () => 'The risk is high severity but the unit has no reinforcement: high-risk steps fade within days without a reminder.',
    hint: () => 'Add `reinforcement:` with `after_days` (3–7) and the high-risk `steps` to remind learners about.',
  }),
  OWNER_MISSING: entry<{ role: string; label: string }>({
    severity: 'error',
    summary: 'One of the four owner roles is not named.',
    message: (p) => `No ${p.label} is named for this unit (\`owners.${p.role}\`).`,
    hint: (p) => `Name the ${p.label}: every unit needs an L&D lead, an ops manager, an SME and an analyst who answer for it.`,
  }),

  // --- Job aids ------------------------------------------------------------------------------
  JOB_AID_NO_ONLINE_URL: entry({
    severity: 'info',
    summary: 'Job aids carry no QR code or online address because job_aid_url is not set.',
    message: () => 'Job aids carry no QR code and no online address, and record no use: `job_aid_url` is not set in tandem.config.yaml.',
    hint: () => 'Set `job_aid_url` to where you publish the job-aids/ folder of the build output, e.g. https://aids.acme.example/frontline.',
  }),
  JOB_AID_TRACKING_OFF: entry({
    severity: 'info',
    summary: 'Online job aids record no xAPI statement because no relay is configured.',
    message: () => 'Online job aids record nothing when opened: `job_aids.relay_url` is not set in tandem.config.yaml.',
    hint: () =>
      'To count job-aid opens per objective, set `job_aids.relay_url` to a statement relay that adds your LRS credentials and forwards to its /statements resource (see docs/format.md).',
  }),

  // --- Lesson content ------------------------------------------------------------------------
  LESSON_TOO_SHORT: entry<{ minutes: string; detail: string }>({
    severity: 'error',
    summary: 'The estimated lesson time is under 3 minutes.',
    message: (p) => `Estimated lesson time is ${p.minutes} min (${p.detail}); a microlesson takes 3–8 minutes.`,
    hint: () => 'Add a worked example, a scenario or a question; or merge this content into a related unit.',
  }),
  LESSON_TOO_LONG: entry<{ minutes: string; detail: string }>({
    severity: 'error',
    summary: 'The estimated lesson time is over 8 minutes.',
    message: (p) => `Estimated lesson time is ${p.minutes} min (${p.detail}); a microlesson takes 3–8 minutes.`,
    hint: () => 'Cut to what the objective needs, move reference detail into the job aid, or split the unit.',
  }),
  LESSON_NO_SCREENS: entry({
    severity: 'error',
    summary: 'A lesson has no screens (no # or ## heading).',
    message: () => 'The lesson has no screens: screens start at level-1 or level-2 headings.',
    hint: () => 'Start each screen with a `## Title` heading.',
  }),
  LESSON_TEXT_BEFORE_SCREEN: entry({
    severity: 'error',
    summary: 'Lesson text before the first heading belongs to no screen.',
    message: () => 'This text comes before the first heading, so it belongs to no screen and would not be shown.',
    hint: () => 'Put a `## Title` heading above it, or move it into a screen.',
  }),
  MEDIA_DURATION_MISSING: entry<{ count: number }>({
    severity: 'error',
    summary: 'A lesson embeds audio or video but does not state their duration.',
    message: (p) => `The lesson embeds ${p.count} audio/video file(s) but \`lesson.media_minutes\` is not set, so its length cannot be estimated.`,
    hint: () => 'Set `lesson.media_minutes` in unit.yaml to the total play time of the media, in minutes.',
  }),
  QUESTION_INVALID: entry<{ problem: string; expected: string }>({
    severity: 'error',
    summary: 'A question block is incomplete or inconsistent.',
    message: (p) => `This question ${p.problem}.`,
    hint: (p) => p.expected,
  }),
  QUESTION_ID_DUPLICATE: entry<{ id: string }>({
    severity: 'error',
    summary: 'Two questions in a lesson share an id.',
    message: (p) => `Question id "${p.id}" is used twice in this lesson.`,
    hint: () => 'Give each question its own id (or remove the ids to number them q1, q2…).',
  }),
  LESSON_NO_QUESTIONS_SCORED: entry({
    severity: 'error',
    summary: 'A lesson sets a mastery score but has no questions to score.',
    message: () => '`lesson.mastery_score` is set but the lesson has no questions, so it can never be passed.',
    hint: () => 'Add questions, or remove `mastery_score` to make the lesson completion-only.',
  }),

  // --- Assets --------------------------------------------------------------------------------
  ASSET_MISSING: entry<{ ref: string }>({
    severity: 'error',
    summary: 'A referenced image, audio or video file does not exist.',
    message: (p) => `"${p.ref}" does not exist.`,
    hint: () => 'Fix the path (relative to the unit folder, e.g. assets/diagram.png) or add the file.',
  }),
  ASSET_OUTSIDE_UNIT: entry<{ ref: string }>({
    severity: 'error',
    summary: 'A referenced file lies outside the unit folder.',
    message: (p) => `"${p.ref}" points outside the unit folder.`,
    hint: () => "Copy the file into this unit's assets/ folder: a unit is packaged on its own and cannot reach other folders.",
  }),
  ASSET_EXTERNAL: entry<{ ref: string }>({
    severity: 'warning',
    summary: 'An image or media file is loaded from the network.',
    message: (p) => `"${p.ref}" is loaded from the network; packages must work offline and inside LMSs that block outside requests.`,
    hint: () => "Download the file into the unit's assets/ folder and reference it there.",
  }),

  // --- xAPI and cmi5 packages -----------------------------------------------------------------
  CONFIG_CREDENTIAL: entry<{ field: string; reason: string }>({
    severity: 'error',
    summary: 'tandem.config.yaml holds what looks like a credential, which a build would put in packages; nothing is built.',
    message: (p) =>
      `\`${p.field}\` holds what looks like a credential (${p.reason}). Packages and job aids are shared and unzipped by anyone, ` +
      'so Tandem builds nothing from this config.',
    hint: () =>
      'Remove it from tandem.config.yaml. LRS credentials reach a lesson only at launch (the cmi5 fetch URL, the Tin Can `auth` parameter), ' +
      'and a job-aid statement relay adds its own server-side.',
  }),

  // --- Releases --------------------------------------------------------------------------------
  VERSION_NOT_BUMPED: entry<{ version: string; previous: string }>({
    severity: 'warning',
    summary: "A unit's content changed since the previous release but its version did not go up.",
    message: (p) => `The unit's content changed since the previous release, but its version is still ${p.version} (was ${p.previous}).`,
    hint: () => 'Bump `version` (patch for fixes, minor for new content, major for a changed objective) so LMSs and learners see a new version.',
  }),

  // --- SCORM 1.2 packages ---------------------------------------------------------------------
  SUSPEND_DATA_TOO_LONG: entry<{ length: number; limit: number; largest: string; path: string }>({
    severity: 'error',
    summary: "A lesson's saved progress could exceed the 4,096 characters SCORM 1.2 allows, so resume would break.",
    message: (p) =>
      `In the worst case this lesson's saved progress takes ${p.length} characters, but SCORM 1.2 allows ${p.limit} ` +
      `(cmi.suspend_data); LMSs cut or refuse longer values and learners lose their place` +
      (p.path ? `. The learning path "${p.path}" includes this unit, so its package is not built either.` : '.'),
    hint: (p) =>
      `What takes the room: ${p.largest}. Turn some fill-in questions into choice questions, ` +
      'use fewer questions, or split the unit into two.',
  }),

  // --- Paths ---------------------------------------------------------------------------------
  PATH_UNKNOWN_UNIT: entry<{ unit: string; suggestion: string }>({
    severity: 'error',
    summary: 'A learning path names a unit that does not exist.',
    message: (p) => `The path names unit "${p.unit}", which does not exist in units/.`,
    hint: (p) => (p.suggestion ? `Did you mean "${p.suggestion}"? ` : '') + 'Use the id of a folder under units/.',
  }),
  PATH_DUPLICATE_UNIT: entry<{ unit: string }>({
    severity: 'error',
    summary: 'A learning path lists the same unit twice.',
    message: (p) => `The path lists unit "${p.unit}" more than once.`,
    hint: () => 'List each unit once; a package has one SCO per unit.',
  }),

  // --- report ----------------------------------------------------------------------------------
  REPORT_STATEMENTS_NOT_FOUND: entry<{ path: string }>({
    severity: 'error',
    summary: 'A --statements file or folder of `tandem report` does not exist.',
    message: (p) => `No statements file or folder at ${p.path}.`,
    hint: () => 'Pass an NDJSON file (plain or gzip) or a folder of them, e.g. an LRS export or the `tandem serve` journal folder.',
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

/** A share as a whole percentage, for flag messages. */
function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export type DiagnosticCode = keyof typeof CATALOGUE;

/** Codes that mean "the command could not run" rather than "the course has problems": exit 2. */
export const ENVIRONMENT_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'COURSE_NOT_FOUND',
  'TARGET_UNKNOWN',
  'BROWSER_NOT_FOUND',
  'BROWSER_LAUNCH_FAILED',
  'REPORT_STATEMENTS_NOT_FOUND',
  'OPS_FILE_NOT_FOUND',
  'LRS_AUTH_MISSING',
  'LRS_REQUEST_FAILED',
  'LMS_UNIT_UNKNOWN',
  'REPORT_PDF_BROWSER_NOT_FOUND',
  'REPORT_PDF_FAILED',
]);

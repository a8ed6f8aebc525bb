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
  COURSE_NOT_FOUND: entry<{ dir: string; found?: string }>({
    severity: 'error',
    summary: 'The course folder has no tandem.config.yaml.',
    message: (p) => `No tandem.config.yaml in ${p.dir}.`,
    hint: (p) =>
      p.found
        ? `Did you mean ${p.found}? Rename it to tandem.config.yaml: Tandem reads only that exact name (Linux CI tells case apart).`
        : 'Run the command in a course folder, pass the folder as an argument, or create one with `tandem init <dir>`.',
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

  BROWSER_NOT_FOUND: entry<{ jobs: number; tried: string; explicit: string; from?: string }>({
    severity: 'error',
    summary: 'No Chrome or Chromium was found to print PDF job aids; the other targets are still built.',
    message: (p) =>
      (p.explicit
        ? `The browser "${p.explicit}"${p.from ? ` named by ${p.from}` : ''} is not an executable file`
        : 'No Chrome, Chromium or Edge was found on this machine') +
      `, so ${p.jobs} PDF job aid(s) were not printed.`,
    hint: (p) =>
      'Install Chromium or Google Chrome (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask google-chrome`), ' +
      'or point Tandem at one with the TANDEM_BROWSER environment variable, e.g. `TANDEM_BROWSER=/usr/bin/chromium tandem build` ' +
      `(CHROME_PATH and PUPPETEER_EXECUTABLE_PATH work too). Looked in: ${p.tried}.`,
  }),
  BROWSER_LAUNCH_FAILED: entry<{ path: string; reason: string; jobs: number }>({
    severity: 'error',
    summary: 'The browser used to print PDF job aids was found but did not start; the other targets are still built, lesson packages without the PDF.',
    message: (p) =>
      `The browser at ${p.path} did not start, so ${p.jobs} PDF job aid(s) were not printed and lesson packages carry only the HTML job aid: ${p.reason}`,
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
    summary: 'A YAML, Markdown or theme file is larger than Tandem reads.',
    message: (p) => `The file is ${p.bytes} bytes or more; Tandem reads course text files up to ${p.limit} bytes.`,
    hint: () => 'A microlesson or job aid is short by design: split the content into several units, or move media into assets/.',
  }),

  // --- YAML and schema -----------------------------------------------------------------------
  YAML_SYNTAX: entry<{ detail: string; fix: string }>({
    severity: 'error',
    summary: 'A YAML file (or question block) is not valid YAML.',
    // Both come from course/load/explainYamlError.ts, which words the common mistakes for authors.
    message: (p) => p.detail,
    hint: (p) => p.fix,
  }),
  FIELD_MISSING: entry<Field & { parent: string }>({
    severity: 'error',
    summary: 'A required field is missing.',
    message: (p) => `Missing required field \`${p.field}\`${p.parent ? ` in \`${p.parent}\`` : ''}.`,
    hint: (p) => `Add \`${p.field}\`; see docs/format.md for what it holds.`,
  }),
  FIELD_TYPE: entry<Field & { expected: string; actual: string; example?: string }>({
    severity: 'error',
    summary: 'A field has the wrong type (e.g. text where a number is expected).',
    message: (p) => `\`${p.field}\` must be ${p.expected}, not ${p.actual}.`,
    hint: (p) => (p.example ? `Write it as \`${p.example}\`.` : `Write \`${p.field}\` as ${p.expected}.`),
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
  JOB_AID_OBJECTIVE_MISMATCH: entry<{ found: string; expected: string; doc: string; expectedValid: boolean; foundValid: boolean }>({
    severity: 'error',
    summary: "A lesson's or job aid's front matter names another objective than its unit.",
    message: (p) => `The ${p.doc} declares objective ${p.found}, but its unit's objective is ${p.expected}.`,
    hint: (p) =>
      // Never tell the author to copy an id that OBJECTIVE_ID_UNSAFE rejects: that only moves the error.
      p.expectedValid
        ? `Lesson and job aid must serve the same objective: set \`objective: ${p.expected}\` or move the file to the right unit.`
        : `The unit's objective id in unit.yaml is not a valid id itself (see OBJECTIVE_ID_UNSAFE): fix it there first` +
          (p.foundValid ? ` (e.g. to \`${p.found}\`, as written here)` : '') +
          ', then give the lesson and job aid the same objective.',
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
  JOB_AID_SECTION_UNKNOWN: entry<{ heading: string; suggestion: string }>({
    severity: 'warning',
    summary: 'A job-aid section heading that Tandem does not recognise.',
    message: (p) => `Section "${p.heading}" is not a job-aid section; it is printed after the known sections.`,
    hint: (p) =>
      (p.suggestion ? `Did you mean "${p.suggestion}"? Rename it to \`## ${p.suggestion}\`: Tandem finds each section by its heading. ` : '') +
      'Use one of: When to use, Steps, Decision table, Watch-outs, Escalation (see docs/format.md).',
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
  ASSET_MISSING: entry<{ ref: string; suggestion: string }>({
    severity: 'error',
    summary: 'A referenced image, audio or video file does not exist.',
    message: (p) => `"${p.ref}" does not exist.`,
    hint: (p) =>
      (p.suggestion ? `Did you mean "${p.suggestion}"? ` : '') + 'Fix the path (relative to the unit folder, e.g. assets/diagram.png) or add the file.',
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

  // --- Author HTML (course/html/authorHtml) ---------------------------------------------------
  // Errors, not warnings: Tandem never ships the HTML, but a lesson that silently differs from its
  // source hides an attack (or a broken embed) from review; CI must stop on it.
  LESSON_HTML_UNSAFE: entry<{ what: string }>({
    severity: 'error',
    summary: 'Lesson HTML that Tandem removes: script, event handlers, frames, forms, styles or unsafe URLs; the unit is not built.',
    message: (p) =>
      `The lesson contains ${p.what}, which Tandem removes: lessons run on the LMS's own site, where script could act as the learner or take their LMS session.`,
    hint: () =>
      'Remove it. Lessons may use Markdown and simple HTML (tables, img, video, audio, figure, details); see "HTML in lessons and job aids" in docs/format.md.',
  }),
  JOB_AID_HTML_UNSAFE: entry<{ what: string }>({
    severity: 'error',
    summary: 'Job-aid HTML that Tandem removes: script, event handlers, frames, forms, styles, meta refresh or unsafe URLs; the unit is not built.',
    message: (p) =>
      `The job aid contains ${p.what}, which Tandem removes: it could run script, redirect the online copy or change the printed page, footer or risk box.`,
    hint: () =>
      'Remove it. Job aids may use Markdown and simple HTML (tables, img, figure, details); see "HTML in lessons and job aids" in docs/format.md.',
  }),

  // --- Field fixes (issue 11): what new authors and CI engineers hit --------------------------
  FILE_MISNAMED: entry<{ found: string; expected: string; caseOnly: boolean }>({
    severity: 'error',
    summary: 'A unit file has almost the right name (job_aid.md, unit.yml, Lesson.md); Tandem reads only the exact name.',
    message: (p) =>
      `"${p.found}" looks like this unit's ${p.expected}, but Tandem reads only files named exactly ${p.expected}; ` +
      'it was checked here so you see its problems, but the unit is not built.',
    hint: (p) =>
      `Did you mean ${p.expected}? Rename it: \`git mv ${p.found} ${p.expected}\`.` +
      (p.caseOnly ? ' File names are case-sensitive on Linux (where CI runs) even when macOS or Windows find the file.' : ''),
  }),
  PLACEHOLDER_LEFT: entry<{ field: string; what: string }>({
    severity: 'warning',
    summary: 'A value `tandem init` wrote as a placeholder (an owner name, an example.com address) was never replaced.',
    message: (p) => `\`${p.field}\` still holds ${p.what} from \`tandem init\`.`,
    hint: (p) =>
      p.what === 'placeholder text'
        ? 'Write the real value: every unit needs named people who answer for it.'
        : 'Use an address your organisation controls: `base_iri` becomes part of every xAPI id and cannot change later, and QR codes point at `job_aid_url`. `tandem build --strict` fails on this warning.',
  }),
  OUTPUT_NOT_TANDEM: entry<{ files: number; examples: string }>({
    severity: 'warning',
    summary: 'The output folder already holds files but no manifest of an earlier Tandem build.',
    message: (p) =>
      `The output folder already holds ${p.files} file(s) (${p.examples}${p.files > 3 ? ', …' : ''}) and no manifest.json of an earlier Tandem build, ` +
      'so Tandem cannot tell which are its own: they stay, and would be published with this release.',
    hint: () => 'Build into an empty folder or one only Tandem writes to (e.g. `--out release`); Tandem then removes what its earlier builds wrote and this one did not.',
  }),
  PATH_NOT_BUILT: entry<{ path: string; units: string }>({
    severity: 'error',
    summary: 'A learning path is not built because units it contains have errors.',
    message: (p) => `The learning path "${p.path}" is not built: its unit(s) ${p.units} have errors.`,
    hint: () => 'Fix those units (their problems are reported against them, by the shard that builds them when the build is sharded); the path is built with them.',
  }),

  // --- File safety and build lifecycle (issue 10) ---------------------------------------------
  FILE_OUTSIDE_COURSE: entry<{ name: string; target: string; boundary: string }>({
    severity: 'error',
    summary: 'A course file or folder is a link that leads outside the course (or outside its unit or theme); Tandem does not read it.',
    message: (p) => `${p.name} is a link to ${p.target}, outside ${p.boundary}; Tandem does not read or package it.`,
    hint: (p) => `Put the file itself in ${p.boundary} instead of a link: packages are shared, and a link could carry any file of this machine into one.`,
  }),
  FILE_NOT_REGULAR: entry<{ name: string; what: string }>({
    severity: 'error',
    summary: 'A course path is a device, named pipe, socket or link to a folder where a file is expected; Tandem does not read it.',
    message: (p) => `${p.name} is ${p.what}, not a regular file; Tandem does not read it.`,
    hint: () => 'Replace it with an ordinary file (a link is followed only to an ordinary file inside the course).',
  }),
  ASSET_TOO_LARGE: entry<{ ref: string; bytes: number; limit: number }>({
    severity: 'error',
    summary: 'A referenced asset is larger than Tandem packages.',
    message: (p) => `"${p.ref}" is ${p.bytes} bytes or more; Tandem packages assets up to ${p.limit} bytes.`,
    hint: () => 'Compress the file (e.g. re-encode the video at a lower bit rate) or host it on a video platform and link to it.',
  }),
  UNIT_FOLDER_LINK: entry<{ name: string; target: string }>({
    severity: 'error',
    summary: 'A folder under units/ is a symbolic link; Tandem does not follow it, so that unit is neither checked nor built.',
    message: (p) => `units/${p.name} is a link to ${p.target}; Tandem does not follow links for unit folders, so this unit is neither checked nor built.`,
    hint: () => 'Move or copy the unit folder into units/ (a git submodule works too): a unit is packaged from its own folder only.',
  }),
  BROWSER_CRASHED: entry<{ path: string; reason: string }>({
    severity: 'error',
    summary: 'The browser printing PDF job aids stopped during the build; the jobs that needed it were not built.',
    message: (p) => `The browser at ${p.path} stopped during the build (${p.reason}); PDF job aids and lesson packages still waiting for it were not built.`,
    hint: () => 'Run the build again. If it keeps happening, the machine may be short of memory: lower --jobs, or check the browser with `--headless=new --version`.',
  }),
  BUILD_INTERRUPTED: entry<{ signal: string }>({
    severity: 'error',
    summary: 'The build was stopped (Ctrl-C, SIGTERM or SIGHUP) before it finished; the output has no new manifest.',
    message: (p) => `The build was stopped by ${p.signal} before it finished; files written so far are complete, but no release manifest was written.`,
    hint: () => 'Run the build again; unchanged jobs are reused from the cache.',
  }),
  ASSET_PATH_NOT_PORTABLE: entry<{ ref: string; suggestion: string }>({
    severity: 'error',
    summary: 'An asset reference is a Windows or local-machine path (backslashes, a drive letter, file:), which no LMS can open.',
    message: (p) => `"${p.ref}" is a path on one computer (Windows backslashes, a drive letter or file:), not a path inside the unit folder; it breaks in every package.`,
    hint: (p) =>
      p.suggestion
        ? `Write it with forward slashes, relative to the unit folder: "${p.suggestion}".`
        : "Copy the file into this unit's assets/ folder and reference it as assets/<name>, with forward slashes.",
  }),
  ASSET_NAME_MISMATCH: entry<{ ref: string; actual: string; how: string }>({
    severity: 'error',
    summary: 'An asset reference matches a file only when letter case or accented-letter encoding (Unicode normalisation) is ignored.',
    message: (p) => `"${p.ref}" does not exist, but "${p.actual}" does: the names differ ${p.how}. Some computers find it anyway; LMS servers and zip tools do not.`,
    hint: (p) => `Write the reference exactly as the file is named ("${p.actual}"), or rename the file.`,
  }),
  ASSET_CASE_CLASH: entry<{ ref: string; other: string }>({
    severity: 'error',
    summary: 'Two assets of a unit have names that differ only in letter case, which clash when a package is unzipped on Windows or macOS.',
    message: (p) => `"${p.ref}" and "${p.other}" differ only in letter case; unzipped on Windows or macOS one overwrites the other.`,
    hint: () => 'Rename one of the files (and its references) so the names differ in more than letter case.',
  }),

  // --- tandem serve: the statement relay and job-aid server ----------------------------------
  // Relay codes are answered in the JSON body of a 4xx/5xx response; SERVE_ codes stop the server
  // from starting (exit 2). Wording never carries a credential, the salt or a server path.
  RELAY_NOT_JSON: entry({
    severity: 'error',
    summary: 'The relay got a body that is not JSON (HTTP 415).',
    message: () => 'The request body is not application/json.',
    hint: () => 'POST one xAPI statement or an array of statements with Content-Type: application/json.',
  }),
  RELAY_MALFORMED: entry<{ problem: string }>({
    severity: 'error',
    summary: 'The relay got JSON that is not a statement or an array of statements (HTTP 400).',
    message: (p) => `The request body is not a statement or a list of statements: ${p.problem}.`,
    hint: () => 'Send one statement object, or a non-empty array of statement objects.',
  }),
  RELAY_BODY_TOO_LARGE: entry<{ limit: number }>({
    severity: 'error',
    summary: 'A relay request body is larger than 64 KB (HTTP 413).',
    message: (p) => `The request body is larger than ${p.limit} bytes.`,
    hint: () => 'Send fewer statements per request.',
  }),
  RELAY_TOO_MANY_STATEMENTS: entry<{ count: number; limit: number }>({
    severity: 'error',
    summary: 'A relay request holds more than 50 statements (HTTP 413).',
    message: (p) => `The request holds ${p.count} statements; the relay takes at most ${p.limit} at once.`,
    hint: (p) => `Split the batch into requests of at most ${p.limit} statements.`,
  }),
  RELAY_STATEMENT_TOO_LARGE: entry<{ index: number; bytes: number; limit: number }>({
    severity: 'error',
    summary: 'A statement sent to the relay is larger than 8 KB (HTTP 413).',
    message: (p) => `Statement ${p.index} is ${p.bytes} bytes; the relay takes at most ${p.limit} bytes per statement.`,
    hint: () => 'Tandem pages never send statements this large; check what added to it.',
  }),
  RELAY_INVALID_STATEMENT: entry<{ index: number; where: string; rule: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay breaks the xAPI 1.0.3 rules (HTTP 400).',
    message: (p) => `Statement ${p.index} is not a valid xAPI 1.0.3 statement: ${p.where} (${p.rule}).`,
    hint: () => 'Send statements as Tandem pages make them; see the xAPI 1.0.3 specification, part 2, section 2.',
  }),
  RELAY_DUPLICATE_ID: entry<{ index: number }>({
    severity: 'error',
    summary: 'A relay request holds two statements with the same id (HTTP 400).',
    message: (p) => `Statement ${p.index} has the same id as an earlier statement of this request.`,
    hint: () => 'Give every statement its own UUID (xAPI 1.0.3 Communication 2.1.2).',
  }),
  RELAY_VERB_NOT_ALLOWED: entry<{ index: number; verb: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay uses a verb Tandem does not emit (HTTP 403).',
    message: (p) => `Statement ${p.index} uses the verb ${p.verb}, which no Tandem page sends.`,
    hint: () => 'The relay forwards only the statements of Tandem job aids and lessons; send others to your LRS directly.',
  }),
  RELAY_ACTIVITY_NOT_ALLOWED: entry<{ index: number; activity: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay is about an activity not in the served release (HTTP 403).',
    message: (p) => `Statement ${p.index} is about ${p.activity}, which is not a unit, lesson or job aid of the served release.`,
    hint: () => 'Rebuild and redeploy the release the page came from, or serve the release that contains this unit.',
  }),
  RELAY_OBJECTIVE_MISSING: entry<{ index: number; objective: string }>({
    severity: 'error',
    summary: "A statement sent to the relay lacks its unit's objective in contextActivities.parent (HTTP 403).",
    message: (p) => `Statement ${p.index} does not name its objective ${p.objective} in context.contextActivities.parent.`,
    hint: () => "Tandem pages put the unit's objective in the parent context; a statement without it cannot be joined by objective.",
  }),
  RELAY_ACTOR_NOT_ALLOWED: entry<{ index: number; reason: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay has an actor other than the anonymous account Tandem pages make (HTTP 403).',
    message: (p) => `Statement ${p.index} has an actor the relay does not take: ${p.reason}.`,
    hint: () => 'The actor must be an Agent with only an account (homePage = a configured page origin, name = an opaque id); the relay never forwards e-mail addresses or names.',
  }),
  RELAY_RATE_LIMITED: entry<{ limit: number; seconds: number }>({
    severity: 'error',
    summary: 'Too many statements for one objective from one address (HTTP 429 with Retry-After).',
    message: (p) => `More than ${p.limit} statements a minute for one objective from this address.`,
    hint: (p) => `Retry after ${p.seconds} s. Operators: raise serve.rate_limit.statements_per_minute if this is real traffic.`,
  }),
  RELAY_JOURNAL_FULL: entry({
    severity: 'error',
    summary: 'The relay journal reached its disk budget; nothing more is accepted (HTTP 503).',
    message: () => 'The relay cannot accept statements: its journal reached its disk budget.',
    hint: () => 'Operators: move forwarded, gzipped journal segments elsewhere or raise serve.journal_budget_mb. Clients: retry later.',
  }),
  RELAY_JOURNAL_FAILED: entry({
    severity: 'error',
    summary: 'The relay could not write its journal (disk full or I/O error); the request was not accepted (HTTP 503).',
    message: () => 'The relay could not write the statements to its journal; none of them were accepted.',
    hint: () => 'Operators: check the disk that holds the journal. Clients: retry later.',
  }),
  SERVE_NOT_FOUND: entry({
    severity: 'error',
    summary: 'Nothing is served at this address (HTTP 404).',
    message: () => 'Nothing is served at this address.',
    hint: () => 'Job aids are served under the path of job_aid_url, the relay at the path of job_aids.relay_url.',
  }),
  SERVE_METHOD_NOT_ALLOWED: entry({
    severity: 'error',
    summary: 'The relay takes POST only; no endpoint reads statements back (HTTP 405).',
    message: () => 'This address takes POST only.',
    hint: () => 'The relay is write-only; query your LRS to read statements.',
  }),
  SERVE_INTERNAL_ERROR: entry({
    severity: 'error',
    summary: 'The server hit a bug while answering; the request was not accepted (HTTP 500).',
    message: () => 'The server could not answer this request.',
    hint: () => 'Retry later; operators find the cause in the server log.',
  }),
  SERVE_RELEASE_NOT_FOUND: entry<{ dir: string }>({
    severity: 'error',
    summary: 'tandem serve was given a release folder without a readable manifest.json.',
    message: (p) => `No readable release manifest.json in ${p.dir}.`,
    hint: () => "Pass the output folder of 'tandem build' with --release.",
  }),
  SERVE_RELEASE_MISMATCH: entry<{ release: string; course: string }>({
    severity: 'error',
    summary: 'The release folder was built from another course than the one given.',
    message: (p) => `The release is of course "${p.release}", the course folder is "${p.course}".`,
    hint: () => 'Serve a release built from this course folder.',
  }),
  SERVE_SETTING_INVALID: entry<{ setting: string; problem: string }>({
    severity: 'error',
    summary: 'A tandem serve setting (option, environment variable or serve: config) is unusable.',
    message: (p) => `${p.setting}: ${p.problem}.`,
    hint: () => "See 'tandem help serve' and the serve section of the README.",
  }),
  SERVE_SECRETS_IN_COURSE: entry<{ setting: string }>({
    severity: 'error',
    summary: 'The serve environment file lies inside the course or release folder.',
    message: (p) => `${p.setting} points into the course or release folder, which is shared and packaged.`,
    hint: () => 'Keep LRS credentials and the server secret outside the course, e.g. in /etc/tandem/serve.env (mode 600).',
  }),
  SERVE_SECRET_MISSING: entry({
    severity: 'error',
    summary: 'serve.identity_header is set but no server secret (TANDEM_SERVE_SECRET, 16+ characters) is.',
    message: () => 'serve.identity_header is set, but TANDEM_SERVE_SECRET is missing or shorter than 16 characters.',
    hint: () => 'Set TANDEM_SERVE_SECRET (e.g. `openssl rand -hex 32`) in the environment or the serve.environment_file; keep it stable, or the hashed accounts change.',
  }),
  SERVE_JOURNAL_LOCKED: entry<{ pid: number }>({
    severity: 'error',
    summary: 'Another tandem serve process is using the journal folder.',
    message: (p) => `The journal folder is in use by process ${p.pid}.`,
    hint: () => 'Stop the other server, or give this one its own --journal folder.',
  }),
  SERVE_LISTEN_FAILED: entry<{ address: string; reason: string }>({
    severity: 'error',
    summary: 'tandem serve could not listen on the given host and port.',
    message: (p) => `Cannot listen on ${p.address}: ${p.reason}.`,
    hint: () => 'Pick a free port with --port, or stop what is using it.',
  }),

  // --- Hardening (issue 10, medium): output folder, cache, control characters, complexity, credentials ---
  OUT_NOT_WRITABLE: entry<{ dir: string; reason: string }>({
    severity: 'error',
    summary: 'The output folder cannot be created or written (checked before anything is built, and on every write).',
    message: (p) => `The output folder ${p.dir} cannot be written (${p.reason}); nothing more is written there and the release is incomplete.`,
    hint: () => 'Point --out at a folder you can write to (not a file, not on a read-only or full disk) and build again.',
  }),
  OUT_LOCKED: entry<{ dir: string; pid: number; host: string; lock: string }>({
    severity: 'error',
    summary: 'Another build is writing into the same output folder; this one stops before writing anything.',
    message: (p) => `Another tandem build (process ${p.pid} on ${p.host}) is writing into ${p.dir}, so this build wrote nothing.`,
    hint: (p) =>
      `Wait for it to finish or build into another --out. If no build is running (e.g. it ran on another machine and was killed), delete ${p.lock}.`,
  }),
  CACHE_WRITE_FAILED: entry<{ dir: string; reason: string }>({
    severity: 'warning',
    summary: 'The incremental build cache could not be written; the build went on without caching.',
    message: (p) => `The build cache in ${p.dir} could not be written (${p.reason}); this build is complete but not cached.`,
    hint: () => 'Free some disk space or point --cache-dir at a writable folder; --no-cache turns the cache off.',
  }),
  TEXT_CONTROL_CHARACTER: entry<{ char: string; name: string }>({
    severity: 'error',
    summary: 'A text holds an invisible control character that XML packages cannot carry.',
    message: (p) => `The text holds the invisible control character ${p.char}${p.name ? ` (${p.name})` : ''}, which imsmanifest.xml, tincan.xml and cmi5.xml cannot carry.`,
    hint: () => 'Delete it (text pasted from Word often brings U+000B line breaks): use a space, or a real line break.',
  }),
  LESSON_TOO_COMPLEX: entry<{ problem: string; limit: string }>({
    severity: 'error',
    summary: 'A lesson or job aid has Markdown nested too deep, or too many emphasis marks or links, to read in time.',
    message: (p) => `This Markdown ${p.problem}; Tandem reads ${p.limit}, so this part was not read.`,
    hint: () => 'Flatten the nesting or split the paragraph (a lesson screen or a job aid is short by design), or remove stray *, _, ~ and [ marks.',
  }),
  CONTENT_CREDENTIAL: entry<{ reason: string }>({
    severity: 'error',
    summary: 'A lesson or job aid holds what looks like a credential, which a build would put in packages.',
    message: (p) => `This text holds what looks like a credential (${p.reason}). Packages and job aids are shared and unzipped by anyone, so this unit is not built.`,
    hint: () => 'Remove it, and revoke it if it was ever committed or shipped. Link to pages that ask for sign-in instead of embedding keys or tokens.',
  }),
  ARTIFACT_CREDENTIAL: entry<{ reason: string; target: string; subject: string; entry: string }>({
    severity: 'error',
    summary: 'A built file would contain what looks like a credential (e.g. from a theme); it was not written.',
    message: (p) => `The ${p.target} output for ${p.subject} would contain what looks like a credential (${p.reason}) in ${p.entry}, so it was not written.`,
    hint: () => 'Remove it from the file shown (a theme file, lesson or job aid), and revoke it if it was ever committed or shipped.',
  }),
  ASSET_LARGE: entry<{ ref: string; megabytes: number; limit: number }>({
    severity: 'warning',
    summary: 'An asset is so large that packages get slow to build, upload and open.',
    message: (p) => `"${p.ref}" is ${p.megabytes} MB; it goes into every lesson package of this unit and of its paths (over ${p.limit} MB is large for an LMS upload and for learners on slow links).`,
    hint: () => 'Compress it (e.g. a video at 720p, H.264, 1–2 Mbit/s), shorten it, or host it on a video platform and link to it.',
  }),
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
]);

/**
 * Codes about a secret in a course file: no code frame is printed for them, so the value is never
 * repeated. (CONFIG_CREDENTIAL keeps its frame: loadConfig masks the flagged value in the text
 * the frame is cut from, so the author still sees which line to fix.)
 */
export const SECRET_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['CONTENT_CREDENTIAL', 'ARTIFACT_CREDENTIAL']);

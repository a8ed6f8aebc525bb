/** Codes of a course as written: files, YAML and schemas, the unit contract, workflow rules, job aids, lessons and assets. */
import { entry, type Field } from '../catalogueEntry.js';

export const AUTHORING_CODES = {
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

} as const;

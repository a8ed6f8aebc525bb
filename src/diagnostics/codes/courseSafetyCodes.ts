/** Codes that keep a course safe and portable: learning paths, author HTML, misnamed files and placeholders, files outside the course, stops and crashes. */
import { entry } from '../catalogueEntry.js';

export const COURSE_SAFETY_CODES = {
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
    summary: 'A value `tandem init` or `tandem new` wrote as a placeholder (an owner name, a draft objective, an example.com address) was never replaced.',
    message: (p) => `\`${p.field}\` still holds ${p.what} from \`tandem init\` or \`tandem new\`.`,
    hint: (p) =>
      p.what === 'placeholder text'
        ? 'Write the real value: every unit needs named people who answer for it, an agreed objective and target, and lesson and job-aid text of its own.'
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

} as const;

/** Codes of the command line, the build and its output: environment, packages, releases, the output folder and cache. */
import { entry } from '../catalogueEntry.js';

export const BUILD_CODES = {
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

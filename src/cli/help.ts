/** Help texts, kept together so they read as one manual. */
import { TARGETS } from '../compile/targets/registry.js';

export const MAIN_HELP = `tandem — compile microlessons and job aids into SCORM, xAPI/cmi5 and printable job aids,
all tied to one learning objective.

Usage
  tandem <command> [options]

Commands
  check [course-dir]    Check a course against the unit contract and the workflow rules
  build [course-dir]    Build packages and job aids into an output folder
  init <dir>            Create a new course with one valid unit to start from
  merge-manifests       Join the release manifests of sharded builds into one
  serve [course-dir]    Serve the online job aids and relay their statements to an LRS
  help [command]        Show help for a command

Options
  -h, --help            Show help
  -v, --version         Show the version

Run 'tandem help <command>' for the options of a command.
Docs: README.md and docs/format.md in the Tandem repository.
`;

export const CHECK_HELP = `Usage
  tandem check [course-dir] [options]

Loads every unit and learning path of the course (default: the current folder) and reports
problems with file, line, column and a code. One broken unit never hides the others.

Options
  --format <f>   human (default, with code frames), json, or github (workflow annotations)
  --strict       Exit 1 on warnings too
  --no-color     Plain text output (also: NO_COLOR=1)
  -h, --help     Show this help

Exit codes
  0  no errors (and no warnings with --strict)
  1  errors found (or warnings, with --strict)
  2  usage or environment error (no course here, unknown option)

Examples
  tandem check
  tandem check courses/frontline --format github --strict
`;

export function buildHelp(): string {
  const targets = TARGETS.length
    ? TARGETS.map((t) => `  ${t.name.padEnd(16)}${t.description}`).join('\n')
    : '  (no targets are registered in this version)';
  return `Usage
  tandem build [course-dir] --out <dir> [--target <name>[,<name>…]] [options]

Checks the course, then builds every unit and learning path without errors for each target.
Units with errors are reported and skipped; the others are built.

Writes <out>/manifest.json: every unit's version, objective ID and content hash, and every
artifact's path, size and sha256. Output is reproducible: the same input gives the same bytes.
Builds are incremental: jobs whose inputs did not change are reused from the cache
(<out>/.tandem-cache); a changed unit rebuilds that unit and the learning paths containing it.

Options
  -o, --out <dir>            Output folder (default: dist-course)
  -t, --target <names>       Comma-separated targets, repeatable (default: all)
  --shard <i/n>              Build only shard i of n (a stable split for CI matrices)
  --changed-since <manifest> Report units changed since that release; warn when a version was not bumped
  --fail-fast                Stop at the first error instead of building every unit that can be
  -j, --jobs <n>             Jobs built at once (default 4)
  --browser <path>           Chrome/Chromium for PDF job aids (else TANDEM_BROWSER, CHROME_PATH,
                             PUPPETEER_EXECUTABLE_PATH, the usual install paths, then PATH)
  --no-cache                 Build everything from scratch
  --cache-dir <dir>          Where the incremental cache lives
  --format <f>               Diagnostics as human (default), json or github
  --strict                   Exit 1 on warnings too
  --quiet                    Print only diagnostics (no progress, no summary)
  --no-color                 Plain text output
  -h, --help                 Show this help

Targets
${targets}

Environment
  SOURCE_DATE_EPOCH    Timestamp (seconds) written into archives, for reproducible builds

Exit codes
  0  built without errors   1  errors (some units skipped)   2  usage or environment error
`;
}

export const INIT_HELP = `Usage
  tandem init <dir> [--id <course-id>] [--title <title>]

Creates a course folder with tandem.config.yaml, one complete unit (unit.yaml, lesson.md,
job-aid.md) and one learning path, which 'tandem check' accepts as it is. Refuses to write into
a folder that already holds a course.

Options
  --id <id>        Course id (default: derived from the folder name)
  --title <text>   Course title
  -h, --help       Show this help
`;

export const MERGE_HELP = `Usage
  tandem merge-manifests <manifest.json>… --out <file>

Joins the manifests written by 'tandem build --shard i/n' runs of one release into one release
manifest. Refuses manifests of different releases (course, Tandem version, build id or commit
differ) and exits 1 when a shard is missing.

Options
  -o, --out <file>   Where to write the merged manifest
  -h, --help         Show this help

Example (a CI matrix of 4 runners, then one job that merges)
  tandem build --shard \$SHARD/4 --out out/shard-\$SHARD
  tandem merge-manifests out/shard-*/manifest.json --out out/manifest.json
`;

export const SERVE_HELP = `Usage
  tandem serve <course-dir> --release <build-out-dir> [--port N] [--host H] [--journal <dir>]

Serves the release's online job aids under the path of job_aid_url and the statement relay at the
path of job_aids.relay_url. The relay checks each statement against the release (verbs Tandem
emits, this release's activities, the objective in the parent context), writes it to an fsynced
journal before answering, then forwards it to the LRS in order. Without an LRS the journal is the
store. Prints 'listening on http://HOST:PORT' when ready; SIGTERM stops it cleanly.

Options
  --release <dir>    Output folder of 'tandem build' (its manifest.json and job-aids/)
  -p, --port <n>     Port (default: serve.port, else 8080; 0 picks a free one)
  --host <h>         Address to listen on (default: serve.host, else 127.0.0.1)
  --journal <dir>    Journal folder (default: serve.journal, else <release>/journal)
  -h, --help         Show this help

Environment (or serve.environment_file, a KEY=VALUE file outside the course folder)
  TANDEM_LRS_ENDPOINT  The LRS's xAPI base URL, ending in '/'
  TANDEM_LRS_AUTH      The full Authorization header value for the LRS (e.g. 'Basic …')
  TANDEM_SERVE_SECRET  Secret for hashing serve.identity_header identities (16+ characters)

Endpoints
  POST <relay path>  One statement or an array of at most 50 (8 KB each, 64 KB a body)
  GET  /healthz      200 when ready
  GET  /metrics      Prometheus metrics

Exit codes
  0  stopped by SIGTERM/SIGINT   2  usage, settings or environment error (nothing served)
`;

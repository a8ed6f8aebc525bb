import path from 'node:path';
import { formatDiagnostics, type Diagnostic, type Severity } from '../../diagnostics/index.js';
import { ENVIRONMENT_CODES } from '../../diagnostics/catalogue.js';
import { runReport } from '../../report/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CommandIO } from '../io.js';
import { exitCodeFor, parseFormat } from './exitCode.js';

export const reportCommand: Command = {
  name: 'report',
  synopsis: '<course-dir> --statements … --out <dir>',
  summary: 'Write the KPI report per objective from statements and ops data',
  options: {
    statements: { type: 'string', multiple: true },
    ops: { type: 'string', multiple: true },
    lrs: { type: 'string' },
    lms: { type: 'string', multiple: true },
    'lrs-cache': { type: 'string' },
    out: { type: 'string', short: 'o' },
    since: { type: 'string' },
    until: { type: 'string' },
    window: { type: 'string' },
    'min-learners': { type: 'string' },
    'pilot-team': { type: 'string' },
    pdf: { type: 'boolean' },
    parquet: { type: 'string' },
    release: { type: 'string', multiple: true },
    schedule: { type: 'string', multiple: true },
    threads: { type: 'string' },
    browser: { type: 'string' },
    'pilot-start': { type: 'string' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'no-color': { type: 'boolean' },
  },
  help: () => REPORT_HELP,
  run: runReportCommand,
};

const REPORT_HELP = `Usage
  tandem report <course-dir> --statements <file-or-dir>… --out <dir> [options]

Reads xAPI statements (NDJSON, plain or gzip: LRS exports, the tandem serve journal) in one
streaming pass, joins them to the course by objective, and writes the KPI stack per objective
for the period and its windows: learning (learners, completed, passed, first-attempt pass rate…),
items (difficulty, discrimination, options chosen) and execution (job-aid views, stale scans).
Duplicates (same statement id) are counted once; voided statements are left out.

Writes <out>/report.json (schema: schemas/report.schema.json), report.html (self-contained,
charts with their tables), kpi.csv and items.csv.

Options
  --statements <path>  NDJSON file or folder of them, repeatable; paths after the course folder
                       are read as statements too
  --lrs <endpoint>     Also fetch statements from this LRS (xAPI GET /statements per objective,
                       following 'more', waiting out 429 Retry-After); credentials from
                       TANDEM_LRS_AUTH (the Authorization header value). Only statements stored
                       since the last run are fetched; they are kept in --lrs-cache with the
                       finished pass, so a rerun over the same period parses only the new ones
  --lrs-cache <dir>    Fetched statements and the cursor (default: <out>/lrs-cache)
  --lms <unit>=<csv>   SCORM results exported by an LMS for one unit (Moodle's SCORM basic or
                       interactions report as CSV), repeatable
  --ops <csv>          Operations data (date, objective_id or unit_id, team, metric, value, n),
                       repeatable; each metric gets baseline, current, change, n and a 95% CI
  --release <path>     Release manifests (a build's manifest.json, its output folder, or a folder
                       of archived ones), repeatable: which unit version was live when. Printed
                       scans are judged against the version live at the scan; each window says
                       its unitVersion
  --schedule <json>    schedule.json of tandem reinforce, repeatable: each objective with
                       reinforcement reports as nudgesSent the nudges due in the period (and
                       before now); without it nudgesSent is null
  -o, --out <dir>      Output folder (required)
  --since <date>       First day of the period, YYYY-MM-DD, UTC, inclusive (default: open)
  --until <date>       Last day, YYYY-MM-DD, UTC, inclusive (default: today)
  --window <days>      Window length (default 14: the last 14 days and the 14 before)
  --min-learners <n>   Below this many learners an objective gets INSUFFICIENT_DATA instead of
                       weak-unit flags (default 20)
  --pilot-team <team>  With --pilot-start: a difference-in-differences estimate per ops metric,
  --pilot-start <date> the pilot team (ops CSV 'team') against the rest, before and after the date
  --pdf                Also print report.pdf (headless Chrome/Chromium)
  --parquet <dir>      Also write the counted statements and ops rows as Hive-partitioned Parquet
                       (by objective_id and event_date) with views.sql, the KPI definitions as SQL
                       views for DuckDB, BigQuery, Snowflake or Databricks; needs @duckdb/node-api
                       installed beside Tandem (npm install @duckdb/node-api)
  --browser <path>     The browser for --pdf (else TANDEM_BROWSER, CHROME_PATH, the usual paths)
  --threads <n>        Threads that parse statement files (default: one per core, up to 4, for
                       8 MiB of statements or more); 1 parses on the main thread
  --format <f>         Diagnostics and flags as human (default), json or github
  --fail-on <level>    Exit 1 when a diagnostic or flag reaches error (default), warning or info;
                       never: exit 0 whenever the report was written
  --no-color           Plain text output
  -h, --help           Show this help

Exit codes
  0  report written, nothing reached --fail-on
  1  report written, a diagnostic or flag reached --fail-on
  2  usage or environment error (no course, a missing statements path, a bad date)

Examples
  tandem report . --statements exports/lrs-2026-11.ndjson.gz --out report/2026-11-28
  tandem report courses/frontline --statements /var/lib/tandem/journal --since 2026-10-01 --until 2026-11-28 --out out/report --fail-on warning --format github
`;

const FAIL_LEVELS = ['error', 'warning', 'info', 'never'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function runReportCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem report: ${message}\nRun 'tandem help report' for usage.\n`);
    return EXIT_USAGE;
  };
  const format = parseFormat(args.values.format);
  if (!format) return fail(`--format must be human, json or github, not '${String(args.values.format)}'.`);
  const failOn = (args.values['fail-on'] ?? 'error') as FailLevel;
  if (!FAIL_LEVELS.includes(failOn)) return fail(`--fail-on must be error, warning, info or never, not '${failOn}'.`);
  if (args.positionals.length < 1) return fail('expected the course folder.');
  // The synopsis, `tandem report <course> [sources…]`: paths after the course folder are
  // statement sources too, so `--statements a b` (the shell's view of `--statements <path>…`) works.
  const statements = [...((args.values.statements as string[] | undefined) ?? []), ...args.positionals.slice(1)];
  const lrs = args.values.lrs as string | undefined;
  const lms: { unitId: string; file: string }[] = [];
  for (const value of (args.values.lms as string[] | undefined) ?? []) {
    const at = value.indexOf('=');
    if (at < 1 || at === value.length - 1) return fail(`--lms takes <unit-id>=<export.csv>, not '${value}'.`);
    lms.push({ unitId: value.slice(0, at), file: path.resolve(io.cwd, value.slice(at + 1)) });
  }
  if (!statements.length && !lrs && !lms.length) return fail('--statements, --lrs or --lms is required (NDJSON statements, an LRS endpoint, or an LMS export).');
  if (lrs !== undefined && !/^https?:\/\//.test(lrs)) return fail(`--lrs must be an http(s) URL, not '${lrs}'.`);
  const out = args.values.out as string | undefined;
  if (!out) return fail('--out is required.');
  const since = args.values.since as string | undefined;
  const until = (args.values.until as string | undefined) ?? new Date().toISOString().slice(0, 10);
  const pilotTeam = args.values['pilot-team'] as string | undefined;
  const pilotStart = args.values['pilot-start'] as string | undefined;
  if ((pilotTeam === undefined) !== (pilotStart === undefined)) return fail('--pilot-team and --pilot-start go together.');
  for (const [name, value] of [['--since', since], ['--until', until], ['--pilot-start', pilotStart]] as const) {
    if (value !== undefined && (!DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)) {
      return fail(`${name} must be a date as YYYY-MM-DD, not '${value}'.`);
    }
  }
  if (since !== undefined && since > until) return fail(`--since ${since} is after --until ${until}.`);
  const windowText = (args.values.window as string | undefined) ?? '14';
  const windowDays = Number(windowText);
  if (!Number.isInteger(windowDays) || windowDays < 1) return fail(`--window must be a whole number of days, not '${windowText}'.`);

  const minText = (args.values['min-learners'] as string | undefined) ?? '20';
  const minLearners = Number(minText);
  if (!Number.isInteger(minLearners) || minLearners < 1) return fail(`--min-learners must be a whole number above 0, not '${minText}'.`);

  const threadsText = args.values.threads as string | undefined;
  const threads = threadsText === undefined ? undefined : Number(threadsText);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) return fail(`--threads must be a whole number from 1 to 64, not '${threadsText}'.`);

  const result = await runReport({
    courseDir: path.resolve(io.cwd, args.positionals[0]!),
    statements: statements.map((s) => path.resolve(io.cwd, s)),
    lrs,
    lms,
    lrsAuth: io.env.TANDEM_LRS_AUTH || undefined,
    lrsCacheDir: args.values['lrs-cache'] ? path.resolve(io.cwd, args.values['lrs-cache'] as string) : undefined,
    releases: ((args.values.release as string[] | undefined) ?? []).map((s) => path.resolve(io.cwd, s)),
    ops: ((args.values.ops as string[] | undefined) ?? []).map((s) => path.resolve(io.cwd, s)),
    schedules: ((args.values.schedule as string[] | undefined) ?? []).map((s) => path.resolve(io.cwd, s)),
    outDir: path.resolve(io.cwd, out),
    since,
    until,
    windowDays,
    thresholds: { minLearners },
    ...(threads !== undefined ? { threads } : {}),
    ...(args.values.parquet ? { parquetDir: path.resolve(io.cwd, args.values.parquet as string) } : {}),
    ...(args.values.pdf ? { pdf: { browser: args.values.browser as string | undefined, env: io.env } } : {}),
    ...(pilotTeam && pilotStart ? { pilot: { team: pilotTeam, start: pilotStart } } : {}),
  });
  io.out(formatDiagnostics(result.diagnostics, format, { cwd: io.cwd, sources: result.sources, color: io.color }));
  if (!result.report) return exitCodeFor(result.diagnostics, false) || EXIT_USAGE;
  if (format === 'human') {
    const objectives = result.report.objectives.length;
    io.err(`Wrote ${result.files.map((f) => path.relative(io.cwd, f)).join(', ')} (${objectives} objective${objectives === 1 ? '' : 's'}, ${result.report.inputs.statementLines} statement lines).\n`);
  }
  if (result.diagnostics.some((d) => ENVIRONMENT_CODES.has(d.code))) return EXIT_USAGE;
  return reachesFailOn(result.diagnostics, failOn) ? EXIT_PROBLEMS : EXIT_OK;
}

function reachesFailOn(diagnostics: readonly Diagnostic[], failOn: FailLevel): boolean {
  if (failOn === 'never') return false;
  return diagnostics.some((d) => RANK[d.severity] >= RANK[failOn]);
}

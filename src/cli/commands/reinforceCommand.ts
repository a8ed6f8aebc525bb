import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/index.js';
import { runReinforce } from '../../reinforce/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_USAGE, type CommandIO } from '../io.js';
import { exitCodeFor, parseFormat } from './exitCode.js';

export const reinforceCommand: Command = {
  name: 'reinforce',
  synopsis: '<course-dir> --statements … [--roster <csv>] --out <dir>',
  summary: 'Schedule nanolearning nudges after completions (schedule.json, .csv, .ics)',
  options: {
    statements: { type: 'string', multiple: true },
    roster: { type: 'string' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    'no-color': { type: 'boolean' },
  },
  help: () => REINFORCE_HELP,
  run: runReinforceCommand,
};

const REINFORCE_HELP = `Usage
  tandem reinforce <course-dir> --statements <file-or-dir>… [--roster <csv>] --out <dir>

Reads completions (completed/passed) of units with reinforcement, and nudge answers, from xAPI
statements (NDJSON, plain or gzip: LRS exports, the tandem serve journal), and schedules the
nudges: the first after_days after completion, then at expanding gaps (about 2.5x), at most 4,
stopping after two correct answers; due at reinforcement.hour local time in the learner's time
zone (roster, else reinforcement.time_zone), moved to Monday when skip_weekends is set. A completed
and a passed of one attempt start one series. The same inputs give the same files, byte for byte.

Writes <out>/schedule.json (learner, unitId, objectiveId, sequence, due, …; sorted by due, learner,
unit), schedule.csv and calendars/<learner>.ics (one event per nudge, at the nudge time).

Options
  --statements <path>  NDJSON file or folder of them, repeatable; paths after the course folder
                       are read as statements too
  --roster <csv>       learner,email,team,timezone (learner: the actor's IFI, e.g.
                       mailto:ana@example.com; timezone: an IANA name such as Europe/Berlin)
  -o, --out <dir>      Output folder (required)
  --format <f>         Diagnostics as human (default), json or github
  --no-color           Plain text output
  -h, --help           Show this help

Exit codes
  0  schedule written
  1  schedule written, with errors in the inputs (e.g. a roster row left out)
  2  usage or environment error (no course, a missing statements path)

Example
  tandem reinforce . --statements /var/lib/tandem/journal --roster people.csv --out out/nudges
`;

async function runReinforceCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem reinforce: ${message}\nRun 'tandem help reinforce' for usage.\n`);
    return EXIT_USAGE;
  };
  const format = parseFormat(args.values.format);
  if (!format) return fail(`--format must be human, json or github, not '${String(args.values.format)}'.`);
  if (args.positionals.length < 1) return fail('expected the course folder.');
  const statements = [...((args.values.statements as string[] | undefined) ?? []), ...args.positionals.slice(1)];
  if (!statements.length) return fail('--statements is required (NDJSON statements: an LRS export or the tandem serve journal).');
  const out = args.values.out as string | undefined;
  if (!out) return fail('--out is required.');
  const roster = args.values.roster as string | undefined;
  const result = await runReinforce({
    courseDir: path.resolve(io.cwd, args.positionals[0]!),
    statements: statements.map((s) => path.resolve(io.cwd, s)),
    ...(roster ? { roster: path.resolve(io.cwd, roster) } : {}),
    out: path.resolve(io.cwd, out),
  });
  io.out(formatDiagnostics(result.diagnostics, format, { cwd: io.cwd, color: io.color }));
  if (result.files.length && format === 'human') {
    const learners = new Set(result.nudges.map((n) => n.learner)).size;
    io.err(`Scheduled ${result.nudges.length} nudge(s) for ${learners} learner(s) from ${result.completions} completion statement(s) into ${path.relative(io.cwd, path.resolve(io.cwd, out)) || '.'}.\n`);
  }
  if (!result.files.length) return exitCodeFor(result.diagnostics, false) || EXIT_USAGE;
  return exitCodeFor(result.diagnostics, false);
}

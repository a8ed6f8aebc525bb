import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { runIntake } from '../../intake/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_USAGE, type CommandIO } from '../io.js';
import { exitCodeFor, parseFormat } from './exitCode.js';

export const intakeCommand: Command = {
  name: 'intake',
  synopsis: '<requests.csv|issues.json>',
  summary: 'Validate and rank training requests into a backlog',
  options: { out: { type: 'string', short: 'o' }, top: { type: 'string' }, format: { type: 'string' }, 'no-color': { type: 'boolean' } },
  help: () => INTAKE_HELP,
  run: runIntakeCommand,
};

const INTAKE_HELP = `Usage
  tandem intake <requests.csv|issues.json> [--out <dir>] [--top N]

Reads training requests, from a CSV with the header
  id,title,source,workflow,impact,frequency,risk,severity,metric,baseline,requester,sme,date,training_is_fix
or from GitHub issue forms (gh issue list --label training-request --json number,title,body,labels,createdAt,author),
checks every request (file:line:column for each problem) and ranks the valid ones by
impact × frequency; ties go to the higher risk severity, then the older request, then the id.
Requests with training_is_fix = no are marked "job aid only": the gap is not knowledge.

Writes <out>/backlog.json, backlog.csv, backlog.md and backlog.html.

Options
  -o, --out <dir>   Where the backlog goes (default: backlog)
  --top <N>         Keep only the first N requests (week 1 of a rollout: --top 2)
  --format <f>      Diagnostics as human (default), json or github
  --no-color        Plain text output
  -h, --help        Show this help

Exit codes
  0  every request valid   1  some requests invalid (the valid ones are still ranked)   2  usage error
`;

async function runIntakeCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem intake: ${message}\nRun 'tandem help intake' for usage.\n`);
    return EXIT_USAGE;
  };
  const format = parseFormat(args.values.format);
  if (!format) return fail(`--format must be human, json or github, not '${String(args.values.format)}'.`);
  if (args.positionals.length !== 1) return fail('give exactly one requests file (.csv or .json).');
  const topText = args.values.top as string | undefined;
  const top = topText === undefined ? undefined : Number(topText);
  if (top !== undefined && !(Number.isInteger(top) && top >= 1)) return fail(`--top must be a whole number from 1 on, not '${topText}'.`);
  const file = path.resolve(io.cwd, args.positionals[0]!);
  const outDir = path.resolve(io.cwd, (args.values.out as string | undefined) ?? 'backlog');
  const result = runIntake(file, { top });
  const code = exitCodeFor(result.diagnostics, false);
  io.out(formatDiagnostics(result.diagnostics, format, { cwd: io.cwd, sources: result.sources, color: io.color }));
  if (code === EXIT_USAGE) return code;
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of result.files) await writeFile(path.join(outDir, name), content);
  if (format === 'human') {
    const shown = result.entries.slice(0, 10).map((e) => `  ${String(e.rank).padStart(3)}. ${e.id}  score ${e.score}  ${e.title}${e.jobAidOnly ? '  (job aid only)' : ''}\n`);
    const rel = path.relative(io.cwd, outDir) || '.';
    io.err(`Ranked ${result.entries.length} of ${result.valid} valid request(s) into ${rel}/backlog.{json,csv,md,html}.\n${shown.join('')}`);
  }
  return code;
}

import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { approveUnit, SIGNOFF_ROLES } from '../../release/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CommandIO } from '../io.js';

export const approveCommand: Command = {
  name: 'approve',
  synopsis: '<course-dir> <unit-id> --role <role> --by <name>',
  summary: "Record one role's sign-off of a unit's current content",
  options: { role: { type: 'string' }, by: { type: 'string' }, note: { type: 'string' }, date: { type: 'string' }, 'no-color': { type: 'boolean' } },
  help: () => APPROVE_HELP,
  run: runApprove,
};

const APPROVE_HELP = `Usage
  tandem approve <course-dir> <unit-id> --role sme|ops_manager|ld_lead|analyst --by <name> [--note <text>]

Records that <name> approved, for <role>, the unit's content as it is now, in
approvals/<unit-id>.yaml (role, person, the hash of the role's slice, unit version, date).
Commit that file: the approval is reviewable in git. Editing what the role owns later makes the
approval stale, and 'tandem check --release' / 'tandem build --release' refuse the unit until the
role approves again. Each role owns a slice:
  sme          lesson screens, questions, job-aid steps
  ops_manager  the job aid, and its escalation
  ld_lead      objective, risk, lesson structure, the whole lesson
  analyst      metric, baseline, target, reinforcement

Options
  --role <role>   Which role approves
  --by <name>     Who approves (recorded as written)
  --note <text>   Why, or what was checked
  --date <day>    The day to record, YYYY-MM-DD (default: today, UTC)
  -h, --help      Show this help

Exit codes
  0  recorded   1  the unit has errors (nothing recorded)   2  usage error
`;

async function runApprove(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem approve: ${message}\nRun 'tandem help approve' for usage.\n`);
    return EXIT_USAGE;
  };
  if (args.positionals.length !== 2) return fail('give the course folder and the unit id, e.g. `tandem approve . refund-approval --role sme --by "Priya Nair"`.');
  const role = args.values.role as string | undefined;
  if (!role || !(SIGNOFF_ROLES as readonly string[]).includes(role)) return fail(`--role must be one of ${SIGNOFF_ROLES.join(', ')}${role ? `, not '${role}'` : ''}.`);
  const by = ((args.values.by as string | undefined) ?? '').trim();
  if (!by) return fail('--by <name> is required: who approves.');
  const date = (args.values.date as string | undefined) ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return fail(`--date must be a day written YYYY-MM-DD, not '${date}'.`);
  const [courseArg, unitId] = args.positionals as [string, string];
  const result = await approveUnit(path.resolve(io.cwd, courseArg), unitId, role as (typeof SIGNOFF_ROLES)[number], by, { note: args.values.note as string | undefined, date });
  if (!result.ok) {
    if (result.diagnostics?.length) io.out(formatDiagnostics(result.diagnostics, 'human', { cwd: io.cwd, sources: result.sources, color: io.color }));
    io.err(`tandem approve: ${result.reason}.\n`);
    return result.diagnostics?.length ? EXIT_PROBLEMS : EXIT_USAGE;
  }
  const was = result.previous ? (result.previous.hash === result.slice.hash ? ' (unchanged since the last approval)' : ` (replaces ${result.previous.by}'s approval of ${result.previous.date})`) : '';
  io.out(`Recorded: ${by} approves ${unitId} ${result.version} as ${role}, slice ${result.slice.hash.slice(0, 12)}${was}, in ${path.relative(io.cwd, result.file) || result.file}.\n`);
  return EXIT_OK;
}

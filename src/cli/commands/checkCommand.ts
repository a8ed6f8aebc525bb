import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { check } from '../../course/check.js';
import { checkThemeFiles } from '../../compile/index.js';
import { verifyApprovals } from '../../release/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_USAGE, type CommandIO } from '../io.js';
import { exitCodeFor, parseFormat, reportRoot } from './exitCode.js';

export const checkCommand: Command = {
  name: 'check',
  synopsis: '[course-dir]',
  summary: 'Check a course against the unit contract and the workflow rules',
  options: { format: { type: 'string' }, strict: { type: 'boolean' }, release: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
  help: () => CHECK_HELP,
  run: runCheck,
};

const CHECK_HELP = `Usage
  tandem check [course-dir] [options]

Loads every unit and learning path of the course (default: the current folder) and reports
problems with file, line, column and a code. One broken unit never hides the others.

Options
  --format <f>   human (default, with code frames), json, or github (workflow annotations)
  --strict       Exit 1 on warnings too
  --release      Also check sign-off: every unit needs a current approval from each role
                 signoff.required names (default: sme, ops_manager, ld_lead, analyst);
                 APPROVAL_MISSING / APPROVAL_STALE name the unit, the role and what changed
  --no-color     Plain text output (also: NO_COLOR=1)
  -h, --help     Show this help

Exit codes
  0  no errors (and no warnings with --strict)
  1  errors found (or warnings, with --strict)
  2  usage or environment error (no course here, unknown option)

Examples
  tandem check
  tandem check courses/frontline --format github --strict
  tandem check courses/frontline --release
`;

async function runCheck(args: ParsedArgs, io: CommandIO): Promise<number> {
  const format = parseFormat(args.values.format);
  if (!format) {
    io.err(`tandem check: --format must be human, json or github, not '${String(args.values.format)}'.\n`);
    return EXIT_USAGE;
  }
  if (args.positionals.length > 1) {
    io.err(`tandem check: expected at most one course folder, got ${args.positionals.length}.\n`);
    return EXIT_USAGE;
  }
  const started = performance.now();
  const courseDir = path.resolve(io.cwd, args.positionals[0] ?? '.');
  const result = await check(courseDir);
  // The theme goes into every package: a theme file the build would refuse is reported here too.
  const diagnostics = [...result.diagnostics, ...(result.course ? checkThemeFiles(result.course) : [])];
  if (args.values.release && result.course) {
    const signoff = verifyApprovals(result.course);
    diagnostics.push(...signoff.diagnostics);
    for (const [file, text] of signoff.sources) result.sources.set(file, text);
  }
  const report = formatDiagnostics(diagnostics, format, { cwd: await reportRoot(format, courseDir, io.cwd), sources: result.sources, color: io.color });
  io.out(report);
  if (format === 'human' && result.course) {
    const units = result.course.units.length;
    io.err(`Checked ${units} unit${units === 1 ? '' : 's'} and ${result.course.paths.length} path(s) in ${Math.round(performance.now() - started)} ms.\n`);
  }
  return exitCodeFor(diagnostics, args.values.strict === true);
}

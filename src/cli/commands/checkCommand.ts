import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { check } from '../../course/check.js';
import { checkThemeFiles } from '../../compile/theme/themeHash.js';
import type { Parsed } from '../run.js';
import { EXIT_USAGE, type CommandIO } from '../io.js';
import { exitCodeFor, parseFormat } from './exitCode.js';

export async function runCheck(args: Parsed, io: CommandIO): Promise<number> {
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
  const result = await check(path.resolve(io.cwd, args.positionals[0] ?? '.'));
  // The theme goes into every package: a theme file the build would refuse is reported here too.
  const diagnostics = [...result.diagnostics, ...(result.course ? checkThemeFiles(result.course) : [])];
  const report = formatDiagnostics(diagnostics, format, { cwd: io.cwd, sources: result.sources, color: io.color });
  io.out(report);
  if (format === 'human' && result.course) {
    const units = result.course.units.length;
    io.err(`Checked ${units} unit${units === 1 ? '' : 's'} and ${result.course.paths.length} path(s) in ${Math.round(performance.now() - started)} ms.\n`);
  }
  return exitCodeFor(diagnostics, args.values.strict === true);
}

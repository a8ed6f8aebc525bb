import path from 'node:path';
import { scaffoldCourse } from '../../init/scaffoldCourse.js';
import type { Parsed } from '../run.js';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io.js';

export async function runInit(args: Parsed, io: CommandIO): Promise<number> {
  const dir = args.positionals[0];
  if (!dir || args.positionals.length > 1) {
    io.err(`tandem init: give exactly one folder to create the course in, e.g. 'tandem init my-course'.\n`);
    return EXIT_USAGE;
  }
  const result = await scaffoldCourse(path.resolve(io.cwd, dir), { id: args.values.id as string | undefined, title: args.values.title as string | undefined });
  if (!result.ok) {
    io.err(`tandem init: ${result.reason}.\n`);
    return EXIT_USAGE;
  }
  io.out(`Created a course in ${dir}:\n${result.files.map((f) => `  ${f}\n`).join('')}\nNext:\n  tandem check ${dir}\n  replace the owner names in units/first-unit/unit.yaml and the example.com addresses in tandem.config.yaml\n  (check warns about them with PLACEHOLDER_LEFT, and fails under --strict), then add units of your own.\n`);
  return EXIT_OK;
}

import path from 'node:path';
import { scaffoldCourse } from '../../init/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io.js';

export const initCommand: Command = {
  name: 'init',
  synopsis: '<dir>',
  summary: 'Create a new course with one valid unit to start from',
  options: { id: { type: 'string' }, title: { type: 'string' } },
  help: () => INIT_HELP,
  run: runInit,
};

const INIT_HELP = `Usage
  tandem init <dir> [--id <course-id>] [--title <title>]

Creates a course folder with tandem.config.yaml, one complete unit (unit.yaml, lesson.md,
job-aid.md) and one learning path, which 'tandem check' accepts as it is. Refuses to write into
a folder that already holds a course.

Options
  --id <id>        Course id (default: derived from the folder name)
  --title <text>   Course title
  -h, --help       Show this help
`;

async function runInit(args: ParsedArgs, io: CommandIO): Promise<number> {
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

/** The main help: generated from the command list, so a new command cannot be left out of it. */
import type { Command } from './command.js';

export function mainHelp(commands: readonly Command[]): string {
  const usage = [...commands.map((c) => `${c.name} ${c.synopsis}`), 'help [command]'];
  const width = Math.max(...usage.map((u) => u.length)) + 2;
  const rows = commands.map((c, i) => `  ${usage[i]!.padEnd(width)}${c.summary}`);
  return `tandem — compile microlessons and job aids into SCORM, xAPI/cmi5 and printable job aids,
all tied to one learning objective.

Usage
  tandem <command> [options]

Commands
${rows.join('\n')}
  ${'help [command]'.padEnd(width)}Show help for a command

Options
  -h, --help            Show help
  -v, --version         Show the version

Run 'tandem help <command>' for the options of a command.
Docs: README.md and docs/format.md in the Tandem repository.
`;
}

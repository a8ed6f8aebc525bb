/**
 * The command-line front end: parses argv, dispatches to a command, returns the exit code.
 * It writes only through the CommandIO it is given, so tests run it without a process.
 */
import { parseArgs } from 'node:util';
import { toolVersion } from '../release/toolFingerprint.js';
import type { ParsedArgs } from './command.js';
import { findCommand, loadCommands } from './commands/index.js';
import { mainHelp } from './help.js';
import { EXIT_USAGE, type CommandIO } from './io.js';

export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.out(mainHelp(await loadCommands()));
    return first === undefined ? EXIT_USAGE : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(`${toolVersion()}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0] ? await findCommand(rest[0]) : undefined;
    io.out(topic ? topic.help() : mainHelp(await loadCommands()));
    return 0;
  }
  const command = await findCommand(first);
  if (!command) {
    io.err(`tandem: unknown command '${first}'. Run 'tandem --help' for the list of commands.\n`);
    return EXIT_USAGE;
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`tandem ${first}: ${(error as Error).message}\nRun 'tandem help ${first}' for usage.\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(command.help());
    return 0;
  }
  if (parsed.values['no-color']) io.color = false;
  return command.run(parsed, io);
}

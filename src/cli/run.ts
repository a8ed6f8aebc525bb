/**
 * The command-line front end: parses argv, dispatches to a command, returns the exit code.
 * It writes only through the CommandIO it is given, so tests run it without a process.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runBuild } from './commands/buildCommand.js';
import { runCheck } from './commands/checkCommand.js';
import { runInit } from './commands/initCommand.js';
import { runMergeManifests } from './commands/mergeManifestsCommand.js';
import { runServe } from './commands/serveCommand.js';
import { buildHelp, CHECK_HELP, INIT_HELP, MAIN_HELP, MERGE_HELP, SERVE_HELP } from './help.js';
import { toolVersion } from '../release/toolFingerprint.js';
import { EXIT_USAGE, type CommandIO } from './io.js';

const COMMANDS: Record<string, { help: () => string; options: ParseArgsConfig['options']; run: (args: Parsed, io: CommandIO) => Promise<number> }> = {
  check: {
    help: () => CHECK_HELP,
    options: { format: { type: 'string' }, strict: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
    run: runCheck,
  },
  build: {
    help: buildHelp,
    options: {
      out: { type: 'string', short: 'o' },
      target: { type: 'string', short: 't', multiple: true },
      format: { type: 'string' },
      strict: { type: 'boolean' },
      quiet: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      browser: { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      'fail-fast': { type: 'boolean' },
      'changed-since': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'cache-dir': { type: 'string' },
    },
    run: runBuild,
  },
  'merge-manifests': { help: () => MERGE_HELP, options: { out: { type: 'string', short: 'o' } }, run: runMergeManifests },
  init: { help: () => INIT_HELP, options: { id: { type: 'string' }, title: { type: 'string' } }, run: runInit },
  serve: {
    help: () => SERVE_HELP,
    options: { release: { type: 'string' }, port: { type: 'string', short: 'p' }, host: { type: 'string' }, journal: { type: 'string' }, 'no-color': { type: 'boolean' } },
    run: runServe,
  },
};

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.out(MAIN_HELP);
    return first === undefined ? EXIT_USAGE : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(`${toolVersion()}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0] ? COMMANDS[rest[0]] : undefined;
    io.out(topic ? topic.help() : MAIN_HELP);
    return 0;
  }
  const command = COMMANDS[first];
  if (!command) {
    io.err(`tandem: unknown command '${first}'. Run 'tandem --help' for the list of commands.\n`);
    return EXIT_USAGE;
  }
  let parsed: Parsed;
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

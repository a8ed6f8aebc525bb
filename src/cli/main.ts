#!/usr/bin/env node
/**
 * The only module that touches the process: argv in, text out, exit code. Everything else is a
 * library function that returns data.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runBuild } from './commands/buildCommand.js';
import { runCheck } from './commands/checkCommand.js';
import { runInit } from './commands/initCommand.js';
import { buildHelp, CHECK_HELP, INIT_HELP, MAIN_HELP } from './help.js';
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
    },
    run: runBuild,
  },
  init: { help: () => INIT_HELP, options: { id: { type: 'string' }, title: { type: 'string' } }, run: runInit },
};

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

async function main(argv: string[]): Promise<number> {
  const io: CommandIO = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    isTTY: process.stderr.isTTY === true,
    env: process.env,
  };
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.out(MAIN_HELP);
    return first === undefined ? EXIT_USAGE : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(`${version()}\n`);
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

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only bugs and broken environments get here; say so with the cause, and exit 2.
    process.stderr.write(`tandem: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);

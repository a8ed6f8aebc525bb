/**
 * A command as data: what `tandem --help` lists, what parseArgs accepts, the help text and the
 * function that runs it. Commands are listed once, in commands/index.ts, like targets are in
 * compile's registry; run.ts and the main help read that list and nothing else.
 */
import type { ParseArgsConfig } from 'node:util';
import type { CommandIO } from './io.js';

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** As typed after `tandem`, e.g. `build`. */
  name: string;
  /** How the main help shows the arguments, e.g. `[course-dir]`. */
  synopsis: string;
  /** One line for the main help. */
  summary: string;
  /** Options for node:util parseArgs (`--help` is added for every command). */
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * For a server: SIGINT/SIGTERM/SIGHUP are its normal way to end. It gets `graceMs` to drain after
   * `io.signal` aborts, and its own exit code stands (other commands exit 128 + the signal number).
   */
  service?: { graceMs: number };
  /** The command's own help text (a function, so it can list what this version registers). */
  help(): string;
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

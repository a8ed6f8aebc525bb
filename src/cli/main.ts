#!/usr/bin/env node
/**
 * The only module that touches the process: argv in, text out, exit code. Everything else,
 * runCli included, takes what it needs as arguments.
 */
import { runCli } from './run.js';
import { EXIT_USAGE } from './io.js';

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  isTTY: process.stderr.isTTY === true,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only bugs and broken environments get here; say so with the cause, and exit 2.
    process.stderr.write(`tandem: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);

#!/usr/bin/env node
/**
 * The only module that touches the process: argv in, text out, exit code, signals. Everything
 * else, runCli included, takes what it needs as arguments.
 *
 * The exit code starts as a failure and becomes the command's code only when the command has
 * finished, so a run that ends any other way (a promise that never settles once the event loop is
 * empty) can never look like a success. SIGINT, SIGTERM and SIGHUP stop the command (a build
 * closes its browser and writes no manifest) and exit 128 + the signal's number, as shells expect;
 * for a server (`tandem serve`) a signal is the normal end: it drains and its own code stands.
 */
import os from 'node:os';
import { findCommand } from './commands/index.js';
import { runCli } from './run.js';
import { EXIT_USAGE } from './io.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long a stopping command may take to close its browser before the process exits anyway. */
const STOP_GRACE_MS = 5000;

process.exitCode = EXIT_USAGE;
let finished = false;
let stoppedBy: NodeJS.Signals | undefined;
const stop = new AbortController();
// Only the command being run is loaded (commands/index.ts); a signal before this point ends the process as usual.
const service = (await findCommand(process.argv[2] ?? ''))?.service;

const signalExitCode = (signal: NodeJS.Signals) => 128 + (os.constants.signals[signal] ?? 0);
for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    if (stoppedBy) {
      // A second signal: the user means it. Puppeteer's exit hook still kills the browser's process group.
      process.exit(signalExitCode(stoppedBy));
    }
    stoppedBy = signal;
    if (!service) process.exitCode = signalExitCode(signal);
    stop.abort(signal);
    setTimeout(() => process.exit(signalExitCode(signal)), service?.graceMs ?? STOP_GRACE_MS).unref();
  });
}

process.on('exit', () => {
  if (!finished && !stoppedBy) process.stderr.write('tandem: stopped before the command finished (this is a bug in Tandem; please report it).\n');
});

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  isTTY: process.stderr.isTTY === true,
  env: process.env,
  signal: stop.signal,
}).then(
  (code) => {
    finished = true;
    process.exitCode = stoppedBy && !service ? signalExitCode(stoppedBy) : code;
  },
  (error: unknown) => {
    finished = true;
    // Only bugs and broken environments get here; say so with the cause, and exit 2.
    process.stderr.write(`tandem: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = stoppedBy ? signalExitCode(stoppedBy) : EXIT_USAGE;
  },
);

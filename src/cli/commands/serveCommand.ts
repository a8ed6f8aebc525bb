/**
 * `tandem serve <course-dir> --release <build-out-dir>`: runs the job-aid server and statement
 * relay until SIGTERM or SIGINT, then stops accepting, drains, and exits 0 (within 15 s).
 * This module owns the process side (signals, the log stream); src/serve owns the server.
 */
import path from 'node:path';
import { loadConfig } from '../../course/config/loadConfig.js';
import { diagnose, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io.js';

/** The contract: exit within 15 s of SIGTERM; forwarding stops a little before, to leave time to close. */
const SHUTDOWN_BUDGET_MS = 15_000;
const FORWARD_BUDGET_MS = 10_000;

export const serveCommand: Command = {
  name: 'serve',
  synopsis: '[course-dir]',
  summary: 'Serve the online job aids and relay their statements to an LRS',
  options: { release: { type: 'string' }, port: { type: 'string', short: 'p' }, host: { type: 'string' }, journal: { type: 'string' }, schedule: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'no-color': { type: 'boolean' } },
  service: { graceMs: SHUTDOWN_BUDGET_MS },
  help: () => SERVE_HELP,
  run: runServe,
};

const SERVE_HELP = `Usage
  tandem serve <course-dir> --release <build-out-dir> [--port N] [--host H] [--journal <dir>]
               [--schedule <schedule.json> [--dry-run]]

Serves the release's online job aids under the path of job_aid_url and the statement relay at the
path of job_aids.relay_url. The relay checks each statement against the release (verbs Tandem
emits, this release's activities, the objective in the parent context), writes it to an fsynced
journal before answering, then forwards it to the LRS in order. Without an LRS the journal is the
store. Prints 'listening on http://HOST:PORT' when ready; SIGTERM stops it cleanly.
With --schedule it also sends the due nudges of a 'tandem reinforce' schedule through the
channels of reinforcement.delivery (email, Slack, Teams), each once, journaled in
reinforcement.delivery.journal (default <release>/deliveries).

Options
  --release <dir>    Output folder of 'tandem build' (its manifest.json and job-aids/)
  -p, --port <n>     Port (default: serve.port, else 8080; 0 picks a free one)
  --host <h>         Address to listen on (default: serve.host, else 127.0.0.1)
  --journal <dir>    Journal folder (default: serve.journal, else <release>/journal)
  --schedule <file>  schedule.json of 'tandem reinforce': send its nudges when due (re-read when it changes)
  --dry-run          With --schedule: print each message that would be sent, send nothing
  -h, --help         Show this help

Environment (or serve.environment_file, a KEY=VALUE file outside the course folder)
  TANDEM_LRS_ENDPOINT  The LRS's xAPI base URL, ending in '/'
  TANDEM_LRS_AUTH      The full Authorization header value for the LRS (e.g. 'Basic …')
  TANDEM_SERVE_SECRET  Secret for hashing serve.identity_header identities and signing personal
                       nudge answer links (16+ characters; required for nudge emails)
  TANDEM_SMTP_USER, TANDEM_SMTP_PASSWORD  SMTP login for nudge emails (both or neither)
  <slack_webhook_env>, <teams_webhook_env>  the webhook URLs reinforcement.delivery names

Endpoints
  POST <relay path>  One statement or an array of at most 50 (8 KB each, 64 KB a body)
  GET  /healthz      200 when ready
  GET  /metrics      Prometheus metrics

Exit codes
  0  stopped by SIGTERM/SIGINT   2  usage, settings or environment error (nothing served)
`;

async function runServe(args: ParsedArgs, io: CommandIO): Promise<number> {
  // Loaded on demand: the server and its dependencies cost the other commands nothing.
  const { JournalLockedError, resolveServeSettings, startServer } = await import('../../serve/index.js');
  const usage = (problem: string) => {
    io.err(`tandem serve: ${problem}\nRun 'tandem help serve' for usage.\n`);
    return EXIT_USAGE;
  };
  if (args.positionals.length > 1) return usage(`expected one course folder, got ${args.positionals.length}.`);
  const release = args.values.release as string | undefined;
  if (!release) return usage("give the build output folder with --release, e.g. 'tandem serve . --release dist-course'.");
  let port: number | undefined;
  if (args.values.port !== undefined) {
    port = Number(args.values.port);
    if (!/^\d+$/.test(String(args.values.port)) || port > 65535) return usage(`--port must be a whole number from 0 to 65535, not '${String(args.values.port)}'.`);
  }

  const courseDir = path.resolve(io.cwd, args.positionals[0] ?? '.');
  const loaded = await loadConfig(courseDir);
  const report = (diagnostics: Diagnostic[]) => io.err(formatDiagnostics(diagnostics, 'human', { cwd: io.cwd, sources: new Map(), color: io.color }));
  if (!loaded.config || hasErrors(loaded.diagnostics)) {
    report(loaded.diagnostics);
    return EXIT_USAGE;
  }
  const resolved = resolveServeSettings(
    { root: courseDir, config: loaded.config },
    path.resolve(io.cwd, release),
    {
      ...(port !== undefined ? { port } : {}),
      ...(typeof args.values.host === 'string' ? { host: args.values.host } : {}),
      ...(typeof args.values.journal === 'string' ? { journal: path.resolve(io.cwd, args.values.journal) } : {}),
    },
    io.env,
  );
  if (!resolved.ok) {
    report(resolved.diagnostics);
    return EXIT_USAGE;
  }
  const { settings } = resolved;
  const schedule = args.values.schedule as string | undefined;
  if (args.values['dry-run'] && !schedule) return usage('--dry-run needs --schedule <schedule.json>.');
  const deliveryModule = schedule ? await import('../../deliver/index.js') : undefined;
  const deliverySettings = deliveryModule?.resolveDeliverySettings({ root: courseDir, config: loaded.config }, path.resolve(io.cwd, release), { schedule: path.resolve(io.cwd, schedule!), dryRun: args.values['dry-run'] === true }, io.env);
  if (deliverySettings && !deliverySettings.ok) {
    report(deliverySettings.diagnostics);
    return EXIT_USAGE;
  }
  const log = (line: Record<string, unknown>) => io.err(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

  let server;
  try {
    server = await startServer(settings, log);
  } catch (error) {
    if (error instanceof JournalLockedError) report([diagnose('SERVE_JOURNAL_LOCKED', { pid: error.pid })]);
    else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' || (error as NodeJS.ErrnoException).code === 'EACCES') {
      report([diagnose('SERVE_LISTEN_FAILED', { address: `${settings.host}:${settings.port}`, reason: (error as NodeJS.ErrnoException).code! })]);
    } else throw error;
    return EXIT_USAGE;
  }

  let delivery: { close(deadline?: number): Promise<void> } | undefined;
  if (deliveryModule && deliverySettings?.ok) {
    let started;
    try {
      started = await deliveryModule.startDelivery(deliverySettings.settings, { log, print: (line) => io.out(`${line}\n`) });
    } catch (error) {
      await server.close();
      if (error instanceof JournalLockedError) {
        report([diagnose('SERVE_JOURNAL_LOCKED', { pid: error.pid })]);
        return EXIT_USAGE;
      }
      throw error;
    }
    if (!started.ok) {
      await server.close();
      report(started.diagnostics);
      return EXIT_USAGE;
    }
    delivery = started.delivery;
  }

  io.out(`listening on ${server.url}\n`);
  io.err(
    `Serving ${settings.manifest.units.length} unit(s) of ${settings.manifest.course.id}: ` +
      `${settings.jobAidPath !== undefined ? `job aids at ${settings.jobAidPath || '/'}/, ` : 'no job_aid_url, no job aids; '}` +
      `${settings.relayPath !== undefined ? `relay at ${settings.relayPath}, ` : 'no job_aids.relay_url, no relay; '}` +
      `${settings.lrs ? 'forwarding to the LRS' : 'no LRS (the journal is the store)'}; journal in ${settings.journalDir}.\n`,
  );

  // main.ts turns SIGTERM, SIGINT and SIGHUP into io.signal (and, for a service, keeps our exit code).
  const stopRequested = io.signal;
  const signal = await new Promise<string>((resolve) => {
    if (!stopRequested) return; // run in-process without a signal: serve until the process ends
    if (stopRequested.aborted) resolve(String(stopRequested.reason));
    stopRequested.addEventListener('abort', () => resolve(String(stopRequested.reason)), { once: true });
  });
  const started = Date.now();
  log({ event: 'shutdown', signal });
  // A last resort: exit even if something hangs, still within the contract's 15 s.
  const hardStop = setTimeout(() => {
    log({ event: 'shutdown-timeout' });
    process.exit(EXIT_OK);
  }, SHUTDOWN_BUDGET_MS - 500);
  hardStop.unref();
  await Promise.all([server.close(started + FORWARD_BUDGET_MS), delivery?.close(started + FORWARD_BUDGET_MS / 2)]);
  log({ event: 'stopped', ms: Date.now() - started });
  // Idle keep-alive sockets of the LRS client would hold the process a few seconds more.
  setTimeout(() => process.exit(), 200).unref();
  return EXIT_OK;
}

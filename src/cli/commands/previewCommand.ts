/**
 * `tandem preview [course-dir] [--unit id] [--port N] [--host H] [--poll]`: the live preview
 * server, until SIGINT or SIGTERM. This module owns the process side (arguments, the log, signals);
 * src/preview owns the server.
 */
import path from 'node:path';
import { loadConfig } from '../../course/config/loadConfig.js';
import { diagnose, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io.js';

const SHUTDOWN_BUDGET_MS = 5_000;

export const previewCommand: Command = {
  name: 'preview',
  synopsis: '[course-dir]',
  summary: 'Preview the course live: lessons in an embedded LMS, rebuilt on every save',
  options: { unit: { type: 'string' }, port: { type: 'string', short: 'p' }, host: { type: 'string' }, poll: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
  service: { graceMs: SHUTDOWN_BUDGET_MS },
  help: () => PREVIEW_HELP,
  run: runPreview,
};

const PREVIEW_HELP = `Usage
  tandem preview [course-dir] [--unit <id>] [--port N] [--host H] [--poll]

Serves a live preview of the course: an index of its units, each unit's lesson playing inside an
embedded SCORM 1.2 LMS (or as Tin Can / cmi5 against an in-memory LRS), with a panel that checks
every CMI call and statement as it happens, and each job aid as HTML and printed. A save rebuilds
the edited unit in memory and the page reloads by itself; problems show in the page as
'tandem check' prints them. Writes nothing to the course folder. Prints
'listening on http://HOST:PORT' when ready; Ctrl-C stops it.

Options
  --unit <id>      Print the address of this unit's page (and check it exists)
  -p, --port <n>   Port (default 4300; 0 picks a free one)
  --host <h>       Address to listen on (default 127.0.0.1). Any other address, e.g. 0.0.0.0 for
                   colleagues on the network, needs TANDEM_PREVIEW_PASSWORD set
  --poll           Watch the folder by polling (network shares, containers, WSL): also
                   CHOKIDAR_USEPOLLING=1
  -h, --help       Show this help

Environment
  TANDEM_PREVIEW_PASSWORD  Password the browser asks for (any user name), 12+ characters.
                           Never logged.

Exit codes
  0  stopped by Ctrl-C/SIGTERM   2  usage or settings error (nothing served)
`;

async function runPreview(args: ParsedArgs, io: CommandIO): Promise<number> {
  // Loaded on demand: the server, the watcher and their dependencies cost the other commands nothing.
  const { resolvePreviewSettings, startPreview } = await import('../../preview/index.js');
  const usage = (problem: string) => {
    io.err(`tandem preview: ${problem}\nRun 'tandem help preview' for usage.\n`);
    return EXIT_USAGE;
  };
  if (args.positionals.length > 1) return usage(`expected one course folder, got ${args.positionals.length}.`);
  let port: number | undefined;
  if (args.values.port !== undefined) {
    port = Number(args.values.port);
    if (!/^\d+$/.test(String(args.values.port)) || port > 65535) return usage(`--port must be a whole number from 0 to 65535, not '${String(args.values.port)}'.`);
  }
  const courseDir = path.resolve(io.cwd, args.positionals[0] ?? '.');
  const report = (diagnostics: Diagnostic[], sources = new Map<string, string>()) => io.err(formatDiagnostics(diagnostics, 'human', { cwd: io.cwd, sources, color: io.color }));
  const loaded = await loadConfig(courseDir);
  if (!loaded.config || hasErrors(loaded.diagnostics)) {
    report(loaded.diagnostics, loaded.text !== undefined ? new Map([[loaded.configFile, loaded.text]]) : new Map());
    return EXIT_USAGE;
  }
  const resolved = resolvePreviewSettings(
    {
      courseRoot: courseDir,
      ...(typeof args.values.host === 'string' ? { host: args.values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      poll: args.values.poll === true,
      ...(typeof args.values.unit === 'string' ? { unit: args.values.unit } : {}),
    },
    io.env,
  );
  if (!resolved.ok) {
    report(resolved.diagnostics);
    return EXIT_USAGE;
  }
  const { settings } = resolved;
  const log = (line: Record<string, unknown>) => io.err(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

  let preview;
  try {
    preview = await startPreview(settings, log);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      report([diagnose('PREVIEW_LISTEN_FAILED', { address: `${settings.host}:${settings.port}`, reason: code })]);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (settings.unit !== undefined && !preview.units.includes(settings.unit)) {
    report([diagnose('PREVIEW_UNIT_NOT_FOUND', { unit: settings.unit, known: preview.units.join(', ') || '(none)' })]);
    await preview.close();
    return EXIT_USAGE;
  }
  io.out(`listening on ${preview.url}\n`);
  io.err(
    `Previewing ${preview.units.length} unit(s) from ${courseDir}${settings.password ? ' (password required)' : ''}; ` +
      `watching for saves${settings.poll ? ' by polling' : ''}.\n` +
      (settings.unit !== undefined ? `Unit ${settings.unit}: ${preview.url}/units/${encodeURIComponent(settings.unit)}/\n` : ''),
  );

  const stopRequested = io.signal;
  const signal = await new Promise<string>((resolve) => {
    if (!stopRequested) return;
    if (stopRequested.aborted) resolve(String(stopRequested.reason));
    stopRequested.addEventListener('abort', () => resolve(String(stopRequested.reason)), { once: true });
  });
  log({ event: 'shutdown', signal });
  await preview.close();
  setTimeout(() => process.exit(), 200).unref();
  return EXIT_OK;
}

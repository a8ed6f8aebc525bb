import path from 'node:path';
import { countBySeverity } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { build, BuildCache, DEFAULT_SOURCE_DATE_EPOCH, DiskSink, parseShard, shardProblem, TARGETS, type BuildResult } from '../../compile/index.js';
import type { ReleaseManifest } from '../../release/releaseManifest.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_USAGE, type CommandIO } from '../io.js';
import { progressReporter } from '../progress.js';
import { exitCodeFor, parseFormat, reportRoot } from './exitCode.js';
import { readManifestFile } from './readManifestFile.js';

export const buildCommand: Command = {
  name: 'build',
  synopsis: '[course-dir]',
  summary: 'Build packages and job aids into an output folder',
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
    release: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'cache-dir': { type: 'string' },
  },
  help: buildHelp,
  run: runBuild,
};

function buildHelp(): string {
  const targets = TARGETS.length
    ? TARGETS.map((t) => `  ${t.name.padEnd(16)}${t.description}`).join('\n')
    : '  (no targets are registered in this version)';
  return `Usage
  tandem build [course-dir] --out <dir> [--target <name>[,<name>…]] [options]

Checks the course, then builds every unit and learning path without errors for each target.
Units with errors are reported and skipped; the others are built.

Writes <out>/manifest.json: every unit's version, objective ID and content hash, and every
artifact's path, size and sha256. Output is reproducible: the same input gives the same bytes.
Builds are incremental: jobs whose inputs did not change are reused from the cache
(<out>/.tandem-cache); a changed unit rebuilds that unit and the learning paths containing it.

Options
  -o, --out <dir>            Output folder (default: dist-course)
  -t, --target <names>       Comma-separated targets, repeatable (default: all)
  --shard <i/n>              Build only shard i of n (a stable split for CI matrices)
  --changed-since <manifest> Report units changed since that release; warn when a version was not bumped
  --release                  A release: build no unit whose required approvals are missing or stale
                             (APPROVAL_MISSING, APPROVAL_STALE); the manifest lists every approval
  --fail-fast                Stop at the first error instead of building every unit that can be
  -j, --jobs <n>             Jobs built at once (default 4)
  --browser <path>           Chrome/Chromium for PDF job aids (else TANDEM_BROWSER, CHROME_PATH,
                             PUPPETEER_EXECUTABLE_PATH, the usual install paths, then PATH)
  --no-cache                 Build everything from scratch
  --cache-dir <dir>          Where the incremental cache lives
  --format <f>               Diagnostics as human (default), json or github
  --strict                   Exit 1 on warnings too
  --quiet                    Print only diagnostics (no progress, no summary)
  --no-color                 Plain text output
  -h, --help                 Show this help

Targets
${targets}

Environment
  SOURCE_DATE_EPOCH    Timestamp (seconds) written into archives, for reproducible builds

Exit codes
  0  built without errors   1  errors (some units skipped)   2  usage or environment error
`;
}

async function runBuild(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem build: ${message}\nRun 'tandem help build' for usage.\n`);
    return EXIT_USAGE;
  };
  const format = parseFormat(args.values.format);
  if (!format) return fail(`--format must be human, json or github, not '${String(args.values.format)}'.`);
  if (args.positionals.length > 1) return fail(`expected at most one course folder, got ${args.positionals.length}.`);
  const epoch = io.env.SOURCE_DATE_EPOCH === undefined ? DEFAULT_SOURCE_DATE_EPOCH : Number(io.env.SOURCE_DATE_EPOCH);
  if (!Number.isInteger(epoch) || epoch < DEFAULT_SOURCE_DATE_EPOCH) return fail(`SOURCE_DATE_EPOCH must be a whole number of seconds from ${DEFAULT_SOURCE_DATE_EPOCH} (1980) on.`);
  const shardText = args.values.shard as string | undefined;
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  if (shardText !== undefined && !shard) return fail(shardProblem(shardText));
  const jobsText = args.values.jobs as string | undefined;
  const concurrency = jobsText === undefined ? undefined : Number(jobsText);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) return fail(`--jobs must be a whole number from 1 to 64, not '${jobsText}'.`);

  let previous: ReleaseManifest | undefined;
  const since = args.values['changed-since'] as string | undefined;
  if (since !== undefined) {
    try {
      previous = readManifestFile(path.resolve(io.cwd, since));
      if (!Array.isArray(previous?.units)) throw new Error('it has no units list');
    } catch (error) {
      return fail(`--changed-since: cannot read ${since} as a release manifest (${(error as Error).message}).`);
    }
  }

  const targets = ((args.values.target as string[] | undefined) ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const outDir = path.resolve(io.cwd, (args.values.out as string | undefined) ?? 'dist-course');
  const cacheDir = path.resolve(io.cwd, (args.values['cache-dir'] as string | undefined) ?? path.join(outDir, '.tandem-cache'));
  const quiet = args.values.quiet === true || format !== 'human';
  const progress = progressReporter(quiet ? 'quiet' : io.isTTY && !io.env.CI ? 'live' : 'lines', io.err);
  const started = performance.now();
  let result: BuildResult;
  try {
    result = await build({
      courseDir: path.resolve(io.cwd, args.positionals[0] ?? '.'),
      targets,
      sink: new DiskSink(outDir),
      sourceDateEpoch: epoch,
      // --browser, then TANDEM_BROWSER, CHROME_PATH, PUPPETEER_EXECUTABLE_PATH and PATH choose the browser that prints PDFs.
      browser: { env: io.env, path: args.values.browser as string | undefined },
      cache: args.values['no-cache'] ? undefined : new BuildCache(cacheDir, outDir),
      shard,
      failFast: args.values['fail-fast'] === true,
      changedSince: previous,
      release: args.values.release === true,
      concurrency,
      retainBytes: false,
      onProgress: progress.update,
      signal: io.signal,
    });
  } finally {
    progress.finish();
  }
  const root = await reportRoot(format, path.resolve(io.cwd, args.positionals[0] ?? '.'), io.cwd);
  io.out(formatDiagnostics(result.diagnostics, format, { cwd: root, sources: result.sources, color: io.color }));
  if (result.changes && format === 'human') io.out(changesReport(result));
  if (!quiet) io.err(summary(result, path.relative(io.cwd, outDir) || '.', performance.now() - started));
  return exitCodeFor(result.diagnostics, args.values.strict === true);
}

function summary(result: BuildResult, out: string, ms: number): string {
  const counts = countBySeverity(result.diagnostics);
  const bytes = result.records.reduce((sum, r) => sum + r.bytes, 0);
  const units = result.manifest?.units.length ?? 0;
  const { built, reused, notRun } = result.stats;
  const stopped = result.diagnostics.some((d) => d.code === 'BUILD_INTERRUPTED');
  const lines = [
    `Built ${units} unit(s): ${result.records.length} artifact(s), ${formatBytes(bytes)}, into ${out} in ${(ms / 1000).toFixed(2)} s ` +
      `(${built} job(s) built, ${reused} reused from cache${notRun ? `, ${notRun} not run ${stopped ? 'because the build was stopped' : 'after the first failure'}` : ''}); ` +
      `${counts.error} error(s), ${counts.warning} warning(s).`,
  ];
  if (result.skippedUnits.length) lines.push(`Skipped unit(s) with errors: ${result.skippedUnits.join(', ')}.`);
  if (result.removedFiles.length) lines.push(`Removed ${result.removedFiles.length} file(s) an earlier build wrote and this one did not: ${result.removedFiles.join(', ')}.`);
  if (result.manifest) lines.push(`Release manifest: ${out}/manifest.json (build ${result.manifest.buildId.slice(0, 12)}).`);
  return lines.join('\n') + '\n';
}

function changesReport(result: BuildResult): string {
  const changes = result.changes ?? [];
  if (changes.length === 0) return 'No unit changed since the previous release.\n';
  const rows = changes.map((c) => {
    if (c.change === 'added') return `  + ${c.id} (new, ${c.version})`;
    if (c.change === 'removed') return `  - ${c.id} (removed, was ${c.previousVersion})`;
    return `  ~ ${c.id} ${c.previousVersion} → ${c.version}${c.bumped ? '' : '  (content changed, version not bumped)'}`;
  });
  return `Changed since the previous release:\n${rows.join('\n')}\n`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { build, DEFAULT_SOURCE_DATE_EPOCH } from '../../pipeline/build.js';
import { DiskSink } from '../../sink/diskSink.js';
import type { Parsed } from '../run.js';
import { EXIT_USAGE, type CommandIO } from '../io.js';
import { exitCodeFor, parseFormat } from './exitCode.js';

export async function runBuild(args: Parsed, io: CommandIO): Promise<number> {
  const format = parseFormat(args.values.format);
  if (!format) {
    io.err(`tandem build: --format must be human, json or github, not '${String(args.values.format)}'.\n`);
    return EXIT_USAGE;
  }
  const epoch = io.env.SOURCE_DATE_EPOCH === undefined ? DEFAULT_SOURCE_DATE_EPOCH : Number(io.env.SOURCE_DATE_EPOCH);
  if (!Number.isInteger(epoch) || epoch < DEFAULT_SOURCE_DATE_EPOCH) {
    io.err(`tandem build: SOURCE_DATE_EPOCH must be a whole number of seconds from ${DEFAULT_SOURCE_DATE_EPOCH} (1980) on.\n`);
    return EXIT_USAGE;
  }
  const targets = ((args.values.target as string[] | undefined) ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const outDir = path.resolve(io.cwd, (args.values.out as string | undefined) ?? 'dist-course');
  const started = performance.now();
  const result = await build({
    courseDir: path.resolve(io.cwd, args.positionals[0] ?? '.'),
    targets,
    sink: new DiskSink(outDir),
    sourceDateEpoch: epoch,
  });
  io.out(formatDiagnostics(result.diagnostics, format, { cwd: io.cwd, sources: result.sources, color: io.color }));
  if (!args.values.quiet && format === 'human') {
    const bytes = result.artifacts.reduce((sum, a) => sum + a.bytes.length, 0);
    const rel = path.relative(io.cwd, outDir) || '.';
    io.err(
      `Built ${result.artifacts.length} artifact(s), ${(bytes / 1024).toFixed(1)} KiB, into ${rel} in ${Math.round(performance.now() - started)} ms` +
        (result.skippedUnits.length ? `; skipped unit(s) with errors: ${result.skippedUnits.join(', ')}` : '') +
        '.\n',
    );
    for (const artifact of result.artifacts) io.err(`  ${artifact.path}  ${artifact.bytes.length} bytes\n`);
  }
  return exitCodeFor(result.diagnostics, args.values.strict === true);
}

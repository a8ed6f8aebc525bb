/**
 * Stage 6–7, render/package and write: runs the planned jobs a few at a time, each through its
 * target, and puts the artifacts through the sink. With a cache, a job whose inputs did not change
 * is not built at all, and an output file that is still what we wrote is not even rewritten.
 * Bytes are dropped once written (unless the caller keeps them), so memory stays flat however
 * large the catalog.
 */
import { diagnose, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnosticError.js';
import type { JobCache } from './cache/jobCache.js';
import { sha256 } from '../course/contentHash.js';
import { artifactCredentials } from './artifactCredentials.js';
import { notWritable } from './sink/outLock.js';
import type { ArtifactRecord } from '../release/releaseManifest.js';
import type { Sink } from './sink/sink.js';
import { subjectName, type Artifact, type BuildContext, type Job, type Target } from './targets/target.js';
import { mapLimit } from '../course/mapLimit.js';

export interface RunJobsOptions {
  jobs: readonly Job[];
  targets: readonly Target[];
  ctx: BuildContext;
  sink: Sink;
  keyOf: (job: Job) => string;
  cache?: JobCache;
  concurrency: number;
  failFast: boolean;
  /** Once aborted, no job starts, and jobs that fail because of the stop are not reported. */
  signal?: AbortSignal;
  retainBytes: boolean;
  /** How OUT_NOT_WRITABLE names the output (the sink's folder). */
  outLabel?: string;
  onJobDone?: (done: number, total: number, job: Job) => void;
}

const OUTPUT_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO']);

/** The disk refused the write (full, read-only, no permission): not a problem of the job. */
export function isOutputFailure(error: unknown): boolean {
  return OUTPUT_FAILURES.has((error as NodeJS.ErrnoException)?.code ?? '');
}

export interface RunJobsResult {
  records: ArtifactRecord[];
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  built: number;
  reused: number;
  /** Files actually written (not skipped because unchanged on disk). */
  written: number;
  /** Jobs not run because --fail-fast stopped the build. */
  notRun: number;
}

/**
 * The cached artifact of a job, verified: one artifact at the job's own output path whose blob
 * still hashes to what the index says. Anything else (a changed blob, an index naming another
 * path) is a miss and the job is built again.
 */
function reusable(cache: JobCache, key: string, job: Job): { sha256: string; bytes: Uint8Array }[] | undefined {
  const hit = cache.lookup(key);
  if (!hit || hit.artifacts.length !== 1 || hit.artifacts[0]!.path !== job.output || !Array.isArray(hit.diagnostics)) return undefined;
  const hash = hit.artifacts[0]!.sha256;
  const bytes = cache.blob(hash);
  return bytes ? [{ sha256: hash, bytes }] : undefined;
}

export async function runJobs(options: RunJobsOptions): Promise<RunJobsResult> {
  const { ctx, sink, cache } = options;
  const out: RunJobsResult = { records: [], artifacts: [], diagnostics: [], built: 0, reused: 0, written: 0, notRun: 0 };
  const environmentErrors = new Set<DiagnosticError>();
  let stop = false;
  let done = 0;

  // A full disk or a folder that turned read-only fails every later write the same way: one OUT_NOT_WRITABLE.
  let outError: DiagnosticError | undefined;
  const write = async (path: string, hash: string, bytes: () => Uint8Array) => {
    if (cache?.isCurrent(path, hash)) return;
    try {
      await sink.write(path, bytes());
    } catch (error) {
      if (!isOutputFailure(error)) throw error;
      outError ??= notWritable(options.outLabel ?? 'the output folder', error);
      throw outError;
    }
    cache?.recordWritten(path, hash);
    out.written++;
  };

  const runOne = async (job: Job): Promise<{ records: ArtifactRecord[]; artifacts: Artifact[]; diagnostics: Diagnostic[] }> => {
    const owner = job.subject.kind === 'unit' ? { kind: 'unit' as const, id: job.subject.unit.id } : { kind: 'path' as const, id: job.subject.path.id };
    const key = options.keyOf(job);
    const unitIds = job.subject.kind === 'unit' ? [job.subject.unit.id] : job.subject.units.map((u) => u.id);
    const hit = cache ? reusable(cache, key, job) : undefined;
    if (hit) {
      // What the manifest says comes from this job and the verified bytes, not from the index.
      const records = hit.map(({ sha256: hash, bytes }) => ({ target: job.target, path: job.output, bytes: bytes.length, sha256: hash, unitIds, owner }));
      for (const { sha256: hash, bytes } of hit) await write(job.output, hash, () => bytes);
      out.reused++;
      return { records, artifacts: [], diagnostics: cache!.lookup(key)!.diagnostics };
    }
    const target = options.targets.find((t) => t.name === job.target)!;
    const result = await target.build(job, ctx);
    const diagnostics = result.diagnostics ?? [];
    // A job with errors (e.g. suspend_data cannot fit) yields diagnostics and no artifact.
    if (hasErrors(diagnostics)) return { records: [], artifacts: [], diagnostics };
    // Nothing that looks like a credential leaves the build, whatever put it there.
    const leaks = artifactCredentials(result.artifacts, job, ctx);
    if (leaks.length) return { records: [], artifacts: [], diagnostics: [...diagnostics, ...leaks] };
    const records: ArtifactRecord[] = [];
    const bytesByPath = new Map<string, Uint8Array>();
    for (const artifact of result.artifacts) {
      const hash = sha256(artifact.bytes);
      await write(artifact.path, hash, () => artifact.bytes);
      records.push({ target: artifact.target, path: artifact.path, bytes: artifact.bytes.length, sha256: hash, unitIds: artifact.unitIds, owner });
      bytesByPath.set(artifact.path, artifact.bytes);
    }
    // Only a one-artifact job can be reused (see reusable); the blobs of a many-file job (the cards
    // target writes nine small files per unit) would be written to the cache and never read back.
    if (records.length === 1) cache?.store(key, { artifacts: records, diagnostics }, bytesByPath);
    out.built++;
    // The text was for the credential scan; the bytes say the same and are what callers keep.
    return { records, artifacts: options.retainBytes ? result.artifacts.map(({ text: _text, ...artifact }) => artifact) : [], diagnostics };
  };

  const results = await mapLimit(options.jobs, options.concurrency, async (job) => {
    if (stop || options.signal?.aborted) {
      out.notRun++;
      return undefined;
    }
    try {
      const result = await runOne(job);
      if (options.failFast && hasErrors(result.diagnostics)) stop = true;
      return result;
    } catch (error) {
      // Stopping closed the browser under this job: that is the stop, not a failure of the job.
      if (options.signal?.aborted) {
        out.notRun++;
        return undefined;
      }
      if (options.failFast) stop = true;
      // A broken environment (the browser would not start) fails every job that needs it: report it once.
      if (error instanceof DiagnosticError) {
        const first = !environmentErrors.has(error);
        environmentErrors.add(error);
        return { records: [], artifacts: [], diagnostics: first ? [error.diagnostic] : [] };
      }
      const reason = error instanceof Error ? error.message : String(error);
      const file = job.subject.kind === 'unit' ? job.subject.unit.unitFile : job.subject.path.file;
      return { records: [], artifacts: [], diagnostics: [diagnose('BUILD_FAILED', { target: job.target, subject: subjectName(job.subject), reason }, { file, line: 1, column: 1 })] };
    } finally {
      options.onJobDone?.(++done, options.jobs.length, job);
    }
  });

  for (const result of results) {
    if (!result) continue;
    out.records.push(...result.records);
    out.artifacts.push(...result.artifacts);
    out.diagnostics.push(...result.diagnostics);
  }
  return out;
}

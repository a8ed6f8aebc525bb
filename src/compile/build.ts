/**
 * `build()`: the library entry point behind `tandem build`. Runs every stage —
 * config → discover → load → validate → plan → render/package (targets) → write — and returns
 * what it wrote and every diagnostic. It never prints and never exits; the CLI does.
 */
import { browserForBuild, type BrowserOptions } from './browserForBuild.js';
import type { JobCache } from './cache/jobCache.js';
import { diagnose, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnosticError.js';
import type { Course } from '../course/model/course.js';
import { planBuild } from './plan/planBuild.js';
import { inShard, pathInShard, unitInShard, type Shard } from './plan/shard.js';
import { sha256 } from '../course/contentHash.js';
import { jobKey, releaseBuildId, type BuildInputs } from './buildIds.js';
import { changedSince, type UnitChange } from './changedSince.js';
import { createReleaseManifest, MANIFEST_FILE, serializeManifest, type ArtifactRecord, type ReleaseManifest } from '../release/releaseManifest.js';
import { sourceState } from '../release/sourceCommit.js';
import { currentApprovals, verifyApprovals } from '../release/signoff/index.js';
import { PREVIOUS_MANIFEST_FILE, readOutputState, removeStaleOutputs, type OutputState } from './staleOutputs.js';
import { toolFingerprint, toolVersion } from '../release/toolFingerprint.js';
import { themeHash } from './theme/themeHash.js';
import type { Sink } from './sink/sink.js';
import { findTarget, TARGETS } from './targets/registry.js';
import type { Artifact, BuildContext, Target } from './targets/target.js';
import { loadCourse, type LoadedCourse } from '../course/loadCourse.js';
import { isOutputFailure, runJobs } from './runJobs.js';
import { notWritable } from './sink/outLock.js';
import { SharedResources } from './sharedResources.js';

export interface BuildOptions {
  courseDir: string;
  /** Target names; all registered targets when empty. */
  targets: readonly string[];
  sink: Sink;
  /** For tests and plugins: the targets to choose from (default: the registry). */
  availableTargets?: readonly Target[];
  /** Seconds since the epoch stamped into artifacts (the CLI passes SOURCE_DATE_EPOCH; default 1980-01-01). */
  sourceDateEpoch?: number;
  /** Jobs built at once (default 4: rendering is light, zipping and printing wait on other threads). */
  concurrency?: number;
  /** How to find the browser that prints PDFs, and how many pages print at once. */
  browser?: BrowserOptions;
  /** Incremental builds: reuse the artifacts of jobs whose inputs did not change. */
  cache?: JobCache;
  /** Build only this stable subset of units and paths (CI matrices). */
  shard?: Shard;
  /** Build only these units' own jobs (no learning paths): `tandem preview` rebuilds the unit that was edited. */
  units?: readonly string[];
  /** Stop at the first error instead of building every unit that can be built. */
  failFast?: boolean;
  /** A previous release's manifest: report which units changed and whether their version was bumped. */
  changedSince?: ReleaseManifest;
  /**
   * A release: units whose required approvals are missing or stale (APPROVAL_MISSING,
   * APPROVAL_STALE) are not built, and the manifest lists every unit's approvals.
   */
  release?: boolean;
  /** Write <out>/manifest.json (default true). */
  manifest?: boolean;
  /** Keep artifact bytes in the result (default true; the CLI turns it off to keep memory flat). */
  retainBytes?: boolean;
  onProgress?: (event: BuildProgress) => void;
  /** Stops the build: no new jobs, the browser closed at once, no manifest, and a BUILD_INTERRUPTED naming `signal.reason`. */
  signal?: AbortSignal;
}

export interface BuildProgress {
  phase: 'check' | 'build';
  done: number;
  total: number;
  current?: string;
}

export interface BuildStats {
  jobs: number;
  built: number;
  reused: number;
  written: number;
  notRun: number;
}

export interface BuildResult {
  course?: Course;
  /** Artifacts with their bytes (empty when `retainBytes` is false). */
  artifacts: Artifact[];
  /** What was written or kept: path, size, sha256, owner. Always filled. */
  records: ArtifactRecord[];
  manifest?: ReleaseManifest;
  changes?: UnitChange[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** Units left out because they have errors. */
  skippedUnits: string[];
  /** Files an earlier build wrote into the output and this one did not, now removed. */
  removedFiles: string[];
  stats: BuildStats;
}

/** 1980-01-01T00:00:00Z: the earliest time a zip file can record; used when nothing else is given. */
export const DEFAULT_SOURCE_DATE_EPOCH = 315532800;

const NO_STATS: BuildStats = { jobs: 0, built: 0, reused: 0, written: 0, notRun: 0 };

export async function build(options: BuildOptions): Promise<BuildResult> {
  const available = options.availableTargets ?? TARGETS;
  const targets: Target[] = [];
  const usage: Diagnostic[] = [];
  for (const name of options.targets.length ? options.targets : available.map((t) => t.name)) {
    const target = findTarget(name, available);
    if (target) targets.push(target);
    else usage.push(diagnose('TARGET_UNKNOWN', { target: name, known: available.map((t) => t.name).join(', ') || '(none yet)' }));
  }
  const empty = { artifacts: [], records: [], sources: new Map<string, string>(), skippedUnits: [], removedFiles: [], stats: NO_STATS };
  if (usage.length) return { ...empty, diagnostics: usage };

  options.onProgress?.({ phase: 'check', done: 0, total: 0, current: 'loading the course' });
  const loaded = await loadCourse(options.courseDir, { unitCache: options.cache });
  const { course, sources } = loaded;
  let diagnostics = [...loaded.diagnostics];
  if (!course) return { ...empty, sources, diagnostics };

  // Only this shard's units are reported on, so a CI matrix does not annotate each problem n times.
  const signoff = options.release ? verifyApprovals(course) : undefined;
  if (signoff) {
    diagnostics.push(...signoff.diagnostics);
    for (const [file, text] of signoff.sources) sources.set(file, text);
    for (const id of signoff.blocked) loaded.failedUnits.add(id);
    for (const p of course.paths) if (p.unitIds.some((id) => signoff.blocked.has(id))) loaded.failedPaths.add(p.id);
  }
  const shard = options.shard;
  if (shard) diagnostics = diagnostics.filter((d) => !d.unitId || unitInShard(d.unitId, shard));

  let changes: UnitChange[] | undefined;
  if (options.changedSince) {
    const found = changedSince(course, options.changedSince, (id) => versionPosition(loaded, id));
    changes = found.changes;
    diagnostics.push(...found.diagnostics);
  }
  const base = { course, sources, changes, skippedUnits: [...loaded.failedUnits].sort(), removedFiles: [] as string[] };
  if (options.failFast && hasErrors(diagnostics)) return { ...base, artifacts: [], records: [], diagnostics, stats: NO_STATS };

  // Every package carries the theme: a theme file that may not be read (a link out of the course, a
  // device) stops the whole build, reported once per file, before anything is written.
  const theme = themeHash(course);
  if (!theme.ok) return { ...base, artifacts: [], records: [], diagnostics: [...diagnostics, ...theme.diagnostics], stats: NO_STATS };


  const epoch = options.sourceDateEpoch ?? DEFAULT_SOURCE_DATE_EPOCH;
  const inputs: BuildInputs = {
    toolFingerprint: toolFingerprint(),
    configHash: sha256(sources.get(course.configFile) ?? ''),
    themeHash: theme.hash,
    sourceDateEpoch: epoch,
  };
  const goodUnits = course.units.filter((u) => !loaded.failedUnits.has(u.id));
  const goodPaths = course.paths.filter((p) => !loaded.failedPaths.has(p.id));
  const buildId = releaseBuildId(inputs, targets.map((t) => t.name), goodUnits, goodPaths);

  const plan = planBuild({ course, targets, skipUnits: loaded.failedUnits, skipPaths: loaded.failedPaths });
  diagnostics.push(...plan.diagnostics);
  // A path left out for its units' errors must say so, above all in a shard whose own units are fine.
  for (const p of course.paths) {
    const failed = p.unitIds.filter((id) => loaded.failedUnits.has(id));
    if (!failed.length || (shard && !pathInShard(p.id, shard))) continue;
    diagnostics.push(diagnose('PATH_NOT_BUILT', { path: p.id, units: failed.join(', ') }, { file: p.file, line: 1, column: 1 }));
  }
  let jobs = shard ? plan.jobs.filter((job) => inShard(job, shard)) : plan.jobs;
  if (options.units) {
    const only = new Set(options.units);
    jobs = jobs.filter((job) => job.subject.kind === 'unit' && only.has(job.subject.unit.id));
  }

  const outLabel = options.sink.label ?? 'the output folder';
  const runAndRecord = async (output: OutputState): Promise<BuildResult> => {
    const shared = new SharedResources();
    // Stopping (the CLI got SIGINT, SIGTERM or SIGHUP): start no more jobs and close the browser at
    // once, so jobs printing with it end now rather than when they finish.
    let disposing: Promise<void> | undefined;
    const dispose = () => (disposing ??= shared.disposeAll());
    const onAbort = () => void dispose();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let pages: BuildContext['pages'];
    if (jobs.some((j) => j.needsBrowser)) {
      // No browser: report it once, leave the printing jobs out, and still build every other target.
      const printJobs = jobs.filter((j) => j.needsBrowser).length;
      const browser = browserForBuild(options.browser ?? {}, shared, printJobs, course.configFile);
      diagnostics.push(...browser.diagnostics);
      pages = browser.pages;
      // Start it before any job when something will print (a warm build may reuse every PDF): one that
      // will not start is then treated like none found, and lesson packages are built without the PDF.
      const printing = { ...inputs, printsPdf: true };
      if (browser.pages && !options.signal?.aborted && jobs.some((job) => !options.cache?.lookup(jobKey(job, printing)))) {
        const failed = await browser.start();
        if (failed) {
          diagnostics.push(failed);
          pages = undefined;
        }
      }
      if (!pages) jobs = jobs.filter((j) => !j.needsBrowser);
    }
    // Lesson packages carry the job aid's PDF only when a browser prints in this build, so that is an input too.
    const jobInputs = { ...inputs, printsPdf: pages !== undefined };
    const keyOf = (job: Parameters<typeof jobKey>[0]) => jobKey(job, jobInputs);
    const ctx: BuildContext = { course, shared, sourceDateEpoch: epoch, pages, buildId, buildIdFor: (job) => keyOf(job).slice(0, 32) };

    let run;
    try {
      run = await runJobs({
        jobs,
        targets,
        ctx,
        sink: options.sink,
        keyOf,
        cache: options.cache,
        concurrency: options.concurrency ?? 4,
        failFast: options.failFast === true,
        signal: options.signal,
        retainBytes: options.retainBytes !== false,
        outLabel,
        onJobDone: (done, total, job) => options.onProgress?.({ phase: 'build', done, total, current: `${job.target} ${job.output}` }),
      });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      await dispose();
      options.cache?.save();
    }
    diagnostics.push(...run.diagnostics, ...(options.cache?.diagnostics?.() ?? []));
    const stats = { jobs: jobs.length, built: run.built, reused: run.reused, written: run.written, notRun: run.notRun };
    if (options.signal?.aborted) {
      // What was written is complete (written under a temporary name, then renamed), but the release
      // is not: no manifest, so nothing downstream takes a partial release for a whole one.
      diagnostics.push(diagnose('BUILD_INTERRUPTED', { signal: String(options.signal.reason ?? 'a stop request') }));
      return { ...base, artifacts: run.artifacts, records: run.records, diagnostics, stats };
    }

    let manifest: ReleaseManifest | undefined;
    let removedFiles: string[] = [];
    if (options.manifest !== false) {
      const unitIds = new Set(goodUnits.filter((u) => !shard || unitInShard(u.id, shard)).map((u) => u.id));
      const pathIds = new Set(goodPaths.filter((p) => !shard || pathInShard(p.id, shard)).map((p) => p.id));
      // After a fail-fast stop the records are partial: removing "what this build did not write" would remove good files.
      if (run.notRun === 0) removedFiles = await removeStaleOutputs(options.sink, output.previous, new Set(run.records.map((r) => r.path)), shard);
      const checkout = await sourceState(course.root);
      manifest = createReleaseManifest({
        course,
        toolVersion: toolVersion(),
        buildId,
        sourceCommit: checkout.commit,
        sourceDirty: checkout.dirty,
        skippedUnits: [...loaded.failedUnits].filter((id) => !shard || unitInShard(id, shard)),
        skippedPaths: [...loaded.failedPaths].filter((id) => !shard || pathInShard(id, shard)),
        sourceDateEpoch: epoch,
        targets: targets.map((t) => t.name),
        shard,
        ...(signoff ? { approvals: (id: string) => currentApprovals(signoff.units.get(id)) } : {}),
        unitIds,
        pathIds,
        artifacts: run.records,
      });
      try {
        await options.sink.write(MANIFEST_FILE, new TextEncoder().encode(serializeManifest(manifest)));
        await options.sink.remove?.(PREVIOUS_MANIFEST_FILE);
      } catch (error) {
        if (!isOutputFailure(error)) throw error;
        // No manifest is better than a crash: the artifacts are reported, the release is not complete.
        if (!diagnostics.some((d) => d.code === 'OUT_NOT_WRITABLE')) diagnostics.push(notWritable(outLabel, error).diagnostic);
        manifest = undefined;
      }
    }
    return { ...base, removedFiles, artifacts: run.artifacts, records: run.records, manifest, diagnostics, stats };
  };

  // The output is checked and locked before anything is written (OUT_NOT_WRITABLE, OUT_LOCKED).
  try {
    await options.sink.open?.();
  } catch (error) {
    if (!(error instanceof DiagnosticError)) throw error;
    return { ...base, artifacts: [], records: [], diagnostics: [...diagnostics, error.diagnostic], stats: NO_STATS };
  }
  try {
    // Read once the output is ours: which files in it an earlier Tandem build owns.
    const output = options.manifest !== false ? await readOutputState(options.sink) : { diagnostics: [] };
    diagnostics.push(...output.diagnostics);
    // A previous release's manifest goes before the first artifact is written, and the new one is
    // written last: a build killed half-way leaves no manifest whose hashes describe other files.
    // Its list of files is kept aside, so the next build still knows what Tandem wrote.
    if (output.previous && options.sink.read) {
      const bytes = await options.sink.read(MANIFEST_FILE);
      if (bytes) await options.sink.write(PREVIOUS_MANIFEST_FILE, bytes);
    }
    await options.sink.remove?.(MANIFEST_FILE);
    return await runAndRecord(output);
  } finally {
    await options.sink.close?.();
  }
}

function versionPosition(loaded: LoadedCourse, unitId: string): { line: number; column: number } {
  const at = loaded.versionPositions.get(unitId);
  return { line: at?.line ?? 1, column: at?.column ?? 1 };
}

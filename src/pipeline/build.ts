/**
 * `build()`: the library entry point behind `tandem build`. Runs every stage —
 * config → discover → load → validate → plan → render/package (targets) → write — and returns
 * what it wrote and every diagnostic. It never prints and never exits; the CLI does.
 */
import { diagnose, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Course } from '../model/course.js';
import { planBuild } from '../plan/planBuild.js';
import type { Sink } from '../sink/sink.js';
import { findTarget, TARGETS } from '../targets/registry.js';
import { subjectName, type Artifact, type BuildContext, type Target } from '../targets/target.js';
import { loadCourse } from './loadCourse.js';
import { mapLimit } from './mapLimit.js';
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
  /** Jobs built at once. */
  concurrency?: number;
  /** Called after each job, for progress displays. */
  onJobDone?: (done: number, total: number, job: string) => void;
}

export interface BuildResult {
  course?: Course;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** Units left out because they have errors. */
  skippedUnits: string[];
}

/** 1980-01-01T00:00:00Z: the earliest time a zip file can record; used when nothing else is given. */
export const DEFAULT_SOURCE_DATE_EPOCH = 315532800;

export async function build(options: BuildOptions): Promise<BuildResult> {
  const available = options.availableTargets ?? TARGETS;
  const targets: Target[] = [];
  const usage: Diagnostic[] = [];
  for (const name of options.targets.length ? options.targets : available.map((t) => t.name)) {
    const target = findTarget(name, available);
    if (target) targets.push(target);
    else usage.push(diagnose('TARGET_UNKNOWN', { target: name, known: available.map((t) => t.name).join(', ') || '(none yet)' }));
  }
  if (usage.length) return { artifacts: [], diagnostics: usage, sources: new Map(), skippedUnits: [] };

  const loaded = await loadCourse(options.courseDir);
  const { course, sources } = loaded;
  const diagnostics = [...loaded.diagnostics];
  if (!course) return { artifacts: [], diagnostics, sources, skippedUnits: [] };

  const plan = planBuild({ course, targets, skipUnits: loaded.failedUnits, skipPaths: loaded.failedPaths });
  diagnostics.push(...plan.diagnostics);

  const shared = new SharedResources();
  const ctx: BuildContext = { course, shared, sourceDateEpoch: options.sourceDateEpoch ?? DEFAULT_SOURCE_DATE_EPOCH };
  const artifacts: Artifact[] = [];
  let done = 0;
  try {
    const results = await mapLimit(plan.jobs, options.concurrency ?? 4, async (job) => {
      const target = targets.find((t) => t.name === job.target)!;
      try {
        const result = await target.build(job, ctx);
        // A job with errors (e.g. suspend_data cannot fit) yields diagnostics and no artifact.
        if (hasErrors(result.diagnostics ?? [])) return { artifacts: [], diagnostics: result.diagnostics ?? [] };
        for (const artifact of result.artifacts) await options.sink.write(artifact.path, artifact.bytes);
        return result;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const file = job.subject.kind === 'unit' ? job.subject.unit.unitFile : job.subject.path.file;
        return { artifacts: [], diagnostics: [diagnose('BUILD_FAILED', { target: job.target, subject: subjectName(job.subject), reason }, { file })] };
      } finally {
        options.onJobDone?.(++done, plan.jobs.length, `${job.target} ${job.output}`);
      }
    });
    for (const result of results) {
      artifacts.push(...result.artifacts);
      diagnostics.push(...(result.diagnostics ?? []));
    }
  } finally {
    await shared.disposeAll();
  }
  return { course, artifacts, diagnostics, sources, skippedUnits: [...loaded.failedUnits].sort() };
}

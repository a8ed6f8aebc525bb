/**
 * Stage 5, plan: the whole job list (unit × target → output path) before anything renders, so
 * output collisions and "does any job need a browser?" are known up front.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Course } from '../../course/model/course.js';
import { subjectName, type Job, type Target } from '../targets/target.js';

export interface BuildPlan {
  jobs: Job[];
  needsBrowser: boolean;
  diagnostics: Diagnostic[];
}

export interface PlanInput {
  course: Course;
  targets: readonly Target[];
  /** Units and paths with errors are left out of the plan. */
  skipUnits: ReadonlySet<string>;
  skipPaths: ReadonlySet<string>;
}

export function planBuild({ course, targets, skipUnits, skipPaths }: PlanInput): BuildPlan {
  const ctx = { course };
  const jobs: Job[] = [];
  const unitsById = new Map(course.units.map((u) => [u.id, u]));
  for (const target of targets) {
    // The planner, not the target, stamps the target name: build() finds the target by it.
    const own = (planned: Job[] | undefined) => (planned ?? []).map((job) => ({ ...job, target: target.name }));
    for (const unit of course.units) {
      if (!skipUnits.has(unit.id)) jobs.push(...own(target.planUnit?.(unit, ctx)));
    }
    for (const learningPath of course.paths) {
      if (skipPaths.has(learningPath.id)) continue;
      const units = learningPath.unitIds.map((id) => unitsById.get(id)!);
      jobs.push(...own(target.planPath?.(learningPath, units, ctx)));
    }
  }

  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    if (target.notes && jobs.some((job) => job.target === target.name)) diagnostics.push(...target.notes(ctx));
  }
  const owners = new Map<string, Job>();
  const kept: Job[] = [];
  for (const job of jobs) {
    const first = owners.get(job.output);
    if (first) {
      diagnostics.push(diagnose('OUTPUT_COLLISION', { path: job.output, first: subjectName(first.subject), second: subjectName(job.subject) }, { file: course.configFile }));
      continue;
    }
    owners.set(job.output, job);
    kept.push(job);
  }
  return { jobs: kept, needsBrowser: kept.some((j) => j.needsBrowser), diagnostics };
}

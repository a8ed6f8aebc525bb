/**
 * The plugin interface every output format implements. A target plans jobs (one output each) for
 * units and learning paths before anything renders, then builds each job into artifacts.
 * Adding a target touches one folder under src/targets/ and one line in targets/registry.ts.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Course } from '../../course/model/course.js';
import type { LearningPath } from '../../course/model/path.js';
import type { Unit } from '../../course/model/unit.js';
import type { PageLender } from '../../browserPool/pagePool.js';
import type { SharedResources } from '../sharedResources.js';

export interface PlanContext {
  course: Course;
}

export interface BuildContext extends PlanContext {
  /** Expensive things (a browser, a compiled theme) created on first use and disposed after the build. */
  shared: SharedResources;
  /** Seconds since the epoch to stamp into artifacts (SOURCE_DATE_EPOCH or a content-derived time), never the wall clock. */
  sourceDateEpoch: number;
  /** Names this release: derived from every input of the course. Do not embed it in per-unit artifacts (use buildIdFor). */
  buildId: string;
  /**
   * A content-derived id of one job's inputs (its units, config, theme, target, Tandem version).
   * Embed this as "build id" inside artifacts: an unchanged unit then stays byte-identical across
   * releases, and incremental builds can reuse it.
   */
  buildIdFor(job: Job): string;
  /** Browser pages for jobs with `needsBrowser`; the browser starts on first use. Absent when none was found (those jobs are not run). */
  pages?: PageLender;
}

export type JobSubject = { kind: 'unit'; unit: Unit } | { kind: 'path'; path: LearningPath; units: Unit[] };

/** One output of one target: planned up front, so collisions and "needs a browser?" are known before rendering. */
export interface Job {
  target: string;
  subject: JobSubject;
  /** Output path relative to the output folder, with '/' separators. */
  output: string;
  /** The job prints with a browser: the build launches one only if some job says so. */
  needsBrowser?: boolean;
  /** Which of a target's outputs for the subject this is, e.g. the paper size of a PDF job aid. */
  variant?: string;
}

/** A finished file, in memory until the write stage puts it through a sink. */
export interface Artifact {
  /** Relative to the output folder, with '/' separators. */
  path: string;
  bytes: Uint8Array;
  /** The text `bytes` encode as UTF-8, when the target rendered text: the credential scan reads it instead of decoding the bytes again. */
  text?: string;
  target: string;
  /** Units whose content is in this artifact (one for unit jobs, several for path jobs). */
  unitIds: string[];
}

export interface JobResult {
  artifacts: Artifact[];
  diagnostics?: Diagnostic[];
}

export interface Target {
  /** As given to `--target`, e.g. scorm12. */
  name: string;
  /** One line for `tandem build --help`. */
  description: string;
  planUnit?(unit: Unit, ctx: PlanContext): Job[];
  planPath?(path: LearningPath, units: Unit[], ctx: PlanContext): Job[];
  /** Course-wide notes about this target's output (e.g. "online job aids record nothing"), said once per build when it has jobs. */
  notes?(ctx: PlanContext): Diagnostic[];
  build(job: Job, ctx: BuildContext): Promise<JobResult>;
}

export function subjectName(subject: JobSubject): string {
  return subject.kind === 'unit' ? `unit ${subject.unit.id}` : `path ${subject.path.id}`;
}

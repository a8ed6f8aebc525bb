/**
 * Content-derived ids. Nothing here reads a clock or a random source: the same inputs give the
 * same ids on every machine, which is what makes artifacts reproducible and caches safe.
 *
 * - The job key covers every input of one job (its units' content, the course config, the
 *   theme, the target, Tandem's own code and dependencies). It keys the incremental cache, and
 *   targets embed it (`buildIdFor`) as "build id" so an unchanged unit stays byte-identical
 *   across releases.
 * - The release build id covers the whole course and all targets: it names a release.
 */
import { sha256 } from '../course/contentHash.js';
import type { Job } from './targets/target.js';

export interface BuildInputs {
  /** Tandem's code, themes and dependency lock (see toolFingerprint). */
  toolFingerprint: string;
  /** sha256 of tandem.config.yaml's text. */
  configHash: string;
  /** sha256 of the theme's files. */
  themeHash: string;
  sourceDateEpoch: number;
  /** Set for job keys: whether a browser prints in this build (lesson packages then carry the PDF). */
  printsPdf?: boolean;
}

export function jobKey(job: Job, inputs: BuildInputs): string {
  const subject =
    job.subject.kind === 'unit'
      ? { unit: [job.subject.unit.id, job.subject.unit.contentHash] }
      : { path: [job.subject.path.id, job.subject.path.title], units: job.subject.units.map((u) => [u.id, u.contentHash]) };
  return sha256(JSON.stringify({ v: 1, target: job.target, output: job.output, subject, ...inputs }));
}

export function releaseBuildId(inputs: BuildInputs, targets: readonly string[], units: readonly { id: string; contentHash: string }[], paths: readonly { id: string; unitIds: string[]; title: string }[]): string {
  const body = {
    v: 1,
    ...inputs,
    targets: [...targets].sort(),
    units: units.map((u) => [u.id, u.contentHash]).sort(),
    paths: paths.map((p) => [p.id, p.title, p.unitIds]).sort(),
  };
  return sha256(JSON.stringify(body)).slice(0, 32);
}

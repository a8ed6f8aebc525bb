/** `tandem status` as a library function: the lifecycle board of a course, from real state. */
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { BuildCache } from '../compile/index.js';
import { loadCourse, type UnitCache } from '../course/loadCourse.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { rankRequests, readRequests, type RankedRequest } from '../intake/index.js';
import { verifyApprovals } from '../release/index.js';
import { readLastReport, readRelease } from './inputs.js';
import { rolloutStatus, type RolloutStatus } from './rollout.js';
import { unitStatus, type UnitStatus } from './unitStatus.js';

export interface StatusOptions {
  /** YYYY-MM-DD; default today (UTC). */
  today?: string;
  requests?: string;
  release?: string;
  report?: string;
  /** The build cache to read unchanged units from (`tandem build --cache-dir`); default `<release folder>/.tandem-cache`. */
  cacheDir?: string;
}

export interface RequestStatus {
  requestId: string;
  title: string;
  rank: number;
  score: number;
  stage: 'requested';
  jobAidOnly: boolean;
  next: string;
}

export interface StatusBoard {
  course: { id: string; title: string };
  today: string;
  rollout?: RolloutStatus;
  units: UnitStatus[];
  /** Backlog requests no unit answers yet (`request.ticket`), in rank order. */
  requests: RequestStatus[];
  /** Inputs that were found, and problems reading them. */
  inputs: { requests?: string; release?: string; report?: string; problems: string[] };
}

export type StatusResult = { ok: true; board: StatusBoard } | { ok: false; diagnostics: Diagnostic[]; sources: Map<string, string> };

export async function statusBoard(courseDir: string, options: StatusOptions = {}): Promise<StatusResult> {
  const releasePath = options.release ?? path.join(path.resolve(courseDir), 'dist-course');
  const cache = buildCacheOf(releasePath, options.cacheDir);
  const loaded = await loadCourse(courseDir, { unitCache: cache.cache });
  const course = loaded.course;
  if (!course) return { ok: false, diagnostics: loaded.diagnostics, sources: loaded.sources };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const problems: string[] = cache.problem ? [cache.problem] : [];
  const requestsFile = options.requests ?? (existsSync(path.join(course.root, 'requests.csv')) ? path.join(course.root, 'requests.csv') : undefined);
  let backlog: RankedRequest[] = [];
  if (requestsFile) {
    const read = readRequests(requestsFile);
    backlog = rankRequests(read.requests);
    const errors = read.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) problems.push(`${requestsFile}: ${errors} problem(s) in the requests (run tandem intake)`);
  }
  const release = readRelease(releasePath);
  const report = readLastReport(options.report ?? path.join(course.root, 'report'));
  for (const p of [release.problem, report.problem]) if (p) problems.push(p);

  const signoff = verifyApprovals(course);
  const byUnit = new Map<string, Diagnostic[]>();
  for (const d of loaded.diagnostics) {
    if (!d.unitId) continue;
    const list = byUnit.get(d.unitId);
    if (list) list.push(d);
    else byUnit.set(d.unitId, [d]);
  }
  const released = new Map((release.units ?? []).map((u) => [u.id, u]));
  const units = course.units.map((unit) =>
    unitStatus({ unit, diagnostics: byUnit.get(unit.id) ?? [], signoff: signoff.units.get(unit.id)!, released: released.get(unit.id), report: report.report, today }),
  );
  const answered = new Set(units.map((u) => u.requestId).filter(Boolean));
  const requests: RequestStatus[] = backlog
    .filter((r) => !answered.has(r.id))
    .map((r) => ({ requestId: r.id, title: r.title, rank: r.rank, score: r.score, stage: 'requested', jobAidOnly: r.jobAidOnly, next: `tandem new <unit-id> --from-request ${r.id}` }));
  const rollout = rolloutStatus(course.config, backlog, units, report.report, today);
  return {
    ok: true,
    board: {
      course: { id: course.config.id, title: course.config.title },
      today,
      ...(rollout ? { rollout } : {}),
      units,
      requests,
      inputs: { ...(requestsFile ? { requests: requestsFile } : {}), ...(release.file ? { release: release.file } : {}), ...(report.file ? { report: report.file } : {}), problems },
    },
  };
}

/**
 * The unit cache the last build left (in the release folder, or the `--cache-dir` it was built
 * with), read only (status never saves it): a unit whose bytes, config and Tandem version are the
 * same as at that build is taken from it instead of parsed again, since the cache's keys cover all
 * three. On 1,000 units this is the difference between a 2 s load and a 0.3 s one; without a
 * build there, the course loads as usual. A cache folder named on purpose that holds no cache is a
 * problem to show, since the user expected it to be used.
 */
function buildCacheOf(release: string, cacheDir: string | undefined): { cache?: UnitCache; problem?: string } {
  let folder: string;
  try {
    folder = statSync(release).isDirectory() ? release : path.dirname(release);
  } catch {
    folder = path.dirname(release);
    if (!cacheDir) return {};
  }
  const dir = cacheDir ?? path.join(folder, '.tandem-cache');
  if (existsSync(path.join(dir, 'index.json'))) return { cache: new BuildCache(dir, folder) };
  return cacheDir ? { problem: `${cacheDir}: no build cache there (no index.json); every unit was read from the course` } : {};
}

/**
 * `--changed-since <manifest>`: which units changed content since a previous release, and whether
 * their version was bumped. A change without a bump is a warning: LMSs and learners need the new
 * version number to know a package is new.
 */
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Course } from '../course/model/course.js';
import type { ReleaseManifest } from '../release/releaseManifest.js';

export interface UnitChange {
  id: string;
  change: 'added' | 'changed' | 'removed';
  previousVersion?: string;
  version?: string;
  /** For changed units: did the version go up? */
  bumped?: boolean;
}

export function changedSince(course: Course, previous: ReleaseManifest, locateVersion: (unitId: string) => { line: number; column: number }): { changes: UnitChange[]; diagnostics: Diagnostic[] } {
  const before = new Map(previous.units.map((u) => [u.id, u]));
  const changes: UnitChange[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const unit of course.units) {
    const old = before.get(unit.id);
    const version = unit.contract.version;
    if (!old) {
      changes.push({ id: unit.id, change: 'added', version });
      continue;
    }
    if (old.contentHash === unit.contentHash) continue;
    const bumped = compareSemver(version, old.version) > 0;
    changes.push({ id: unit.id, change: 'changed', previousVersion: old.version, version, bumped });
    if (!bumped) {
      diagnostics.push(diagnose('VERSION_NOT_BUMPED', { version, previous: old.version }, { file: unit.unitFile, ...locateVersion(unit.id), unitId: unit.id }));
    }
  }
  const now = new Set(course.units.map((u) => u.id));
  for (const old of previous.units) if (!now.has(old.id)) changes.push({ id: old.id, change: 'removed', previousVersion: old.version });
  changes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { changes, diagnostics };
}

/** Semantic version precedence (semver.org §11), enough for x.y.z with optional pre-release. */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map(Number), pre: pre ? pre.split('.') : [] };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

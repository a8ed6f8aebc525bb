/**
 * What `tandem status` reads besides the course: the last release manifest and the last report
 * (report.json of `tandem report`), each optional. A file that is there but unreadable is a
 * problem to report, not a reason to guess.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ReleasedUnit {
  id: string;
  version: string;
  contentHash: string;
}
export interface ReportObjective {
  unitId: string;
  completed: number;
  flags: { code: string; severity: string; message: string }[];
}
export interface LastReport {
  /** YYYY-MM-DD of generatedAt. */
  day: string;
  objectives: ReportObjective[];
}

/** A folder is looked into for the file; undefined when neither is there. */
function resolveFile(p: string, name: string): string | undefined {
  if (!existsSync(p)) return undefined;
  return statSync(p).isDirectory() ? (existsSync(path.join(p, name)) ? path.join(p, name) : undefined) : p;
}

export function readRelease(p: string): { units?: ReleasedUnit[]; file?: string; problem?: string } {
  const file = resolveFile(p, 'manifest.json');
  if (!file) return {};
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { units?: unknown };
    if (!Array.isArray(m.units)) return { file, problem: `${file} is not a release manifest (no units list)` };
    return { file, units: (m.units as ReleasedUnit[]).filter((u) => u && typeof u.id === 'string') };
  } catch (error) {
    return { file, problem: `${file} cannot be read (${(error as Error).message})` };
  }
}

export function readLastReport(p: string): { report?: LastReport; file?: string; problem?: string } {
  const file = resolveFile(p, 'report.json');
  if (!file) return {};
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { generatedAt?: unknown; objectives?: unknown };
    if (typeof r.generatedAt !== 'string' || !Array.isArray(r.objectives)) return { file, problem: `${file} is not a report.json of tandem report` };
    const objectives = (r.objectives as Record<string, unknown>[]).map((o) => ({
      unitId: String(o.unitId ?? ''),
      completed: Number((o.learning as { completed?: unknown } | undefined)?.completed ?? 0) || 0,
      flags: Array.isArray(o.flags) ? (o.flags as ReportObjective['flags']).filter((f) => f && typeof f.code === 'string') : [],
    }));
    return { file, report: { day: r.generatedAt.slice(0, 10), objectives } };
  } catch (error) {
    return { file, problem: `${file} cannot be read (${(error as Error).message})` };
  }
}

/** Whole days from `a` to `b` (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * What the preview keeps between rebuilds: the checked units (so a save re-reads and re-checks
 * only the unit that changed) and nothing on disk. Jobs are never reused: the preview rebuilds
 * exactly the jobs of the edited unit, so a job cache would only hold bytes twice.
 */
import type { CheckedUnit } from '../course/loadCourse.js';
import type { CachedJob, JobCache } from '../compile/index.js';

/** Checked units kept; past this, the oldest go (a course being renamed unit by unit must not grow the cache forever). */
const MAX_UNITS = 500;

export class PreviewCache implements JobCache {
  private readonly units = new Map<string, CheckedUnit>();

  unit(key: string): CheckedUnit | undefined {
    return this.units.get(key);
  }

  storeUnit(key: string, entry: CheckedUnit): void {
    this.units.set(key, entry);
    if (this.units.size > MAX_UNITS) this.units.delete(this.units.keys().next().value!);
  }

  lookup(): CachedJob | undefined {
    return undefined;
  }

  blob(): Uint8Array | undefined {
    return undefined;
  }

  store(): void {}

  isCurrent(): boolean {
    return false;
  }

  recordWritten(): void {}

  save(): void {}
}

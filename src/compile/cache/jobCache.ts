/**
 * What the build needs of a cache, so build.ts and runJobs.ts do not depend on where it lives.
 * BuildCache (disk, content-addressed) is the one Tandem ships; tests and library users may pass
 * their own.
 */
import type { UnitCache } from '../../course/loadCourse.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ArtifactRecord } from '../../release/releaseManifest.js';

export interface CachedJob {
  artifacts: ArtifactRecord[];
  /** Warnings and notes the job produced, replayed on a hit so a warm build reports what a cold one does. */
  diagnostics: Diagnostic[];
}

export interface JobCache extends UnitCache {
  /** The cached result of a job, if every blob it names can still be read. */
  lookup(key: string): CachedJob | undefined;
  /** The bytes of a cached artifact, if they still hash to `sha256` (else the job is built again). */
  blob(sha256: string): Uint8Array | undefined;
  store(key: string, job: CachedJob, bytes: ReadonlyMap<string, Uint8Array>): void;
  /** True when the output file is still exactly what this cache last wrote there. */
  isCurrent(relativePath: string, sha256: string): boolean;
  recordWritten(relativePath: string, sha256: string): void;
  /** Persists what this build added; called once at the end of a build. */
  save(): void;
  /** Problems the cache had (e.g. CACHE_WRITE_FAILED), reported with the build's. */
  diagnostics?(): Diagnostic[];
}

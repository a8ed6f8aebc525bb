/**
 * The incremental build cache: job key → the artifacts that job produced (as blobs addressed by
 * sha256). A job whose key is in the cache is not built again; its artifacts are taken from the
 * cache, and not even rewritten when the output file on disk is still the one we wrote.
 *
 * Safe by construction: the key covers every input of the job (buildIds.jobKey), so a changed
 * unit, path, config, theme, target, Tandem version or dependency gives a new key.
 * Layout: <dir>/index.json and <dir>/objects/<sha256>.
 *
 * Not trusted blindly: the cache folder may be restored from a CI cache or shared, so a blob is
 * hashed again before it is copied into the output (a changed blob is a miss, and the job is
 * rebuilt), blob names must be sha256 digests (an index cannot point outside objects/), and the
 * caller re-derives paths and owners from its own job. Blobs no index entry references are deleted
 * when the index is saved. A cache that cannot be written (full disk, read-only folder) never
 * fails the build: it stops caching and reports CACHE_WRITE_FAILED once.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { CheckedUnit } from '../../course/loadCourse.js';
import type { CachedJob, JobCache } from './jobCache.js';


interface Written {
  sha256: string;
  size: number;
  mtimeMs: number;
}

interface CacheIndex {
  format: 1;
  jobs: Record<string, CachedJob>;
  /** Loaded and validated units, so a warm build does not parse unchanged units again. */
  units: Record<string, CheckedUnit>;
  /** What we last wrote to each output path, to skip rewriting unchanged files. */
  written: Record<string, Written>;
}

export class BuildCache implements JobCache {
  private index: CacheIndex;
  private readonly used = new Set<string>();
  private dirty = false;
  /** Set when writing failed: nothing more is stored, and the build reports it once. */
  private writeFailure?: Diagnostic;

  constructor(
    readonly dir: string,
    /** The output folder the `written` records describe. */
    readonly outDir: string,
  ) {
    this.index = readIndex(path.join(dir, 'index.json'));
  }

  /** The cached result of a job, if all its blobs are still there. Blobs are verified when read (`blob`). */
  lookup(key: string): CachedJob | undefined {
    const hit = this.index.jobs[key];
    if (!hit || !Array.isArray(hit.artifacts) || !hit.artifacts.every((a) => isDigest(a?.sha256) && existsSync(this.objectPath(a.sha256)))) return undefined;
    this.used.add(key);
    return hit;
  }

  unit(key: string): CheckedUnit | undefined {
    const hit = this.index.units[key];
    if (hit) this.used.add(key);
    return hit;
  }

  storeUnit(key: string, entry: CheckedUnit): void {
    this.index.units[key] = entry;
    this.used.add(key);
    this.dirty = true;
  }

  /**
   * The blob's bytes if they still hash to `sha256`; undefined when it is gone or was changed
   * (a changed blob is deleted, so the rebuilt job stores a good one).
   */
  blob(sha256: string): Buffer | undefined {
    if (!isDigest(sha256)) return undefined;
    const file = this.objectPath(sha256);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    if (createHash('sha256').update(bytes).digest('hex') === sha256) return bytes;
    rmSync(file, { force: true });
    return undefined;
  }

  store(key: string, job: CachedJob, bytes: ReadonlyMap<string, Uint8Array>): void {
    if (this.writeFailure) return;
    let temp: string | undefined;
    try {
      mkdirSync(path.join(this.dir, 'objects'), { recursive: true });
      for (const artifact of job.artifacts) {
        const target = this.objectPath(artifact.sha256);
        if (existsSync(target)) continue;
        temp = `${target}.${process.pid}.partial`;
        writeFileSync(temp, bytes.get(artifact.path)!);
        renameSync(temp, target);
        temp = undefined;
      }
    } catch (error) {
      this.failed(error, temp);
      return;
    }
    this.index.jobs[key] = job;
    this.used.add(key);
    this.dirty = true;
  }

  /** CACHE_WRITE_FAILED, once, when the cache could not be written. */
  diagnostics(): Diagnostic[] {
    return this.writeFailure ? [this.writeFailure] : [];
  }

  /** True when the output file is still exactly what we last wrote there. */
  isCurrent(relativePath: string, sha256: string): boolean {
    const record = this.index.written[relativePath];
    if (!record || record.sha256 !== sha256) return false;
    try {
      const stat = statSync(path.join(this.outDir, relativePath));
      return stat.size === record.size && stat.mtimeMs === record.mtimeMs;
    } catch {
      return false;
    }
  }

  recordWritten(relativePath: string, sha256: string): void {
    try {
      const stat = statSync(path.join(this.outDir, relativePath));
      this.index.written[relativePath] = { sha256, size: stat.size, mtimeMs: stat.mtimeMs };
      this.dirty = true;
    } catch {
      // Not on disk (a memory sink): nothing to remember.
    }
  }

  /**
   * Writes the index, dropping entries this build did not use so the cache does not grow forever,
   * then deletes the blobs no remaining entry references. Never throws.
   */
  save(): void {
    if (this.writeFailure) return;
    const keys = [...Object.keys(this.index.jobs), ...Object.keys(this.index.units)];
    if (this.dirty || !keys.every((k) => this.used.has(k))) {
      this.index = { ...this.index, jobs: keep(this.index.jobs, this.used), units: keep(this.index.units, this.used) };
      const file = path.join(this.dir, 'index.json');
      const temp = `${file}.${process.pid}.partial`;
      try {
        mkdirSync(this.dir, { recursive: true });
        writeFileSync(temp, JSON.stringify(this.index));
        renameSync(temp, file);
      } catch (error) {
        this.failed(error, temp);
        return;
      }
      this.dirty = false;
    }
    this.collectGarbage();
  }

  /** Deletes blobs (and temporary files of killed builds) that no job entry references. */
  private collectGarbage(): void {
    const referenced = new Set(Object.values(this.index.jobs).flatMap((job) => (Array.isArray(job?.artifacts) ? job.artifacts.map((a) => a?.sha256) : [])));
    let names: string[];
    try {
      names = readdirSync(path.join(this.dir, 'objects'));
    } catch {
      return;
    }
    for (const name of names) {
      if (referenced.has(name)) continue;
      try {
        rmSync(path.join(this.dir, 'objects', name), { force: true, recursive: true });
      } catch {
        // Left for the next build; collecting garbage is housekeeping, not part of this build.
      }
    }
  }

  private failed(error: unknown, temp: string | undefined): void {
    if (temp) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // The folder itself is gone or unreadable: nothing was left in it.
      }
    }
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    this.writeFailure = diagnose('CACHE_WRITE_FAILED', { dir: this.dir, reason });
  }

  private objectPath(sha256: string): string {
    return path.join(this.dir, 'objects', sha256);
  }
}

/** Blob names are sha256 digests and nothing else, so an index entry cannot name a file outside objects/. */
function isDigest(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

function readIndex(file: string): CacheIndex {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheIndex;
    if (data.format === 1 && isRecord(data.jobs) && isRecord(data.written) && isRecord(data.units)) return data;
  } catch {
    // Missing or corrupt (e.g. a killed build): start empty; the cache is only an accelerator.
  }
  return { format: 1, jobs: {}, units: {}, written: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keep<T>(entries: Record<string, T>, used: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(entries).sort()) if (used.has(key)) out[key] = entries[key]!;
  return out;
}

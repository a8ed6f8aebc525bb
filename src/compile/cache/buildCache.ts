/**
 * The incremental build cache: job key → the artifacts that job produced (as blobs addressed by
 * sha256). A job whose key is in the cache is not built again; its artifacts are taken from the
 * cache, and not even rewritten when the output file on disk is still the one we wrote.
 *
 * Safe by construction: the key covers every input of the job (buildIds.jobKey), so a changed
 * unit, path, config, theme, target, Tandem version or dependency gives a new key.
 * Layout: <dir>/index.json and <dir>/objects/<sha256>.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

  constructor(
    readonly dir: string,
    /** The output folder the `written` records describe. */
    readonly outDir: string,
  ) {
    this.index = readIndex(path.join(dir, 'index.json'));
  }

  /** The cached result of a job, if all its blobs are still there. */
  lookup(key: string): CachedJob | undefined {
    const hit = this.index.jobs[key];
    if (!hit || !hit.artifacts.every((a) => existsSync(this.objectPath(a.sha256)))) return undefined;
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

  blob(sha256: string): Buffer {
    return readFileSync(this.objectPath(sha256));
  }

  store(key: string, job: CachedJob, bytes: ReadonlyMap<string, Uint8Array>): void {
    mkdirSync(path.join(this.dir, 'objects'), { recursive: true });
    for (const artifact of job.artifacts) {
      const target = this.objectPath(artifact.sha256);
      if (existsSync(target)) continue;
      const temp = `${target}.${process.pid}.partial`;
      writeFileSync(temp, bytes.get(artifact.path)!);
      renameSync(temp, target);
    }
    this.index.jobs[key] = job;
    this.used.add(key);
    this.dirty = true;
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

  /** Writes the index, dropping entries this build did not use so the cache does not grow forever. */
  save(): void {
    const keys = [...Object.keys(this.index.jobs), ...Object.keys(this.index.units)];
    if (!this.dirty && keys.every((k) => this.used.has(k))) return;
    this.index = { ...this.index, jobs: keep(this.index.jobs, this.used), units: keep(this.index.units, this.used) };
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, 'index.json');
    const temp = `${file}.${process.pid}.partial`;
    writeFileSync(temp, JSON.stringify(this.index));
    renameSync(temp, file);
    this.dirty = false;
  }

  private objectPath(sha256: string): string {
    return path.join(this.dir, 'objects', sha256);
  }
}

function readIndex(file: string): CacheIndex {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheIndex;
    if (data.format === 1 && data.jobs && data.written && data.units) return data;
  } catch {
    // Missing or corrupt (e.g. a killed build): start empty; the cache is only an accelerator.
  }
  return { format: 1, jobs: {}, units: {}, written: {} };
}

function keep<T>(entries: Record<string, T>, used: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(entries).sort()) if (used.has(key)) out[key] = entries[key]!;
  return out;
}

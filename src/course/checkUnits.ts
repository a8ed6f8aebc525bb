/**
 * Stages 3–4 for every unit folder of a course. The main thread reads each folder (the reads
 * keep their link and device checks in one place) and looks it up in the unit cache; the units
 * left are loaded and validated by the main thread together with worker threads when there are
 * enough of them to pay for starting a worker (issue 16: `tandem status` on 1,000 units in under
 * 2 s; parsing YAML and Markdown is most of that time). A unit's result depends only on its
 * bytes and the config, never on the thread, and results keep the folder order, so the
 * diagnostics are the same with any number of threads. A worker that fails hands its units back
 * to the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sha256 } from './contentHash.js';
import { checkUnit, internalError, type CheckedUnit, type UnitCheck } from './checkUnit.js';
import { fileNamedLike, JOB_AID_FILE, LESSON_FILE, UNIT_FILE } from './load/loadUnit.js';
import { decodeText } from './load/readTextFile.js';
import { readUnitFiles, unitFilesData, type UnitFiles } from './load/unitFiles.js';
import type { CourseConfig } from './model/course.js';
import type { UnitJob } from './unitWorker.js';

export interface UnitCache {
  unit(key: string): CheckedUnit | undefined;
  storeUnit(key: string, entry: CheckedUnit): void;
}

export interface CheckUnitsOptions {
  cache?: UnitCache;
  /** Part of every cache key: the config and Tandem's version (see loadCourse). */
  salt: string;
  /** Threads that load units, this one included; 1 loads in this thread only. Default: idleThreads(). */
  threads?: number;
}

/** Fewer units than this load faster in this thread than with a worker that first has to start (~0.1 s). */
export const MIN_UNITS_FOR_WORKERS = 64;
/** Units per message: few messages, yet small enough that the threads finish together. */
const BATCH = 8;
/** The compiled worker; absent when running from TypeScript sources (tests), where units load in this thread. */
const WORKER_FILE = fileURLToPath(new URL('./unitWorker.js', import.meta.url));

interface Pending {
  index: number;
  dir: string;
  files: UnitFiles;
  key: string;
}

export interface CheckedUnits {
  /** One per folder, in the order given. */
  units: CheckedUnit[];
  /** How many of them worker threads loaded (0: all in this thread). */
  unitsInWorkers: number;
}

/** Every unit folder checked, in the order given; `sources` gets the text of each file read. */
export async function checkUnits(dirs: readonly string[], config: CourseConfig, sources: Map<string, string>, options: CheckUnitsOptions): Promise<CheckedUnits> {
  const threads = Math.max(1, Math.floor(options.threads ?? idleThreads()));
  const useWorkers = (units: number) => threads > 1 && units >= MIN_UNITS_FOR_WORKERS && existsSync(WORKER_FILE);
  // Without a cache every unit is to load: the workers start first and boot while this thread reads
  // the folders. With one (a warm build, the preview after a save), only if enough units missed it.
  let workers = !options.cache && useWorkers(dirs.length) ? startWorkers(threads - 1, config) : [];
  const results = new Array<UnitCheck>(dirs.length);
  const pending: Pending[] = [];
  for (const [index, dir] of dirs.entries()) {
    try {
      const files = readUnitFiles(dir);
      // The folder is part of the key: the model holds absolute paths, and a moved course must not reuse them.
      // Refused entries (links out of the unit, devices) are not content, but their diagnostics depend on them.
      const key = options.cache ? sha256(`${options.salt}\n${dir}\n${files.contentHash()}\n${JSON.stringify([...files.refused])}`) : '';
      const hit = options.cache?.unit(key);
      // Cached diagnostics still get code frames: decode the unit's sources from the bytes already read.
      if (hit) results[index] = { entry: hit, sources: hit.diagnostics.length ? decodedSources(dir, files) : [], cacheable: false };
      else pending.push({ index, dir, files, key });
    } catch (error) {
      results[index] = { entry: internalError(dir, error), sources: [], cacheable: false };
    }
  }
  if (options.cache && useWorkers(pending.length)) workers = startWorkers(threads - 1, config);
  const unitsInWorkers = await checkPending(pending, config, workers, (job, result) => (results[job.index] = result));
  for (const job of pending) if (results[job.index]!.cacheable) options.cache?.storeUnit(job.key, results[job.index]!.entry);
  for (const result of results) for (const [file, text] of result.sources) sources.set(file, text);
  return { units: results.map((r) => r.entry), unitsInWorkers };
}

/**
 * The cores no other program is keeping busy (at most 4), like `make -l`: a worker pays for its
 * start and its own cold JIT (on a 1,000-unit course about a third more CPU in all), which is
 * won back only on a core that is free. On a machine whose cores are busy with other work, more
 * threads just share the same CPU and the load takes longer. One unit of the load average may be
 * this process itself (the work before the load), so it is not counted against the others.
 */
export function idleThreads(): number {
  const othersLoad = Math.max(0, loadavg()[0]! - 1);
  return Math.max(1, Math.min(4, availableParallelism() - Math.floor(othersLoad)));
}

function startWorkers(count: number, config: CourseConfig): Worker[] {
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    try {
      workers.push(new Worker(WORKER_FILE, { workerData: { config } }));
    } catch {
      // No worker (a config that cannot be cloned, a resource limit): this thread does the work.
      break;
    }
  }
  return workers;
}

/** Runs the pending units on this thread and the workers, pulling batches from one queue; returns how many the workers did. */
async function checkPending(pending: readonly Pending[], config: CourseConfig, workers: Worker[], done: (job: Pending, result: UnitCheck) => void): Promise<number> {
  let next = 0;
  let inWorkers = 0;
  const returned: Pending[] = [];
  const take = (): Pending[] => {
    if (returned.length) return returned.splice(0);
    const batch = pending.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  const runs = workers.map(
    (worker) =>
      new Promise<void>((resolve) => {
        let inFlight: Pending[] = [];
        const finish = () => {
          returned.push(...inFlight);
          inFlight = [];
          worker.removeAllListeners('message');
          resolve();
        };
        const send = () => {
          inFlight = take();
          if (!inFlight.length) return finish();
          try {
            worker.postMessage(inFlight.map((job): UnitJob => ({ dir: job.dir, files: unitFilesData(job.files) })));
          } catch {
            finish();
          }
        };
        worker.on('message', (checked: UnitCheck[]) => {
          inFlight.forEach((job, i) => done(job, checked[i]!));
          inWorkers += inFlight.length;
          inFlight = [];
          send();
        });
        worker.once('error', finish);
        worker.once('exit', finish);
        send();
      }),
  );
  for (;;) {
    const batch = take();
    if (!batch.length) break;
    for (const job of batch) done(job, checkUnit(job.dir, job.files, config));
    // Let the workers' answers in, and hand them their next batch.
    if (workers.length) await new Promise(setImmediate);
  }
  await Promise.all(runs);
  // Units of a worker that failed after this thread ran out of work.
  for (const job of returned.splice(0)) done(job, checkUnit(job.dir, job.files, config));
  await Promise.all(workers.map((w) => w.terminate()));
  return inWorkers;
}

function decodedSources(dir: string, files: UnitFiles): [string, string][] {
  const present = new Set(files.list);
  const out: [string, string][] = [];
  for (const expected of [UNIT_FILE, LESSON_FILE, JOB_AID_FILE]) {
    const name = fileNamedLike(present, expected);
    if (name === undefined) continue;
    const text = decodeText(files.bytes(name), path.join(dir, name));
    if (text.ok) out.push([path.join(dir, name), text.text]);
  }
  return out;
}

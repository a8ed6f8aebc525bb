/**
 * A worker thread of checkUnits: receives batches of unit folders (their bytes, already read by
 * the main thread) and answers each batch with the checked units, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkUnit, type UnitCheck } from './checkUnit.js';
import { unitFilesFromData, type UnitFilesData } from './load/unitFiles.js';
import type { CourseConfig } from './model/course.js';

export interface UnitJob {
  dir: string;
  files: UnitFilesData;
}

const config = (workerData as { config: CourseConfig }).config;
parentPort?.on('message', (batch: UnitJob[]) => {
  const results: UnitCheck[] = batch.map((job) => checkUnit(job.dir, unitFilesFromData(job.dir, job.files), config));
  parentPort!.postMessage(results);
});

/**
 * A worker thread of parallelParse: parses the jobs it is sent (parseJob) and posts each result
 * back, its event records handed over without a copy. The course index comes with the worker's
 * data (a structured clone keeps its shared objects shared), so the worker loads nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CourseIndex } from '../courseIndex.js';
import { EventWriter } from './eventWire.js';
import { objectivePositions, parseJob, type ParseJob } from './parseJob.js';

const port = parentPort!;
const { index } = workerData as { index: CourseIndex };
const writer = new EventWriter(objectivePositions(index));
const scratch: { buffer?: Buffer } = {};
port.on('message', (job: ParseJob) => {
  const parsed = parseJob(job, index, writer, scratch);
  port.postMessage(parsed, [parsed.events.records.buffer as ArrayBuffer]);
});

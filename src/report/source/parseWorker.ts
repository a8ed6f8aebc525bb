/**
 * A worker thread of parallelParse: loads the course (as the main thread did), then turns chunks of
 * NDJSON (whole lines) into parsed batches: JSON.parse, the only costly step of a report (about
 * 28 s for a million 2 KB statements on one core), runs here, on every core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCourse } from '../../course/index.js';
import { indexCourse } from '../courseIndex.js';
import { objectivePositions, parseInto, toWire, type ParsedBatch } from './parsedBatch.js';
import { forEachLine } from './statementLines.js';

export interface ChunkMessage {
  seq: number;
  file: string;
  /** The line number of the chunk's first line. */
  firstLine: number;
  chunk: Uint8Array;
}

export interface BatchMessage {
  seq: number;
  batch: ParsedBatch;
}

const { courseDir } = workerData as { courseDir: string };
const loaded = await loadCourse(courseDir);
if (!loaded.course) throw new Error(`The report's parse worker could not load the course at ${courseDir}`);
const index = indexCourse(loaded.course);
const positions = objectivePositions(index);

parentPort!.on('message', ({ seq, file, firstLine, chunk }: ChunkMessage) => {
  const batch: ParsedBatch = { file, lines: 0, unreadable: [], ignored: 0, events: [] };
  forEachLine(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), firstLine, (text, line) => parseInto(batch, text, line, index));
  batch.events = batch.events.map((e) => toWire(e, positions));
  parentPort!.postMessage({ seq, batch } satisfies BatchMessage);
});
parentPort!.postMessage('ready');

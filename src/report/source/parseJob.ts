/**
 * What a parse worker (parseWorker) does with one job: a byte range of a plain file, read here, or
 * a chunk of decompressed gzip bytes sent by the main thread, turned into a parsed batch of compact
 * events (eventWire). JSON.parse, most of a report's time, runs here, on every core.
 */
import type { CourseIndex, IndexedObjective } from '../courseIndex.js';
import { forEachOwnedLine, readOwnedBytes } from './byteRanges.js';
import type { EventWriter, WireEvents } from './eventWire.js';
import { lineEvent } from './parsedBatch.js';

export type ParseJob =
  /** Lines starting in bytes [start, end) of a plain file of `size` bytes (byteRanges). */
  | { seq: number; kind: 'range'; file: string; size: number; start: number; end: number }
  /** Whole lines of decompressed bytes; `atFileStart` when they begin the file. */
  | { seq: number; kind: 'bytes'; chunk: Uint8Array; atFileStart: boolean };

/** A job's lines parsed; line numbers count from the job's first line (1). */
export interface ParsedJob {
  seq: number;
  /** Lines the job held, blank ones too: where the next job's numbering starts. */
  lineCount: number;
  /** Non-blank lines read. */
  lines: number;
  unreadable: number[];
  ignored: number;
  events: WireEvents;
}

/** Parses one job's lines into `writer`; `scratch` keeps a read buffer between jobs. */
export function parseJob(job: ParseJob, index: CourseIndex, writer: EventWriter, scratch?: { buffer?: Buffer }): ParsedJob {
  let bytes: { buffer: Buffer; from: number; to: number; atFileStart: boolean };
  if (job.kind === 'range') {
    const owned = readOwnedBytes(job.file, job.size, job.start, job.end, scratch?.buffer);
    // Kept for the next range, unless a very long line made it far larger than a range.
    if (scratch && owned.buffer.length <= 2 * (job.end - job.start) + (1 << 20)) scratch.buffer = owned.buffer;
    bytes = { ...owned, atFileStart: job.start === 0 };
  } else {
    bytes = { buffer: Buffer.from(job.chunk.buffer, job.chunk.byteOffset, job.chunk.byteLength), from: 0, to: job.chunk.byteLength, atFileStart: job.atFileStart };
  }
  const parsed = { seq: job.seq, lineCount: 0, lines: 0, unreadable: [] as number[], ignored: 0 };
  parsed.lineCount = forEachOwnedLine(bytes.buffer, bytes.from, bytes.to, bytes.atFileStart, (text, line) => {
    const event = lineEvent(parsed, text, line, index);
    if (event) writer.add(event);
  });
  return { ...parsed, events: writer.take() };
}

/** Each objective's position in the index, as events name them on the wire. */
export function objectivePositions(index: CourseIndex): Map<IndexedObjective, number> {
  return new Map(index.objectives.map((o, i) => [o, i]));
}


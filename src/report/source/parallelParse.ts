/**
 * Statement files parsed on every core. A plain file is cut into byte ranges (byteRanges) that the
 * worker threads (parseWorker) read themselves, so the main thread touches no statement bytes; a
 * gzip file cannot be entered in the middle, so the main thread decompresses it and hands chunks
 * of whole lines over (transferred, not copied). Each job comes back as compact events (eventWire)
 * and the batches are yielded in file order, with line numbers made absolute, so the report's pass
 * sees exactly the sequence a single-threaded read gives: de-duplication, voiding, ties of equal
 * timestamps and the order learners are first met all depend on it. At most two jobs per worker are
 * in flight, so memory stays bounded whatever the input.
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import type { CourseIndex } from '../courseIndex.js';
import { byteRanges } from './byteRanges.js';
import type { ParsedBatch } from './parsedBatch.js';
import type { ParsedJob, ParseJob } from './parseJob.js';
import { isGzip } from './statementLines.js';

/**
 * Bytes per job: a range costs a message and an open/read (well under a millisecond) against
 * about 10 ms of parsing per MiB, and small jobs keep the workers evenly busy up to the end.
 */
export const RANGE_BYTES = 2 << 20;

/**
 * A worker holds one job's bytes and events at a time; a small young generation keeps its garbage
 * from piling up (peak RSS is part of the report's budget: 4 MB parsed as fast as 8 to 32 MB, with less memory).
 * The old generation is not capped: a line of many megabytes must parse (or be reported
 * unreadable) rather than stop the worker.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

const WORKER = new URL('./parseWorker.js', import.meta.url);

/** Whether the worker can be started here (it is compiled JavaScript; running from TypeScript sources it is not). */
export function parallelParseAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/**
 * Parse threads when none were asked for: one per core (up to 4: beyond that the main thread's
 * pass is the limit), none for small inputs, where starting workers costs more than it saves.
 */
export function defaultParseThreads(inputBytes: number): number {
  return inputBytes < 4 * RANGE_BYTES ? 1 : Math.min(4, availableParallelism());
}

export interface ParallelParseOptions {
  threads: number;
  /** Bytes per range of a plain file (default RANGE_BYTES; tests cut finer). */
  rangeBytes?: number;
}

/** Where a job's lines are in the stream, kept on the main thread until the job comes back. */
interface JobPlace {
  file: string;
  firstOfFile: boolean;
}

/** The files' statements as parsed batches, in order, parsed by `threads` workers. */
export async function* parseFilesInParallel(files: readonly string[], index: CourseIndex, options: ParallelParseOptions): AsyncGenerator<ParsedBatch> {
  const threads = options.threads;
  const workers = Array.from({ length: threads }, () => new Worker(WORKER, { workerData: { index }, resourceLimits: WORKER_LIMITS }));
  const outstanding = workers.map(() => 0);
  const done = new Map<number, { parsed: ParsedJob; worker: number }>();
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  workers.forEach((worker, w) => {
    worker.on('message', (parsed: ParsedJob) => {
      done.set(parsed.seq, { parsed, worker: w });
      notify();
    });
    worker.on('error', (error) => {
      failure ??= new Error(`A report parse worker failed: ${error.message}`, { cause: error });
      notify();
    });
    // A worker that stops without an error (exit code, terminated from outside) must not leave the pass waiting.
    worker.on('exit', (code) => {
      if (!finished) failure ??= new Error(`A report parse worker stopped (exit code ${code}) before the statements were read`);
      notify();
    });
  });
  const waitForAny = () => new Promise<void>((resolve) => (wake = resolve));
  const places: JobPlace[] = [];
  let sent = 0;
  let next = 0;
  let lineOffset = 0;
  const take = (): ParsedBatch => {
    const { parsed, worker } = done.get(next)!;
    done.delete(next);
    outstanding[worker]!--;
    const place = places.shift()!;
    next++;
    if (place.firstOfFile) lineOffset = 0;
    const batch: ParsedBatch = { file: place.file, lines: parsed.lines, unreadable: parsed.unreadable.map((line) => line + lineOffset), ignored: parsed.ignored, events: [], wire: parsed.events };
    lineOffset += parsed.lineCount;
    return batch;
  };
  try {
    for (const file of files) {
      let firstOfFile = true;
      for await (const job of jobsOf(file, options.rangeBytes ?? RANGE_BYTES)) {
        while (sent - next >= 2 * threads) {
          if (failure) throw failure;
          if (done.has(next)) yield take();
          else await waitForAny();
        }
        // The least busy worker: a slow job (a long line, a busy core) does not hold up the others.
        const w = outstanding.indexOf(Math.min(...outstanding));
        outstanding[w]!++;
        places.push({ file, firstOfFile });
        firstOfFile = false;
        const message = { ...job, seq: sent++ } as ParseJob;
        const transfer = message.kind === 'bytes' && isWhole(message.chunk) ? [message.chunk.buffer as ArrayBuffer] : [];
        workers[w]!.postMessage(message, transfer);
      }
    }
    while (next < sent) {
      if (failure) throw failure;
      if (done.has(next)) yield take();
      else await waitForAny();
    }
  } finally {
    finished = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

type Job = { kind: 'range'; file: string; size: number; start: number; end: number } | { kind: 'bytes'; chunk: Uint8Array; atFileStart: boolean };

/** A file's jobs: byte ranges of a plain file, chunks of whole lines of a gzip one. */
async function* jobsOf(file: string, rangeBytes: number): AsyncGenerator<Job> {
  if (await isGzip(file)) {
    let atFileStart = true;
    for await (const chunk of gzipChunksOf(file, rangeBytes)) {
      yield { kind: 'bytes', chunk, atFileStart };
      atFileStart = false;
    }
    return;
  }
  const { size } = await stat(file);
  for (const [start, end] of byteRanges(size, rangeBytes)) yield { kind: 'range', file, size, start, end };
}

function isWhole(chunk: Uint8Array): boolean {
  return chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
}

/** A gzip file's decompressed bytes in chunks of whole lines (the last may lack its newline). */
async function* gzipChunksOf(file: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 18 }));
  let pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of stream as AsyncIterable<Buffer>) {
    pieces.push(piece);
    size += piece.length;
    // Cut only where a line ends: a line longer than a chunk is joined once, not at every piece.
    if (size < chunkBytes || piece.indexOf(10) === -1) continue;
    const joined = Buffer.concat(pieces, size);
    const cut = joined.lastIndexOf(10) + 1;
    // The rest is copied out first: the chunk's memory is handed over to the worker, not copied.
    const rest = cut < joined.length ? Buffer.from(joined.subarray(cut)) : undefined;
    yield joined.subarray(0, cut);
    pieces = rest ? [rest] : [];
    size = rest?.length ?? 0;
  }
  if (size > 0) yield Buffer.concat(pieces, size);
}

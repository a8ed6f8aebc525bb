/**
 * Statement files parsed on every core: the main thread reads and decompresses, cuts the bytes into
 * chunks of whole lines and hands them to worker threads (parseWorker), which JSON.parse each line
 * and reduce it to an event; the batches come back and are yielded in file order, so the report's
 * pass sees exactly the sequence a single-threaded read gives (ties, duplicates and voids depend
 * on it). At most two chunks per worker are in flight, so memory stays bounded whatever the input.
 */
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import type { CourseIndex } from '../courseIndex.js';
import { fromWire, type ParsedBatch } from './parsedBatch.js';
import type { BatchMessage, ChunkMessage } from './parseWorker.js';
import { isGzip } from './statementLines.js';

/** Bytes per chunk: large enough that a message costs little against parsing it. */
const CHUNK_BYTES = 1 << 20;

/**
 * A worker only holds one chunk and its events at a time; small heaps keep its garbage from
 * piling up (measured on a million statements: 4 MB young, 48 MB old kept the parse speed).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 };

const WORKER = new URL('./parseWorker.js', import.meta.url);

/** Whether the worker can be started here (it is compiled JavaScript; running from TypeScript sources it is not). */
export function parallelParseAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/** The files' statements as parsed batches, in order, parsed by `threads` workers. */
export async function* parseFilesInParallel(files: readonly string[], courseDir: string, index: CourseIndex, threads: number): AsyncGenerator<ParsedBatch> {
  const workers = Array.from({ length: threads }, () => new Worker(WORKER, { workerData: { courseDir }, resourceLimits: WORKER_LIMITS }));
  const done = new Map<number, ParsedBatch>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  for (const worker of workers) {
    worker.on('message', (message: BatchMessage | 'ready') => {
      if (message === 'ready') return;
      done.set(message.seq, message.batch);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= new Error(`A report parse worker failed: ${error.message}`, { cause: error });
      notify();
    });
  }
  const waitForAny = () => new Promise<void>((resolve) => (wake = resolve));
  let sent = 0;
  let next = 0;
  try {
    for (const file of files) {
      for await (const chunk of chunksOf(file)) {
        while (sent - next >= 2 * threads) {
          if (failure) throw failure;
          if (done.has(next)) {
            yield take(done, next++, index);
            continue;
          }
          await waitForAny();
        }
        const message: ChunkMessage = { seq: sent, ...chunk };
        const whole = chunk.chunk.byteOffset === 0 && chunk.chunk.byteLength === chunk.chunk.buffer.byteLength;
        workers[sent % threads]!.postMessage(message, whole ? [chunk.chunk.buffer as ArrayBuffer] : []);
        sent++;
      }
    }
    while (next < sent) {
      if (failure) throw failure;
      if (done.has(next)) yield take(done, next++, index);
      else await waitForAny();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function take(done: Map<number, ParsedBatch>, seq: number, index: CourseIndex): ParsedBatch {
  const batch = done.get(seq)!;
  done.delete(seq);
  for (const event of batch.events) fromWire(event, index);
  return batch;
}

/** A file's bytes (decompressed when gzip) in chunks of whole lines, with each chunk's first line number. */
async function* chunksOf(file: string): AsyncGenerator<{ file: string; firstLine: number; chunk: Buffer }> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = (await isGzip(file)) ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  let pieces: Buffer[] = [];
  let size = 0;
  let firstLine = 1;
  for await (const piece of stream as AsyncIterable<Buffer>) {
    pieces.push(piece);
    size += piece.length;
    if (size < CHUNK_BYTES) continue;
    const joined = Buffer.concat(pieces, size);
    const cut = joined.lastIndexOf(10) + 1;
    if (cut === 0) continue; // One line longer than a chunk: keep reading until it ends.
    // The rest is copied out first: the chunk's memory is handed over to the worker, not copied.
    const rest = cut < joined.length ? Buffer.from(joined.subarray(cut)) : undefined;
    const chunk = joined.subarray(0, cut);
    const lines = countLines(chunk);
    yield { file, firstLine, chunk };
    firstLine += lines;
    pieces = rest ? [rest] : [];
    size = rest?.length ?? 0;
  }
  if (size > 0) yield { file, firstLine, chunk: Buffer.concat(pieces, size) };
}

function countLines(chunk: Buffer): number {
  let n = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
  return n;
}

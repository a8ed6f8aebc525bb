/**
 * The relay's durable store: an append-only NDJSON journal with group commit.
 *
 * Every accepted statement is a line in the active segment. Appends made while a write+fsync is
 * in flight wait and go together into the next one, so one fsync covers a whole batch of
 * concurrent requests and each request is answered only once the fsync covering it returned. A
 * line is thus either durable or never acknowledged: after a crash the journal is cut back to the
 * last complete line, which can only drop statements nobody was told were accepted.
 *
 * A bounded disk budget refuses appends that would not fit (the relay answers 503), and an I/O
 * error (ENOSPC) truncates the segment back to where the batch began, so nothing half-written is
 * ever left. Segments rotate past a size; closed segments are gzipped once nothing needs them raw.
 * One server at a time: a lock file holds the owner's pid.
 */
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gzipSegment } from './gzipSegment.js';
import { releaseLock, takeLock } from './journalLock.js';
import { fsyncDir, listSegments, segmentName, type JournalPosition } from './segments.js';

export interface JournalOptions {
  dir: string;
  /** The active segment is closed once it reaches this many bytes. */
  segmentBytes: number;
  /** The journal folder's files may not grow past this many bytes; appends that would are refused. */
  budgetBytes: number;
  /** Gzip a segment as soon as it is closed (when no forwarder still reads it raw). */
  gzipOnRotate: boolean;
}

export type AppendResult = { ok: true } | { ok: false; reason: 'full' | 'io'; error?: Error };

interface PendingAppend {
  data: Buffer;
  resolve: (result: AppendResult) => void;
}

/** Complete lines read from one segment: they start at `at`; the line after them starts at `next`. */
export interface JournalRead {
  lines: string[];
  at: JournalPosition;
  next: JournalPosition;
}

export class Journal extends EventEmitter {
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private handle!: FileHandle;
  /** Committed (fsynced) bytes of each plain segment; gzipped ones are read whole. */
  private readonly plainSizes = new Map<number, number>();
  private readonly gzipped = new Set<number>();
  private activeSeq = 1;
  private activeBytes = 0;
  private totalBytes = 0;
  private closed = false;
  private gzipQueue: Promise<void> = Promise.resolve();
  private gunzipCache: { seq: number; data: Buffer } | undefined;

  private constructor(readonly options: JournalOptions) {
    super();
  }

  /** Opens (or creates) the journal, cutting a torn last line left by a crash. */
  static async open(options: JournalOptions): Promise<Journal> {
    const journal = new Journal(options);
    mkdirSync(options.dir, { recursive: true });
    takeLock(options.dir);
    try {
      await journal.recover();
    } catch (error) {
      releaseLock(options.dir);
      throw error;
    }
    return journal;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Bytes the journal's files take on disk. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Where the next committed line will start: everything before it is durable. */
  get end(): JournalPosition {
    return { segment: this.activeSeq, offset: this.activeBytes };
  }

  /**
   * Appends lines (each one JSON document without newlines) as one unit: all of them are durable
   * when this resolves `{ ok: true }`, none of them are otherwise.
   */
  append(lines: readonly string[]): Promise<AppendResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'io', error: new Error('The journal is closed.') });
    const data = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
    return new Promise((resolve) => {
      this.pending.push({ data, resolve });
      this.kick();
    });
  }

  /** Reads up to `maxBytes` of complete lines from `from`, never past what is committed. */
  read(from: JournalPosition, maxBytes: number): JournalRead {
    let at = from;
    for (;;) {
      const size = this.committedSize(at.segment);
      if (size === undefined) {
        // A segment number with no file: the cursor points before the first kept segment or past a gap.
        const later = this.nextSegmentAfter(at.segment);
        if (later === undefined) return { lines: [], at, next: at };
        at = { segment: later, offset: 0 };
        continue;
      }
      if (at.offset < size) {
        const chunk = this.readChunk(at.segment, at.offset, Math.min(maxBytes, size - at.offset));
        const cut = chunk.lastIndexOf(0x0a);
        if (cut < 0) {
          // One line longer than maxBytes (cannot happen with the relay's 8 KB cap); read it whole.
          const whole = this.readChunk(at.segment, at.offset, size - at.offset);
          const end = whole.indexOf(0x0a);
          return { lines: [whole.subarray(0, end).toString('utf8')], at, next: { segment: at.segment, offset: at.offset + end + 1 } };
        }
        const text = chunk.subarray(0, cut).toString('utf8');
        return { lines: text.split('\n'), at, next: { segment: at.segment, offset: at.offset + cut + 1 } };
      }
      if (at.segment >= this.activeSeq) return { lines: [], at, next: at };
      const later = this.nextSegmentAfter(at.segment);
      if (later === undefined) return { lines: [], at, next: at };
      at = { segment: later, offset: 0 };
    }
  }

  /** Bytes committed after `from`: how far a reader is behind. */
  bytesAfter(from: JournalPosition): number {
    let behind = 0;
    for (const [seq, size] of this.plainSizes) {
      if (seq > from.segment) behind += size;
      else if (seq === from.segment) behind += Math.max(0, size - from.offset);
    }
    return behind;
  }

  /** Gzips every closed segment before `segment` that is still plain (a forwarder has passed them). */
  compactBefore(segment: number): Promise<void> {
    for (const seq of [...this.plainSizes.keys()].sort((a, b) => a - b)) {
      if (seq < segment && seq !== this.activeSeq) this.queueGzip(seq);
    }
    return this.gzipQueue;
  }

  /** Finishes pending appends and gzips, then closes the files and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing || this.pending.length) {
      this.kick();
      await this.flushing;
    }
    this.closed = true;
    await this.gzipQueue;
    await this.handle.close();
    releaseLock(this.options.dir);
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      // An append made after flush() last looked at `pending` but before this ran would wait forever.
      if (this.pending.length) this.kick();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      const admitted: PendingAppend[] = [];
      let batchBytes = 0;
      for (const item of batch) {
        if (this.totalBytes + batchBytes + item.data.length > this.options.budgetBytes) item.resolve({ ok: false, reason: 'full' });
        else {
          admitted.push(item);
          batchBytes += item.data.length;
        }
      }
      if (!admitted.length) continue;
      const data = admitted.length === 1 ? admitted[0]!.data : Buffer.concat(admitted.map((a) => a.data), batchBytes);
      const result = await this.writeDurably(data);
      for (const item of admitted) item.resolve(result);
      if (result.ok) {
        this.emit('commit', this.end);
        if (this.activeBytes >= this.options.segmentBytes) await this.rotate();
      }
    }
  }

  private async writeDurably(data: Buffer): Promise<AppendResult> {
    const before = this.activeBytes;
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await this.handle.write(data, written, data.length - written, before + written);
        written += bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      // Disk full or an I/O error mid-batch: take the partial batch back out, so the journal
      // never holds a line nobody was told was accepted, nor half a line.
      try {
        await this.handle.truncate(before);
        await this.handle.datasync();
      } catch {
        // The truncate failed too; recovery at the next start cuts the torn line.
      }
      return { ok: false, reason: 'io', error: error as Error };
    }
    this.activeBytes += data.length;
    this.totalBytes += data.length;
    this.plainSizes.set(this.activeSeq, this.activeBytes);
    return { ok: true };
  }

  private async rotate(): Promise<void> {
    const closedSeq = this.activeSeq;
    await this.handle.close();
    await this.openActive(closedSeq + 1);
    if (this.options.gzipOnRotate) this.queueGzip(closedSeq);
  }

  private queueGzip(seq: number): void {
    this.gzipQueue = this.gzipQueue.then(async () => {
      if (!this.plainSizes.has(seq) || seq === this.activeSeq) return;
      const { plainBytes, gzipBytes } = await gzipSegment(this.options.dir, seq);
      // Switch readers to the gzip and remove the plain file in one synchronous step.
      this.plainSizes.delete(seq);
      this.gzipped.add(seq);
      unlinkSync(path.join(this.options.dir, segmentName(seq)));
      this.totalBytes += gzipBytes - plainBytes;
      this.emit('compact', seq);
    }).catch((error: unknown) => {
      // A failed gzip leaves the plain segment in place, which is still a valid journal.
      this.emit('warning', error);
    });
  }

  private async openActive(seq: number): Promise<void> {
    const file = path.join(this.options.dir, segmentName(seq));
    const isNew = !existsSync(file);
    this.handle = await open(file, isNew ? 'w+' : 'r+');
    if (isNew) fsyncDir(this.options.dir);
    this.activeSeq = seq;
    this.activeBytes = (await this.handle.stat()).size;
    this.plainSizes.set(seq, this.activeBytes);
  }

  private async recover(): Promise<void> {
    const dir = this.options.dir;
    for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) unlinkSync(path.join(dir, name));
    const segments = listSegments(dir);
    for (const segment of segments) {
      const plain = path.join(dir, segmentName(segment.seq));
      if (segment.gzipped) {
        // A gzip renamed into place is complete; a plain copy beside it was about to be removed.
        if (existsSync(plain)) unlinkSync(plain);
        this.gzipped.add(segment.seq);
      } else {
        this.plainSizes.set(segment.seq, cutTornLine(plain));
      }
    }
    const last = segments.at(-1);
    await this.openActive(last && !last.gzipped ? last.seq : (last?.seq ?? 0) + 1);
    this.totalBytes = folderBytes(dir);
    // Closed plain segments left by an earlier run (e.g. killed before its gzip) are compacted now.
    if (this.options.gzipOnRotate) this.compactBefore(this.activeSeq);
  }

  private committedSize(seq: number): number | undefined {
    const plain = this.plainSizes.get(seq);
    if (plain !== undefined) return plain;
    if (this.gzipped.has(seq)) return this.gunzipped(seq).length;
    return undefined;
  }

  private nextSegmentAfter(seq: number): number | undefined {
    let next: number | undefined;
    for (const s of [...this.plainSizes.keys(), ...this.gzipped]) if (s > seq && (next === undefined || s < next)) next = s;
    return next;
  }

  private readChunk(seq: number, offset: number, length: number): Buffer {
    if (!this.plainSizes.has(seq)) return this.gunzipped(seq).subarray(offset, offset + length);
    const buffer = Buffer.allocUnsafe(length);
    const fd = openSync(path.join(this.options.dir, segmentName(seq)), 'r');
    try {
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buffer, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return buffer.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  }

  private gunzipped(seq: number): Buffer {
    if (this.gunzipCache?.seq !== seq) {
      this.gunzipCache = { seq, data: gunzipSync(readFileSync(path.join(this.options.dir, segmentName(seq, true)))) };
    }
    return this.gunzipCache.data;
  }
}

/** Cuts a segment back to its last newline (a line torn by a crash was never acknowledged). */
function cutTornLine(file: string): number {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return 0;
    const tail = Buffer.allocUnsafe(Math.min(size, 64 * 1024));
    let end = size;
    // Walk back in 64 KB windows until a newline (or the start of the file) is found.
    while (end > 0) {
      const start = Math.max(0, end - tail.length);
      const n = readSync(fd, tail, 0, end - start, start);
      const cut = tail.subarray(0, n).lastIndexOf(0x0a);
      if (cut >= 0) {
        const keep = start + cut + 1;
        if (keep !== size) ftruncateSync(fd, keep);
        return keep;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
    return 0;
  } finally {
    closeSync(fd);
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    try {
      total += statSync(path.join(dir, name)).size;
    } catch {
      // Removed meanwhile.
    }
  }
  return total;
}

/** Reads every statement line of a journal folder, oldest first (for tests and `tandem report`). */
export async function readJournalLines(dir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const segment of listSegments(dir)) {
    const data = segment.gzipped ? gunzipSync(await readFile(segment.file)) : await readFile(segment.file);
    const text = data.toString('utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete) lines.push(...complete.slice(0, -1).split('\n'));
  }
  return lines;
}

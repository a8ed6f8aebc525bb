/**
 * A plain statement file cut into byte ranges that parse workers read on their own (parallelParse),
 * so the main thread neither reads nor copies the bytes. A line belongs to the range holding its
 * first byte: a range skips the line it starts inside (the range before owns it) and reads past
 * its end to finish its own last line. Line numbers are counted from the range's first line and
 * made absolute by the reader, which takes the ranges in order; the rules (a BOM on line 1 only,
 * CR dropped, blank lines numbered but skipped) are those of statementLines' linesOfStream.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** [start, end) byte offsets covering a file of `size` bytes, `rangeBytes` each (the last shorter). */
export function byteRanges(size: number, rangeBytes: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < size; start += rangeBytes) ranges.push([start, Math.min(size, start + rangeBytes)]);
  return ranges;
}

/** The bytes of the lines a range owns: `buffer[from, to)`, each line ending in LF but perhaps the file's last. */
export interface OwnedBytes {
  buffer: Buffer;
  from: number;
  to: number;
}

/** Bytes read past a range's end at a time, to finish its last line. */
const TAIL_BYTES = 1 << 16;

/**
 * Reads the lines whose first byte lies in [start, end) of `file` (`size` bytes when the ranges were
 * cut: bytes appended since belong to no range). `scratch` is reused between calls when large enough.
 */
export function readOwnedBytes(file: string, size: number, start: number, end: number, scratch?: Buffer): OwnedBytes {
  const fd = openSync(file, 'r');
  try {
    // One byte before the range says whether a line starts exactly at `start`.
    const readFrom = start > 0 ? start - 1 : 0;
    let buffer = scratch && scratch.length >= end - readFrom + TAIL_BYTES ? scratch : Buffer.allocUnsafe(end - readFrom + TAIL_BYTES);
    let length = readFully(fd, buffer, 0, end - readFrom, readFrom);
    let from = 0;
    if (start > 0) {
      // Our first line starts after the first newline (which may be the byte before the range).
      const newline = buffer.indexOf(10);
      from = newline === -1 ? length : newline + 1;
    }
    // No line starts in the range (a newline at its last byte starts the next range's first line).
    if (from >= length) return { buffer, from: 0, to: 0 };
    let to = length;
    while (buffer[to - 1] !== 10 && readFrom + to < size) {
      if (buffer.length < to + TAIL_BYTES) {
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, to + TAIL_BYTES));
        buffer.copy(grown, 0, 0, to);
        buffer = grown;
      }
      const read = readFully(fd, buffer, to, Math.min(TAIL_BYTES, size - readFrom - to), readFrom + to);
      if (read === 0) break;
      const newline = buffer.indexOf(10, to);
      length = to + read;
      to = newline !== -1 && newline < length ? newline + 1 : length;
    }
    return { buffer, from, to };
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, offset + done, length - done, position + done);
    if (read === 0) break; // The file is shorter than it was: its end is where it ends now.
    done += read;
  }
  return done;
}

/**
 * Calls `fn` for each non-blank line of `buffer[from, to)` with its number counted from 1 at
 * `from`; returns how many lines (blank ones too) the bytes hold. `atFileStart`: `from` is the
 * file's first byte, where a byte-order mark is not part of the statement.
 */
export function forEachOwnedLine(buffer: Buffer, from: number, to: number, atFileStart: boolean, fn: (text: string, line: number) => void): number {
  let line = 0;
  let start = from;
  while (start < to) {
    let end = buffer.indexOf(10, start);
    if (end === -1 || end > to) end = to;
    line++;
    let begin = start;
    if (line === 1 && atFileStart && buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf && start + 3 <= end) begin = start + 3;
    let stop = end;
    if (stop > begin && buffer[stop - 1] === 13) stop--;
    const text = buffer.toString('utf8', begin, stop);
    if (text.trim() !== '') fn(text, line);
    start = end + 1;
  }
  return line;
}

/**
 * The journal's files: `statements-000001.ndjson` segments, one accepted statement per line, in
 * the order they were accepted. A closed segment may be gzipped to `statements-000001.ndjson.gz`
 * (same lines). `tandem report --statements <dir>` reads both; so can `zcat`/`cat`.
 */
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const SEGMENT_PATTERN = /^statements-(\d{6,})\.ndjson(\.gz)?$/;

export function segmentName(seq: number, gzipped = false): string {
  return `statements-${String(seq).padStart(6, '0')}.ndjson${gzipped ? '.gz' : ''}`;
}

export interface SegmentFile {
  seq: number;
  gzipped: boolean;
  file: string;
}

/** Segments in the folder, oldest first; a segment present both plain and gzipped is listed once, gzipped. */
export function listSegments(dir: string): SegmentFile[] {
  const bySeq = new Map<number, SegmentFile>();
  for (const name of readdirSync(dir)) {
    const match = SEGMENT_PATTERN.exec(name);
    if (!match) continue;
    const seq = Number(match[1]);
    const gzipped = match[2] !== undefined;
    const known = bySeq.get(seq);
    if (!known || gzipped) bySeq.set(seq, { seq, gzipped, file: path.join(dir, name) });
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A rename or create is durable only once its folder is fsynced (POSIX: the entry lives in the folder). */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A position in the journal: the byte offset of the next line in a segment. */
export interface JournalPosition {
  segment: number;
  offset: number;
}

export function comparePositions(a: JournalPosition, b: JournalPosition): number {
  return a.segment - b.segment || a.offset - b.offset;
}

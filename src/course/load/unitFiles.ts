/**
 * Every file of one unit folder, read once: the loader decodes the three sources from these
 * bytes, and the content hash (for caches and release manifests) is computed from the same bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from './listFiles.js';

export interface UnitFiles {
  /** Relative paths with '/' separators, sorted. */
  list: string[];
  has(relative: string): boolean;
  /** The file's bytes, read on first use. */
  bytes(relative: string): Buffer;
  size(relative: string): number;
  /** sha256 over every file's path and bytes in sorted order: equal on every machine. */
  contentHash(): string;
}

export function readUnitFiles(dir: string): UnitFiles {
  const list = listFiles(dir).sort();
  const known = new Set(list);
  const cache = new Map<string, Buffer>();
  const bytes = (relative: string) => {
    let data = cache.get(relative);
    if (!data) {
      data = readFileSync(path.join(dir, relative));
      cache.set(relative, data);
    }
    return data;
  };
  let hash: string | undefined;
  return {
    list,
    has: (relative) => known.has(relative),
    bytes,
    size: (relative) => cache.get(relative)?.length ?? statSync(path.join(dir, relative)).size,
    contentHash() {
      if (hash === undefined) {
        const h = createHash('sha256');
        for (const file of list) {
          h.update(file).update('\0');
          // Sources are read anyway; assets (a video can be hundreds of MB) are hashed in chunks, never held whole.
          const held = cache.get(file) ?? (SOURCES.has(file) ? bytes(file) : undefined);
          if (held) h.update(held);
          else hashFile(h, path.join(dir, file));
          h.update('\0');
        }
        hash = h.digest('hex');
      }
      return hash;
    },
  };
}

/** The files the loader decodes: kept in memory once read. */
const SOURCES = new Set(['unit.yaml', 'lesson.md', 'job-aid.md']);
const CHUNK = 1024 * 1024;

function hashFile(hash: Hash, file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let read = readSync(fd, buffer, 0, CHUNK, null); read > 0; read = readSync(fd, buffer, 0, CHUNK, null)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

/**
 * A deterministic zip writer: the same entries always give the same bytes, so a rebuild of the
 * same course yields an identical package (reproducible builds; an LMS or a release manifest can
 * compare hashes). Every target that ships a zip (SCORM 1.2, xAPI, cmi5) writes it through here.
 *
 * What makes it deterministic, and why each choice:
 * - entries sorted by path, so the order of the caller's file list does not leak into the bytes;
 * - one timestamp for every entry, from SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/),
 *   never the file system's or the wall clock's;
 * - no extra fields (no extended timestamps, no uid/gid), no comments, fixed permissions (0644);
 * - deflate at a fixed level, falling back to stored when deflate does not shrink the data;
 *   media and fonts, compressed already, are always stored.
 *
 * Format: PKWARE APPNOTE 6.3.x, sections 4.3.7 (local header), 4.3.12 (central directory) and
 * 4.3.16 (end of central directory). No ZIP64: a microlesson package is far below its limits,
 * and older LMS importers do not read ZIP64.
 */
import { compressEntry, type CompressionCache } from './compressedEntries.js';

export interface ZipEntry {
  /** Path inside the zip, with '/' separators, relative (no leading '/', no '..'). */
  path: string;
  bytes: Uint8Array;
}

export interface ZipOptions {
  /** Seconds since the epoch, stamped on every entry (UTC; zip times have 2-second resolution). */
  modifiedAt: number;
  /** Shared by the zips of one build, so content that repeats across packages is deflated once. */
  cache?: CompressionCache;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 2.0: deflate. */
const VERSION_NEEDED = 20;
/** Upper byte 3 = Unix, so the external attributes below are read as Unix permissions. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Regular file, rw-r--r--. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** APPNOTE 4.4.4 bit 11: file name is UTF-8. */
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

/** Builds a zip archive in memory. Throws on unsafe or duplicate paths (a bug in the caller). */
export async function writeZip(entries: readonly ZipEntry[], options: ZipOptions): Promise<Uint8Array> {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    assertSafePath(sorted[i]!.path);
    if (i > 0 && sorted[i]!.path === sorted[i - 1]!.path) throw new Error(`Duplicate zip entry: ${sorted[i]!.path}`);
  }
  if (sorted.length > MAX_ENTRIES) throw new Error(`A zip holds at most ${MAX_ENTRIES} entries without ZIP64; got ${sorted.length}.`);
  const { time, date } = toDosDateTime(options.modifiedAt);
  const compressed = await Promise.all(sorted.map((entry) => compressEntry(entry.path, entry.bytes, options.cache)));

  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [index, entry] of sorted.entries()) {
    const name = Buffer.from(entry.path, 'utf8');
    const flags = /[^\x20-\x7e]/.test(entry.path) ? FLAG_UTF8 : 0;
    const { crc, deflated } = compressed[index]!;
    // Stored when deflate does not shrink the data (PDFs, images).
    const data = deflated ?? entry.bytes;
    const method = deflated ? METHOD_DEFLATE : METHOD_STORE;
    if (entry.bytes.length > MAX_SIZE || offset > MAX_SIZE) throw new Error(`Zip too large without ZIP64 at ${entry.path}.`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(entry.bytes.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra field length, comment length, disk number start, internal attributes: all 0
    header.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
    header.writeUInt32LE(offset, 42);

    chunks.push(local, name, data);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }

  const centralSize = central.reduce((sum, c) => sum + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}

/**
 * MS-DOS date and time (APPNOTE 4.4.6) of a Unix time, in UTC so the bytes do not depend on the
 * build machine's time zone. Clamped to what the format can hold: 1980-01-01 to 2107-12-31.
 */
export function toDosDateTime(epochSeconds: number): { date: number; time: number } {
  const min = Date.UTC(1980, 0, 1) / 1000;
  const max = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000;
  const d = new Date(Math.min(Math.max(epochSeconds, min), max) * 1000);
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** LMS importers unpack on the server: reject names that could escape the target folder (zip slip). */
function assertSafePath(p: string): void {
  if (!p || p.startsWith('/') || p.includes('\\') || p.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`Unsafe zip entry path: "${p}"`);
  }
}

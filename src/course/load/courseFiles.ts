/**
 * Reading a course without reading outside it. Whatever Tandem reads can end up in a package that
 * is uploaded to an LMS and unzipped by anyone, so a link in a course (a theme file pointing at
 * /etc/passwd, an asset pointing at ~/.ssh/id_rsa, a config pointing at /proc/self/environ with a
 * CI job's secrets) must never be followed out of the folder it belongs to. Every read here:
 *
 * - resolves links and refuses a file whose real path leaves its boundary (the course, the unit
 *   folder, or Tandem's own themes);
 * - opens the real path with O_NOFOLLOW and checks the open file is a regular file, so a device
 *   (/dev/zero), a FIFO (which would block the read forever) or a socket is refused, and a link
 *   swapped in after the check is not followed;
 * - reads at most `maxBytes + 1` bytes, whatever `stat` says: /proc files report size 0, and a
 *   file can grow while it is read.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';

/** Why a file was not read. */
export type FileProblem =
  | { kind: 'outside'; target: string }
  | { kind: 'not-regular'; what: string }
  | { kind: 'too-large'; bytes: number; limit: number }
  | { kind: 'unreadable'; reason: string };

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; problem: FileProblem };

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. Both flags are
// POSIX; on Windows they are undefined and links are checked through realpath alone.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** True when `file` is `dir` or below it (both absolute and already resolved). */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * `file`'s real path when it stays inside `boundary` (links resolved on both sides). A caller
 * reading many files of one folder passes the folder's real path once as `realBoundary`.
 */
export function realPathWithin(file: string, boundary: string, realBoundary?: string): { ok: true; real: string } | { ok: false; problem: FileProblem } {
  let real: string;
  try {
    real = realpathSync.native(file);
    realBoundary ??= realpathSync.native(boundary);
  } catch (error) {
    return { ok: false, problem: { kind: 'unreadable', reason: errorCode(error) } };
  }
  return isInside(real, realBoundary) ? { ok: true, real } : { ok: false, problem: { kind: 'outside', target: real } };
}

/** Reads `file` if it is a regular file whose real path stays inside `boundary`, up to `maxBytes`. */
export function readFileWithin(file: string, boundary: string, maxBytes: number, realBoundary?: string): FileRead {
  const where = realPathWithin(file, boundary, realBoundary);
  return where.ok ? readRegularFile(where.real, maxBytes) : where;
}

/** Reads a regular file (never through a link at its last component) up to `maxBytes`. */
export function readRegularFile(file: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    // ELOOP: the file became a link after it was checked.
    return { ok: false, problem: code === 'ELOOP' ? { kind: 'not-regular', what: 'a link' } : { kind: 'unreadable', reason: code } };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, problem: { kind: 'not-regular', what: describe(stats) } };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Sized from stat when it can be trusted (one byte more, to see the end or growth), 64 KiB chunks
      // when it cannot (/proc says 0), never past the cap. Not 64 KiB for every file: a course reads
      // thousands of small files, and each chunk's memory stays with the bytes kept.
      const want = stats.size > total ? stats.size - total + 1 : stats.size === 0 ? 1 << 16 : 1 << 12;
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total, 1 << 24));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { ok: false, problem: { kind: 'too-large', bytes: Math.max(stats.size, total), limit: maxBytes } };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, problem: { kind: 'unreadable', reason: errorCode(error) } };
  } finally {
    closeSync(fd);
  }
}

export interface FolderListing {
  /** Regular files (or links to regular files inside the folder), relative with '/' separators, sorted by code point. */
  files: string[];
  /** Entries that are not read, and why: links leading out, links to folders, devices, FIFOs, sockets. */
  refused: Map<string, FileProblem>;
}

/**
 * Every file below `dir`, relative with '/' separators, in a fixed (code point) order so hashes
 * over the list are equal on every machine. Dotfiles (.DS_Store, editor swap files) are skipped;
 * a missing folder lists as empty. A link is listed when it leads to a regular file inside
 * `boundary` (default: `dir` itself), and refused otherwise.
 */
export function listFolder(dir: string, boundary = dir): FolderListing {
  const listing: FolderListing = { files: [], refused: new Map() };
  walk(dir, '', listing, boundary);
  return listing;
}

function walk(dir: string, prefix: string, listing: FolderListing, boundary: string): void {
  let entries;
  try {
    entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) walk(dir, rel, listing, boundary);
    else if (e.isFile()) listing.files.push(rel);
    else if (e.isSymbolicLink()) {
      const where = realPathWithin(path.join(dir, rel), boundary);
      if (!where.ok) listing.refused.set(rel, where.problem);
      else if (!safeStat(where.real)?.isFile()) listing.refused.set(rel, { kind: 'not-regular', what: describeTarget(where.real) });
      else listing.files.push(rel);
    } else listing.refused.set(rel, { kind: 'not-regular', what: describeDirent(e) });
  }
}

function safeStat(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function describeTarget(file: string): string {
  const stats = safeStat(file);
  return stats?.isDirectory() ? 'a link to a folder' : stats ? `a link to ${describe(stats)}` : 'a broken link';
}

/** In words, for diagnostics: what kind of file this is. */
export function describe(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a link';
  return 'a regular file';
}

function describeDirent(e: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (e.isFIFO()) return 'a named pipe (FIFO)';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice() || e.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}

/** The diagnostic for a file that was not read; `name` is how the message names it, `boundary` the folder it must stay in. */
export function diagnoseFileProblem(problem: FileProblem, name: string, boundary: string, at: Location): Diagnostic {
  switch (problem.kind) {
    case 'outside':
      return diagnose('FILE_OUTSIDE_COURSE', { name, target: problem.target, boundary }, at);
    case 'not-regular':
      return diagnose('FILE_NOT_REGULAR', { name, what: problem.what }, at);
    case 'too-large':
      return diagnose('FILE_TOO_LARGE', { bytes: problem.bytes, limit: problem.limit }, at);
    case 'unreadable':
      return diagnose('FILE_UNREADABLE', { reason: problem.reason }, at);
  }
}

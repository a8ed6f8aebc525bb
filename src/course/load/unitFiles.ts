/**
 * Every file of one unit folder, read once: the loader decodes the three sources from these
 * bytes, the content hash (for caches and release manifests) is computed from the same bytes,
 * and the packagers take assets from here too, so what was checked is what is packaged.
 *
 * Only regular files inside the unit folder are read (see courseFiles): a link leading out of the
 * unit, a device or a pipe is kept in `refused` with the reason, for the checks to report where
 * it is referenced. Every read is capped: a YAML or Markdown source at MAX_TEXT_FILE_BYTES (just
 * past it, so the loader can say it is too large), anything else at MAX_ASSET_BYTES.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticError } from '../../diagnostics/diagnosticError.js';
import { diagnoseFileProblem, listFolder, readFileWithin, type FileProblem } from './courseFiles.js';
import { MAX_TEXT_FILE_BYTES } from './readTextFile.js';

/** The largest asset Tandem packages: a few minutes of HD video fit; a 4 GB recording does not belong in a SCORM zip. */
export const MAX_ASSET_BYTES = 512 * 1024 * 1024;

export interface UnitFiles {
  /** Relative paths with '/' separators, sorted. */
  list: string[];
  has(relative: string): boolean;
  /** The file's bytes (only for files in `list`). */
  bytes(relative: string): Buffer;
  /** The file's size in bytes (only for files in `list`). */
  size(relative: string): number;
  /** Entries of the folder that were not read, and why. */
  refused: ReadonlyMap<string, FileProblem>;
  /** sha256 over every file's path and bytes in sorted order: equal on every machine. */
  contentHash(): string;
}

const TEXT_SOURCE = /^[^/]+\.(ya?ml|md)$/;

export function readUnitFiles(dir: string): UnitFiles {
  const listing = listFolder(dir);
  const refused = new Map(listing.refused);
  const data = new Map<string, Buffer>();
  // The folder's real path, resolved once for all its files (each file's own is still resolved at its read).
  const realDir = realPathOf(dir);
  for (const relative of listing.files) {
    const read = readFileWithin(path.join(dir, relative), dir, TEXT_SOURCE.test(relative) ? MAX_TEXT_FILE_BYTES : MAX_ASSET_BYTES, realDir);
    if (read.ok) data.set(relative, read.bytes);
    else refused.set(relative, read.problem);
  }
  return unitFilesOf(dir, data, refused);
}

function realPathOf(dir: string): string | undefined {
  try {
    return realpathSync.native(dir);
  } catch {
    // Reported per file by readFileWithin, which resolves it again.
    return undefined;
  }
}

function unitFilesOf(dir: string, data: ReadonlyMap<string, Buffer>, refused: ReadonlyMap<string, FileProblem>): UnitFiles {
  const list = [...data.keys()].sort();
  let hash: string | undefined;
  return {
    list,
    has: (relative) => data.has(relative),
    bytes(relative) {
      const bytes = data.get(relative);
      if (!bytes) throw new Error(`${relative} is not a readable file of ${dir}.`);
      return bytes;
    },
    size: (relative) => data.get(relative)?.length ?? 0,
    refused,
    contentHash() {
      if (hash === undefined) {
        const h = createHash('sha256');
        for (const file of list) h.update(file).update('\0').update(data.get(file)!).update('\0');
        hash = h.digest('hex');
      }
      return hash;
    },
  };
}

/**
 * One asset of a unit, read again at build time under the same rules as at load time, so a file
 * swapped for a link between `check` and packaging is still refused. Throws a DiagnosticError
 * (reported against the unit) when the file cannot be packaged.
 */
export function readUnitAsset(unitDir: string, relative: string, unitId: string): Buffer {
  const file = path.join(unitDir, relative);
  const read = readFileWithin(file, unitDir, MAX_ASSET_BYTES);
  if (read.ok) return read.bytes;
  throw new DiagnosticError(diagnoseFileProblem(read.problem, `"${relative}"`, 'the unit folder', { file, line: 1, column: 1, unitId }));
}

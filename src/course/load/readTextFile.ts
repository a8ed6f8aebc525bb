import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnoseFileProblem, readFileWithin } from './courseFiles.js';

/** Course text files are small by design; anything bigger is a mistake (or an attack on the checker). */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type TextFile = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a YAML or Markdown source of the course in `courseRoot` as UTF-8, refusing links that
 * lead out of the course, devices and pipes, binary data and oversized files with a diagnostic
 * instead of a crash or a leak (see courseFiles). Synchronous on purpose: course files are small,
 * and sync reads of small files are several times faster than the thread-pool round trips of
 * fs/promises (the 1,000-unit check benchmark spent half its time in open/fstat/close).
 */
export function readTextFile(file: string, courseRoot: string, unitId?: string): TextFile {
  const at = { file, line: 1, column: 1, unitId };
  const read = readFileWithin(file, courseRoot, MAX_TEXT_FILE_BYTES);
  if (!read.ok) return { ok: false, diagnostic: diagnoseFileProblem(read.problem, path.relative(courseRoot, file), 'the course folder', at) };
  return decodeText(read.bytes, file, unitId);
}

/** UTF-8 text or a diagnostic; a leading BOM is dropped so positions match what editors show. */
export function decodeText(bytes: Uint8Array, file: string, unitId?: string): TextFile {
  const at = { file, line: 1, column: 1, unitId };
  if (bytes.length > MAX_TEXT_FILE_BYTES) return { ok: false, diagnostic: diagnose('FILE_TOO_LARGE', { bytes: bytes.length, limit: MAX_TEXT_FILE_BYTES }, at) };
  if (bytes.includes(0)) return { ok: false, diagnostic: diagnose('FILE_NOT_TEXT', {}, at) };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, diagnostic: diagnose('FILE_NOT_TEXT', {}, at) };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

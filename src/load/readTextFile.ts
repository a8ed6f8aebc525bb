import { readFile, stat } from 'node:fs/promises';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';

/** Course text files are small by design; anything bigger is a mistake (or an attack on the checker). */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type TextFile = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a YAML or Markdown source as UTF-8, refusing binary data and oversized files with a
 * diagnostic instead of a crash. A leading BOM is dropped so positions match what editors show.
 */
export async function readTextFile(file: string, unitId?: string): Promise<TextFile> {
  const at = { file, line: 1, column: 1, unitId };
  try {
    const info = await stat(file);
    if (info.size > MAX_TEXT_FILE_BYTES) {
      return { ok: false, diagnostic: diagnose('FILE_TOO_LARGE', { bytes: info.size, limit: MAX_TEXT_FILE_BYTES }, at) };
    }
    const bytes = await readFile(file);
    if (bytes.includes(0)) return { ok: false, diagnostic: diagnose('FILE_NOT_TEXT', {}, at) };
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { ok: false, diagnostic: diagnose('FILE_NOT_TEXT', {}, at) };
    }
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, diagnostic: diagnose('FILE_UNREADABLE', { reason }, at) };
  }
}

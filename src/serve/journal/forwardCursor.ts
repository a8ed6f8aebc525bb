/**
 * How far the forwarder has delivered: the journal position after the last statement the LRS
 * acknowledged. Saved as `forward-cursor.json` by write-temp, fsync, rename, so a crash leaves
 * either the old or the new cursor, never a torn one. A crash between the LRS's answer and the
 * save re-sends that batch after restart; the LRS stores each statement id once (xAPI 1.0.3
 * Communication §2.1.2), so the re-send stores nothing twice.
 */
import { readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { JournalPosition } from './segments.js';

export const CURSOR_FILE = 'forward-cursor.json';

export function loadCursor(dir: string): JournalPosition {
  try {
    const saved = JSON.parse(readFileSync(path.join(dir, CURSOR_FILE), 'utf8')) as Partial<JournalPosition>;
    if (Number.isInteger(saved.segment) && Number.isInteger(saved.offset) && saved.segment! >= 0 && saved.offset! >= 0) {
      return { segment: saved.segment!, offset: saved.offset! };
    }
  } catch {
    // No cursor yet: nothing was forwarded, start at the beginning.
  }
  return { segment: 0, offset: 0 };
}

/**
 * Asynchronous (on libuv's thread pool), so the fsync never stalls the event loop that answers
 * requests. The folder is not fsynced: if the rename is lost in a crash the previous cursor comes
 * back and one batch is re-sent, which the LRS stores once (its ids are known).
 */
export async function saveCursor(dir: string, position: JournalPosition): Promise<void> {
  const file = path.join(dir, CURSOR_FILE);
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify({ segment: position.segment, offset: position.offset }) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

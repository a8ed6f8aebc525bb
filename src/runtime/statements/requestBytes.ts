/**
 * Request bodies counted as browsers and servers count them: in UTF-8 bytes. The keepalive
 * requests a page may leave in flight when it closes are limited to 64 KiB in total (Fetch
 * standard, "keepalive"), and a JavaScript string's length counts UTF-16 units, not bytes.
 */
import type { StoredEntry } from './queueStore.js';

/** UTF-8 bytes: what request body limits count (a JavaScript string's length counts UTF-16 units). */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The oldest entries whose JSON array fits `budget` bytes (none if even the first does not). */
export function byteBounded(entries: StoredEntry[], budget: number): StoredEntry[] {
  let size = 2;
  const batch: StoredEntry[] = [];
  for (const e of entries) {
    size += byteLength(JSON.stringify(e.entry.statement)) + 1;
    if (size > budget) break;
    batch.push(e);
  }
  return batch;
}

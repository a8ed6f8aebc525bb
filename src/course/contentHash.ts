import { createHash } from 'node:crypto';

/** Hex sha256 of text or bytes: the content hash behind unit hashes, cache keys and release ids. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Gzips a closed journal segment crash-safely: write `<name>.gz.tmp`, fsync, rename to
 * `<name>.gz`, fsync the folder. The caller removes the plain file afterwards; a crash in between
 * leaves both, and the journal's recovery keeps the gzip (a rename is all-or-nothing).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { fsyncDir, segmentName } from './segments.js';

export async function gzipSegment(dir: string, seq: number): Promise<{ plainBytes: number; gzipBytes: number }> {
  const plain = path.join(dir, segmentName(seq));
  const gz = path.join(dir, segmentName(seq, true));
  const tmp = `${gz}.tmp`;
  await pipeline(createReadStream(plain), createGzip(), createWriteStream(tmp));
  const handle = await open(tmp, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, gz);
  fsyncDir(dir);
  return { plainBytes: (await stat(plain)).size, gzipBytes: (await stat(gz)).size };
}

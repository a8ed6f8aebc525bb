import { realpathSync } from 'node:fs';
import { readRegularFile } from '../../course/load/courseFiles.js';
import type { ReleaseManifest } from '../../release/releaseManifest.js';

/** A release manifest lists one entry per artifact; a 10,000-unit catalog stays under a few MB. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * Reads a release manifest named on the command line: a regular file (links followed, as the user
 * named it), read with a cap, so `--changed-since /dev/zero` or a FIFO fails at once instead of
 * filling memory or waiting forever. Throws an Error whose message says why.
 */
export function readManifestFile(file: string): ReleaseManifest {
  const read = readRegularFile(realpathSync.native(file), MAX_MANIFEST_BYTES);
  if (!read.ok) {
    const p = read.problem;
    throw new Error(
      p.kind === 'not-regular' ? `it is ${p.what}, not a file` : p.kind === 'too-large' ? `it is larger than ${p.limit} bytes` : p.kind === 'unreadable' ? p.reason : 'it cannot be read',
    );
  }
  return JSON.parse(read.bytes.toString('utf8')) as ReleaseManifest;
}

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sink } from './sink.js';

/**
 * Writes under an output folder. Each file is written to a temporary name and renamed into place,
 * so an interrupted build never leaves a half-written artifact that looks complete.
 */
export class DiskSink implements Sink {
  constructor(readonly outDir: string) {}

  async write(relativePath: string, bytes: Uint8Array): Promise<void> {
    const target = path.resolve(this.outDir, relativePath);
    if (!target.startsWith(path.resolve(this.outDir) + path.sep)) {
      throw new Error(`Refusing to write outside the output folder: ${relativePath}`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

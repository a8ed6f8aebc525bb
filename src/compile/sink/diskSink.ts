import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lockOutDir, notWritable } from './outLock.js';
import type { Sink } from './sink.js';

/**
 * Writes under an output folder. Each file is written to a temporary name and renamed into place,
 * so an interrupted build never leaves a half-written artifact that looks complete. `open` checks
 * up front that the folder can be written (OUT_NOT_WRITABLE) and locks it (OUT_LOCKED).
 */
export class DiskSink implements Sink {
  private release?: () => Promise<void>;

  constructor(readonly outDir: string) {}

  get label(): string {
    return path.resolve(this.outDir);
  }

  async open(): Promise<void> {
    const dir = path.resolve(this.outDir);
    try {
      await mkdir(dir, { recursive: true });
      // mkdir accepts an existing path; it must be a folder.
      if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
    } catch (error) {
      throw notWritable(dir, error);
    }
    this.release = await lockOutDir(dir);
  }

  async write(relativePath: string, bytes: Uint8Array): Promise<void> {
    const target = this.resolve(relativePath);
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

  async remove(relativePath: string): Promise<void> {
    await rm(this.resolve(relativePath), { force: true });
  }

  async close(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    await release?.();
  }

  private resolve(relativePath: string): string {
    const target = path.resolve(this.outDir, relativePath);
    if (!target.startsWith(path.resolve(this.outDir) + path.sep)) {
      throw new Error(`Refusing to write outside the output folder: ${relativePath}`);
    }
    return target;
  }
}

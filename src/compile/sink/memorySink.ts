import type { Sink } from './sink.js';

/** Keeps artifacts in a map, so tests build whole courses without touching disk. */
export class MemorySink implements Sink {
  readonly files = new Map<string, Uint8Array>();

  async write(relativePath: string, bytes: Uint8Array): Promise<void> {
    this.files.set(relativePath, bytes);
  }

  async remove(relativePath: string): Promise<void> {
    this.files.delete(relativePath);
  }
}

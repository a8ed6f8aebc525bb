/**
 * Deflated entry data, computed off the main thread and remembered for the build.
 *
 * Most bytes in a build's zips repeat: the player script and stylesheet go into every package,
 * and a unit's job aid and assets into its unit package, its path packages and each lesson target.
 * Deflating each distinct content once (keyed by its sha1) took the 1,000-unit package build from
 * spending most of its time in zlib to a fraction of it; zlib's async API runs on libuv's
 * thread pool, so the remaining deflate work uses the other cores.
 * Deflate output depends only on the input and the level, so caching cannot change any byte.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);
const LEVEL = 9;

export interface CompressedEntry {
  crc: number;
  /** Deflated bytes, or undefined when deflate does not shrink the data (stored instead). */
  deflated?: Uint8Array;
}

/** Remembers compressed entries up to a byte budget, dropping the least recently used first. */
export class CompressionCache {
  private readonly entries = new Map<string, Promise<CompressedEntry>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly budget = 64 * 1024 * 1024) {}

  get(data: Uint8Array): Promise<CompressedEntry> {
    // Small entries are cheap to deflate and rarely repeat; hashing them would cost as much.
    if (data.length < 2048) return compress(data);
    const key = createHash('sha1').update(data).digest('base64');
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = compress(data);
    this.entries.set(key, made);
    this.sizes.set(key, data.length);
    this.bytes += data.length;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= this.sizes.get(oldest) ?? 0;
      this.sizes.delete(oldest);
    }
    return made;
  }
}

/**
 * Media and fonts are compressed already: deflate at level 9 gains nothing on them and costs
 * seconds and a second copy in memory per package (a 200 MB video in two targets: 54 s, 1.9 GB).
 * They are stored, which their formats expect anyway.
 */
const ALREADY_COMPRESSED = /\.(mp4|m4v|webm|ogv|mov|mp3|m4a|aac|ogg|oga|opus|flac|png|jpe?g|gif|webp|avif|woff2?|zip|gz)$/i;

/** The entry for `path`: stored without trying deflate when its format is compressed already. */
export function compressEntry(path: string, data: Uint8Array, cache?: CompressionCache): Promise<CompressedEntry> {
  if (ALREADY_COMPRESSED.test(path)) return Promise.resolve({ crc: crc32(data) });
  return cache ? cache.get(data) : compress(data);
}

export async function compress(data: Uint8Array): Promise<CompressedEntry> {
  const deflated = await deflate(data, { level: LEVEL });
  return { crc: crc32(data), deflated: deflated.length < data.length ? new Uint8Array(deflated) : undefined };
}

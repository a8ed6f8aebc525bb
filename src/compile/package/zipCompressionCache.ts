import type { BuildContext } from '../targets/target.js';
import { CompressionCache } from './compressedEntries.js';

/** The build's one compression cache, shared by every target that writes zips. */
export function zipCompressionCache(ctx: BuildContext): Promise<CompressionCache> {
  return ctx.shared.get('zip-compression-cache', async () => new CompressionCache());
}

import type { SharedResources } from '../sharedResources.js';
import { CompressionCache } from './compressedEntries.js';

/** The build's one compression cache, shared by every target that writes zips. */
export function zipCompressionCache(shared: SharedResources): Promise<CompressionCache> {
  return shared.get('zip-compression-cache', async () => new CompressionCache());
}

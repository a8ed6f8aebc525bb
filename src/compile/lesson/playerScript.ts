/**
 * The lesson player script for a tracking adapter, as bundled by `npm run build`
 * (scripts/bundle-runtime.mjs → dist/bundles/<adapter>.js). Pre-bundled rather than bundled at
 * `tandem build` time: users need no bundler installed, builds do no extra work, and every build
 * with one Tandem version ships byte-identical player code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SharedResources } from '../sharedResources.js';

/** dist/bundles of this Tandem: the same path from src/compile/lesson and from dist/compile/lesson. */
export const PLAYER_BUNDLES_DIR = fileURLToPath(new URL('../../../dist/bundles/', import.meta.url));

export type PlayerAdapter = 'scorm12' | 'scorm12-xapi' | 'xapi' | 'cmi5';

export function playerScript(adapter: PlayerAdapter, shared: SharedResources): Promise<Uint8Array> {
  return shared.get(`player-script:${adapter}`, async () => {
    const file = path.join(PLAYER_BUNDLES_DIR, `${adapter}.js`);
    try {
      return await readFile(file);
    } catch (error) {
      // A broken install or a source checkout that was never built: not a problem of the course.
      throw new Error(`The lesson player script ${file} is missing; run \`npm run build\` in the Tandem folder.`, { cause: error });
    }
  });
}

/**
 * Vitest global setup: bundle the browser runtime (src/runtime) exactly as `npm run build` does,
 * so every test that packages a lesson ships the current player, even without a prior build.
 */
// @ts-expect-error: a plain ES module script without type declarations.
import { bundleRuntime } from '../../scripts/bundle-runtime.mjs';

export default async function setup(): Promise<void> {
  await bundleRuntime();
}

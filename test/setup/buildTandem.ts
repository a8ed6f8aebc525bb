/**
 * Vitest global setup: build Tandem exactly as `npm run build` does (tsc into dist/, then the
 * browser runtime bundled into dist/bundles), so tests that package a lesson ship the current
 * player and tests that run `tandem` as a process run the current code, even without a prior build.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
// @ts-expect-error: a plain ES module script without type declarations.
import { bundleRuntime } from '../../scripts/bundle-runtime.mjs';

export default async function setup(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
  await bundleRuntime();
}

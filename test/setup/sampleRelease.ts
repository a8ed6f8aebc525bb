/**
 * Vitest global setup: build the sample course once per test run, with every target, into
 * out/test-sample (a real release on disk, PDFs included). Tests that only read the sample's
 * artifacts take them from there (test/support/sampleRelease.ts) instead of building again.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../src/compile/build.js';
import { DiskSink } from '../../src/compile/sink/diskSink.js';

export const SAMPLE_RELEASE_DIR = path.resolve('out/test-sample');

export default async function setup(project: TestProject): Promise<void> {
  rmSync(SAMPLE_RELEASE_DIR, { recursive: true, force: true });
  const result = await build({ courseDir: path.resolve('fixtures/sample-course'), targets: [], sink: new DiskSink(SAMPLE_RELEASE_DIR), browser: { env: process.env } });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`The sample course did not build for the tests: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  project.provide('sampleRelease', SAMPLE_RELEASE_DIR);
}

declare module 'vitest' {
  export interface ProvidedContext {
    sampleRelease: string;
  }
}

/** Builds the sample course's SCORM 1.2 packages in memory. */
import path from 'node:path';
import { build } from '../../../src/compile/build.js';
import { MemorySink } from '../../../src/compile/sink/memorySink.js';

export const SAMPLE_COURSE = path.resolve('fixtures/sample-course');

export async function buildScorm12(courseDir = SAMPLE_COURSE, sourceDateEpoch?: number) {
  const sink = new MemorySink();
  const result = await build({ courseDir, targets: ['scorm12'], sink, sourceDateEpoch });
  const zips = new Map([...sink.files].filter(([p]) => p.startsWith('scorm12/')));
  return { zips, diagnostics: result.diagnostics };
}

/** scorm12/<name>.zip → <name>, for mounting on the test LMS. */
export function byName(zips: ReadonlyMap<string, Uint8Array>): Record<string, Uint8Array> {
  return Object.fromEntries([...zips].map(([p, bytes]) => [path.basename(p, '.zip'), bytes]));
}

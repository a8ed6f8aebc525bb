/**
 * Builds every unit of a course for one target even when `tandem check` reports errors, which
 * `build()` never does. For the tests of the renderers' own defences: a payload that check
 * catches must still be harmless if it ever reached a renderer.
 */
import type { PageLender } from '../../src/browserPool/pagePool.js';
import { loadCourse } from '../../src/course/loadCourse.js';
import { SharedResources } from '../../src/compile/sharedResources.js';
import { findTarget } from '../../src/compile/targets/registry.js';
import type { BuildContext } from '../../src/compile/targets/target.js';

/** Output path → bytes of every artifact the target builds for the course's units. */
export async function buildDespiteErrors(courseDir: string, targetName: string, pages?: PageLender): Promise<Map<string, Uint8Array>> {
  const { course } = await loadCourse(courseDir);
  if (!course) throw new Error(`${courseDir} has no course to build`);
  const target = findTarget(targetName);
  if (!target?.planUnit) throw new Error(`No unit target named ${targetName}`);
  const shared = new SharedResources();
  const ctx: BuildContext = { course, shared, sourceDateEpoch: 315532800, buildId: 'test', buildIdFor: () => 'test', pages };
  const files = new Map<string, Uint8Array>();
  try {
    for (const unit of course.units) {
      for (const job of target.planUnit(unit, ctx)) {
        for (const artifact of (await target.build(job, ctx)).artifacts) files.set(artifact.path, artifact.bytes);
      }
    }
  } finally {
    await shared.disposeAll();
  }
  return files;
}

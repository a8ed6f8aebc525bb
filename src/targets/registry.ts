/**
 * The targets `tandem build --target` knows, in the order they are listed in help.
 * Each issue that adds an output format adds one line here.
 */
import { jobAidHtmlTarget } from './jobAid/jobAidHtmlTarget.js';
import { jobAidPdfTarget } from './jobAid/jobAidPdfTarget.js';
import type { Target } from './target.js';

export const TARGETS: readonly Target[] = [jobAidHtmlTarget, jobAidPdfTarget];

export function findTarget(name: string, targets: readonly Target[] = TARGETS): Target | undefined {
  return targets.find((t) => t.name === name);
}

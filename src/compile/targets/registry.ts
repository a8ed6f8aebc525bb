/**
 * The targets `tandem build --target` knows, in the order they are listed in help.
 * Each issue that adds an output format adds one line here.
 */
import { cardsTarget } from './cards/cardsTarget.js';
import { cmi5Target } from './cmi5/cmi5Target.js';
import { jobAidHtmlTarget } from './jobAid/jobAidHtmlTarget.js';
import { jobAidPdfTarget } from './jobAid/jobAidPdfTarget.js';
import { scorm12Target } from './scorm12/scorm12Target.js';
import type { Target } from './target.js';
import { xapiTarget } from './tincan/xapiTarget.js';

export const TARGETS: readonly Target[] = [scorm12Target, xapiTarget, cmi5Target, jobAidHtmlTarget, jobAidPdfTarget, cardsTarget];

export function findTarget(name: string, targets: readonly Target[] = TARGETS): Target | undefined {
  return targets.find((t) => t.name === name);
}

/**
 * The strict SCORM 1.2 rules the end-to-end files assert on every session. They live in product
 * code (src/runtime/contract/scorm12Rules.ts), shared with `tandem preview`'s live panel.
 */
export { longestSuspendData, scorm12Violations, writes } from '../../../src/runtime/contract/scorm12Rules.js';

/**
 * The review area: `tandem review` writes, for one unit, a self-contained HTML page per role (its
 * slice hash, what changed since its last approval or a given release or git ref, the content as
 * learners see it, and the `tandem approve` command), for reviewers without git. May import the
 * foundations only (sign-off slices and approvals come from release/).
 */
export { writeReview, type ReviewOptions, type ReviewResult } from './writeReview.js';

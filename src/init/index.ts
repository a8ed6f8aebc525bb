/**
 * The `tandem init` area: creates a new course from templates/starter that `tandem check` accepts
 * as it is. May import the foundations only.
 */
export { scaffoldCourse, type ScaffoldResult } from './scaffoldCourse.js';

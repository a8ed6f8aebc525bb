/** `check()`: stages config → discover → load → validate, for `tandem check` and editors. */
import { loadCourse, type LoadedCourse } from './loadCourse.js';

export type CheckResult = LoadedCourse;

export function check(courseDir: string): Promise<CheckResult> {
  return loadCourse(courseDir);
}

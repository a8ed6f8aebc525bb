/** `paths/<id>.yaml`: an ordered learning path. */
export interface LearningPath {
  id: string;
  title: string;
  file: string;
  /** Unit ids in order; all exist (paths naming missing units are not loaded into a course). */
  unitIds: string[];
}

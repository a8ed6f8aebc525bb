/**
 * Foundation: the course as Tandem understands it, and how it is read and checked.
 *
 * model/ (Unit, Lesson, JobAid, LearningPath, Course: plain data), config/ (tandem.config.yaml),
 * discover/ (which folders are units and paths), load/ (YAML and Markdown with positions),
 * validate/ (the JSON Schemas in schemas/ and the workflow rules, one module per rule), then
 * loadCourse.ts, which runs them and returns the course with every diagnostic.
 *
 * Every area starts here: compile builds what this loads, serve and report join by the objective
 * ids it reads. May import: diagnostics, release (the tool fingerprint). Imports no feature area.
 */
export { check, type CheckResult } from './check.js';
export { loadCourse, type LoadedCourse } from './loadCourse.js';
export { sha256 } from './contentHash.js';
export { escapeHtml } from './html/escapeHtml.js';
export type { Course, CourseConfig, PaperSize } from './model/course.js';
export type { JobAid } from './model/jobAid.js';
export type { Lesson, Question, Screen } from './model/lesson.js';
export type { LearningPath } from './model/path.js';
export type { Objective, Unit, UnitContract } from './model/unit.js';

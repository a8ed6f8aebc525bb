/**
 * The IRIs of a lesson's parts and of the containers statements are grouped under. They build on
 * the shared derivations in activityIris (objective, unit, lesson), so a lesson statement and a
 * job-aid statement name the same objective and unit with the same IRI. Everything derives from
 * the course's `base_iri` and authored ids only, never from build time or file order, so IRIs are
 * stable across rebuilds and an LRS keeps one history per question.
 */
import { extensionIri, lessonIri, unitIri } from './activityIris.js';

/** xAPI 1.0.3 §9.4 and the ADL registry: activity types of a lesson's parts and containers. */
export const LESSON_ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  /** A screen of the lesson, as in ADL's "module": a part of a lesson experienced in one go. */
  screen: 'http://adlnet.gov/expapi/activities/module',
  unit: 'http://adlnet.gov/expapi/activities/module',
} as const;

/** `…/units/refund-approval/cmi5-course`: the cmi5 course that wraps a single unit's AU. */
export function unitCourseIri(baseIri: string, unitId: string): string {
  return `${unitIri(baseIri, unitId)}/cmi5-course`;
}

/**
 * `…/units/refund-approval/lesson/questions/q2`. Question ids are authored or numbered in lesson
 * order (q1, q2…); docs/format.md tells authors to give ids when they reorder questions.
 */
export function questionIri(baseIri: string, unitId: string, questionId: string): string {
  return `${lessonIri(baseIri, unitId)}/questions/${questionId}`;
}

/** `…/units/refund-approval/lesson/screens/3` (1-based, as the learner counts them). */
export function screenIri(baseIri: string, unitId: string, screenNumber: number): string {
  return `${lessonIri(baseIri, unitId)}/screens/${screenNumber}`;
}

/** Context extensions every lesson statement carries, so an LRS query needs no IRI parsing. */
export function lessonExtensionIris(baseIri: string): { objectiveId: string; unitVersion: string; buildId: string } {
  return {
    objectiveId: extensionIri(baseIri, 'objective-id'),
    unitVersion: extensionIri(baseIri, 'unit-version'),
    buildId: extensionIri(baseIri, 'build-id'),
  };
}

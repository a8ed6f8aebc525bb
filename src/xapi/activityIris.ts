/**
 * The xAPI activity IRIs every Tandem artifact uses, derived from the course's `base_iri`. Lessons
 * and job aids must name the same objective with the same IRI, or "job-aid opens" and "lesson
 * results" for one objective cannot be joined in the LRS. Keep every derivation here.
 */

/** xAPI 1.0.3 §9.4: activity types. The objective type is ADL's; the others are registry vocabulary. */
export const ACTIVITY_TYPES = {
  objective: 'http://adlnet.gov/expapi/activities/objective',
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  /** A job aid is performance support, not a lesson: the registry's generic "resource". */
  jobAid: 'http://id.tincanapi.com/activitytype/resource',
} as const;

/**
 * `https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500`. Objective ids are limited to
 * letters, digits, `.`, `_` and `-` (checkObjectiveId), so they need no escaping in an IRI.
 */
export function objectiveIri(baseIri: string, objectiveId: string): string {
  return `${trimSlash(baseIri)}/objectives/${objectiveId}`;
}

/** `https://learn.acme.example/xapi/units/refund-approval`: the unit, parent of its lesson and job aid. */
export function unitIri(baseIri: string, unitId: string): string {
  return `${trimSlash(baseIri)}/units/${unitId}`;
}

/** `https://learn.acme.example/xapi/units/refund-approval/job-aid`. */
export function jobAidIri(baseIri: string, unitId: string): string {
  return `${unitIri(baseIri, unitId)}/job-aid`;
}

/** `https://learn.acme.example/xapi/units/refund-approval/lesson`. */
export function lessonIri(baseIri: string, unitId: string): string {
  return `${unitIri(baseIri, unitId)}/lesson`;
}

/** An extension key under the course's IRI space, e.g. `…/extensions/printed-version`. */
export function extensionIri(baseIri: string, name: string): string {
  return `${trimSlash(baseIri)}/extensions/${name}`;
}

/** `…/courses/acme-frontline`: the Tandem course, in every lesson statement's grouping. */
export function courseIri(baseIri: string, courseId: string): string {
  return `${trimSlash(baseIri)}/courses/${courseId}`;
}

/**
 * `…/courses/acme-frontline/lms-learners`: the account homePage of a learner a SCORM 1.2 package
 * (scorm12.report_xapi) names by the LMS's `cmi.core.student_id`. The relay accepts this homePage
 * only from lesson statements and replaces the name by its HMAC before journaling.
 */
export function lmsLearnerHomePage(baseIri: string, courseId: string): string {
  return `${courseIri(baseIri, courseId)}/lms-learners`;
}

/** `…/paths/support-onboarding`: a learning path (delivered as one course), the cmi5 course id of its package. */
export function pathIri(baseIri: string, pathId: string): string {
  return `${trimSlash(baseIri)}/paths/${pathId}`;
}

function trimSlash(iri: string): string {
  return iri.replace(/\/+$/, '');
}

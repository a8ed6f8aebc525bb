/**
 * Build time: everything a lesson's statements name, for one unit in one package (see
 * runtime/statements/xapiPlan). Activity ids come from the shared IRI derivations, so the objective a
 * lesson reports is the very activity its job aid reports; verbs come from `@xapi/xapi`'s ADL
 * vocabulary where it has them.
 */
import xapiPackage, { type Activity, type Verb } from '@xapi/xapi';
import type { Course } from '../../course/model/course.js';
import type { LearningPath } from '../../course/model/path.js';
import type { Unit } from '../../course/model/unit.js';
import { XAPI_PLAN_FORMAT, type QuestionActivity, type VerbName, type XapiPlan } from '../../runtime/contract/xapiPlan.js';
import { ACTIVITY_TYPES, courseIri, lessonIri, objectiveIri, pathIri, unitIri } from '../../xapi/activityIris.js';
import { interactionDefinition } from '../../xapi/interactionDefinition.js';
import { LESSON_ACTIVITY_TYPES, lessonExtensionIris, questionIri, screenIri } from '../../xapi/lessonIris.js';

export interface LessonPlanOptions {
  /** Content-derived id of the build job (BuildContext.buildIdFor), carried in every statement. */
  buildId: string;
  /** The learning path when the lesson is packaged as part of one. */
  path?: LearningPath;
}

/** @xapi/xapi is CommonJS; its class (with the Verbs vocabulary) is also its own `default`. */
const XAPI = xapiPackage.default;

/** ADL verbs (http://adlnet.gov/expapi/verbs/…); `experienced` is the one @xapi/xapi does not list. */
const VERBS: Record<VerbName, Verb> = {
  initialized: XAPI.Verbs.INITIALIZED,
  resumed: XAPI.Verbs.RESUMED,
  experienced: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  progressed: XAPI.Verbs.PROGRESSED,
  answered: XAPI.Verbs.ANSWERED,
  completed: XAPI.Verbs.COMPLETED,
  passed: XAPI.Verbs.PASSED,
  failed: XAPI.Verbs.FAILED,
  suspended: XAPI.Verbs.SUSPENDED,
  terminated: XAPI.Verbs.TERMINATED,
};

export function lessonStatementPlan(course: Course, unit: Unit, options: LessonPlanOptions): XapiPlan {
  const { baseIri } = course.config;
  const { contract } = unit;
  const language = contract.language;
  const text = (s: string) => ({ [language]: s });
  const activity = (id: string, type: string, name: string, description?: string): Activity => ({
    objectType: 'Activity',
    id,
    definition: { type, name: text(name), ...(description ? { description: text(description) } : {}) },
  });

  const questions: Record<string, QuestionActivity> = {};
  for (const q of unit.lesson?.questions ?? []) {
    questions[q.id] = { objectType: 'Activity', id: questionIri(baseIri, unit.id, q.id), definition: interactionDefinition(q, language) };
  }
  const grouping = [
    activity(unitIri(baseIri, unit.id), LESSON_ACTIVITY_TYPES.unit, contract.title),
    activity(courseIri(baseIri, course.config.id), ACTIVITY_TYPES.course, course.config.title),
  ];
  if (options.path) grouping.push(activity(pathIri(baseIri, options.path.id), ACTIVITY_TYPES.course, options.path.title));
  const extensions = lessonExtensionIris(baseIri);

  return {
    format: XAPI_PLAN_FORMAT,
    language,
    lesson: activity(lessonIri(baseIri, unit.id), ACTIVITY_TYPES.lesson, contract.title, contract.objective.statement),
    // The objective's name is its raw id, as the job aid names it, so both read the same in LRS reports.
    objective: activity(objectiveIri(baseIri, contract.objective.id), ACTIVITY_TYPES.objective, contract.objective.id, contract.objective.statement),
    grouping,
    extensions: {
      [extensions.objectiveId]: contract.objective.id,
      [extensions.unitVersion]: contract.version,
      [extensions.buildId]: options.buildId,
    },
    revision: contract.version,
    questions,
    screens: (unit.lesson?.screens ?? []).map((s) => activity(screenIri(baseIri, unit.id, s.index), LESSON_ACTIVITY_TYPES.screen, s.title)),
    verbs: VERBS,
  };
}

/**
 * What the xAPI and cmi5 runtimes know about a lesson besides its content: every activity, verb and
 * context extension a statement can name, computed once at build time (src/xapi/lessonStatementPlan)
 * and embedded in the lesson page as JSON. The runtime only adds what the launch decides (actor,
 * registration, the LMS's context template) and what the learner does (results, timestamps).
 *
 * Runs on both sides, so it holds types only; `@xapi/xapi` is imported for its types, which cost the
 * browser bundle nothing.
 */
import type { Activity, InteractionActivityDefinition, Verb } from '@xapi/xapi';

/** Bump when the shape changes. */
export const XAPI_PLAN_FORMAT = 1;

/** The verbs Tandem's lessons use; ids and displays come from ADL's vocabulary. */
export const VERB_NAMES = [
  'initialized',
  'resumed',
  'experienced',
  'progressed',
  'answered',
  'completed',
  'passed',
  'failed',
  'suspended',
  'terminated',
] as const;
export type VerbName = (typeof VERB_NAMES)[number];

export interface QuestionActivity extends Activity {
  definition: InteractionActivityDefinition;
}

export interface XapiPlan {
  format: typeof XAPI_PLAN_FORMAT;
  /** The lesson's language (BCP 47), for `context.language` and language maps. */
  language: string;
  /**
   * The lesson as an activity. A Tin Can package launches it under this id; a cmi5 LMS launches it
   * under its own `activityId` and puts this id (the AU's publisher id) in the context template.
   */
  lesson: Activity;
  /** The unit's objective: `contextActivities.parent` of every statement. */
  objective: Activity;
  /** The unit, the Tandem course and (for a learning-path package) the path: `contextActivities.grouping`. */
  grouping: Activity[];
  /** Context extensions on every statement: the raw objective id, the unit version and the build id. */
  extensions: Record<string, string>;
  /** `context.revision`: the unit's version (xAPI 1.0.3 §4.1.6.1, revision of the object activity). */
  revision: string;
  /** By question id. */
  questions: Record<string, QuestionActivity>;
  /** By 0-based screen index. */
  screens: Activity[];
  verbs: Record<VerbName, Verb>;
}

/** cmi5 9.5.5.1: the progress result extension, an integer 0–100; also used by Tin Can packages. */
export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

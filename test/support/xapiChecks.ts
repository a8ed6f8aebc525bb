/**
 * What every statement Tandem sends must satisfy, as test helpers:
 * - `xapiProblems`: Learning Locker's validator (@learninglocker/xapi-validation), the xAPI spec's rules;
 * - `lessonProblems`: Tandem's promise (objective in parent after the template's entries, unit and
 *   course in grouping, objective id / unit version / build id extensions, registration, UUID, UTC
 *   timestamp with milliseconds);
 * - `cmi5Problems`: the cmi5 rules for one registration's statements (order, required results,
 *   context template, session id, categories, launch modes, duplicate verbs).
 * Each returns a list of problems in words, so a failing test says what is wrong.
 */
import validatorModule from '@learninglocker/xapi-validation';

type Statement = Record<string, any>;

const validate = ((validatorModule as unknown as { default?: unknown }).default ?? validatorModule) as (s: unknown) => { path: (string | number)[]; typeName?: string; message: string }[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UTC_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export const VERB = (name: string) => `http://adlnet.gov/expapi/verbs/${name}`;
export const verbName = (s: Statement) => String(s.verb.id).split('/').pop()!;

export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
};

export function xapiProblems(statement: Statement): string[] {
  return validate(statement).map((w) => `${w.path.join('.')}: ${w.typeName ?? w.message}`);
}

export interface LessonExpectations {
  baseIri: string;
  objectiveId: string;
  unitId: string;
  courseId: string;
  unitVersion: string;
  registration?: string;
  /** Ids the template put in `parent` first (cmi5), in order. */
  templateParents?: string[];
}

export function lessonProblems(s: Statement, e: LessonExpectations): string[] {
  const problems: string[] = [];
  const label = `${verbName(s)} ${s.object?.id}`;
  const ext = s.context?.extensions ?? {};
  const parents: string[] = (s.context?.contextActivities?.parent ?? []).map((a: Statement) => a.id);
  const grouping: string[] = (s.context?.contextActivities?.grouping ?? []).map((a: Statement) => a.id);
  const objectiveIri = `${e.baseIri}/objectives/${e.objectiveId}`;
  const templateParents = e.templateParents ?? [];
  if (parents.slice(0, templateParents.length).join() !== templateParents.join()) problems.push(`${label}: the template's parents do not come first`);
  if (parents[templateParents.length] !== objectiveIri) problems.push(`${label}: objective ${objectiveIri} is not the first parent after the template (${parents.join(', ')})`);
  const objective = s.context?.contextActivities?.parent?.find((a: Statement) => a.id === objectiveIri);
  if (objective?.definition?.type !== 'http://adlnet.gov/expapi/activities/objective') problems.push(`${label}: the objective activity has no objective type`);
  if (!grouping.includes(`${e.baseIri}/units/${e.unitId}`)) problems.push(`${label}: unit not in grouping`);
  if (!grouping.includes(`${e.baseIri}/courses/${e.courseId}`)) problems.push(`${label}: course not in grouping`);
  if (ext[`${e.baseIri}/extensions/objective-id`] !== e.objectiveId) problems.push(`${label}: objective-id extension missing`);
  if (ext[`${e.baseIri}/extensions/unit-version`] !== e.unitVersion) problems.push(`${label}: unit-version extension missing`);
  if (!/^[0-9a-f]{8,}$/.test(String(ext[`${e.baseIri}/extensions/build-id`] ?? ''))) problems.push(`${label}: build-id extension missing`);
  if (e.registration && s.context?.registration !== e.registration) problems.push(`${label}: registration ${s.context?.registration} is not the launch's`);
  if (!UUID.test(String(s.id))) problems.push(`${label}: id ${s.id} is not a UUID`);
  if (!UTC_MS.test(String(s.timestamp))) problems.push(`${label}: timestamp ${s.timestamp} is not UTC with milliseconds`);
  return problems;
}

export interface Cmi5Session {
  sessionId: string;
  registration: string;
  activityId: string;
  publisherId: string;
  launchMode: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
}

const DEFINED = new Set(['initialized', 'completed', 'passed', 'failed', 'terminated']);
const JUDGED = new Set(['passed', 'failed']);

/**
 * cmi5 rules for the AU's statements of one session (in stored order), with `earlier` the AU's
 * statements of earlier sessions of the same registration.
 */
export function cmi5Problems(statements: Statement[], session: Cmi5Session, earlier: Statement[] = []): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  statements.forEach((s, i) => {
    const verb = verbName(s);
    const label = `#${i} ${verb}`;
    const ctx = s.context ?? {};
    const categories: string[] = (ctx.contextActivities?.category ?? []).map((a: Statement) => a.id);
    const defined = categories.includes(CMI5.category);
    const result = s.result ?? {};
    if (ctx.extensions?.[CMI5.sessionId] !== session.sessionId) problems.push(`${label}: session id missing or wrong (9.6.3.1)`);
    if (ctx.registration !== session.registration) problems.push(`${label}: registration is not the launch's (9.6.1)`);
    if (!(ctx.contextActivities?.grouping ?? []).some((a: Statement) => a.id === session.publisherId)) problems.push(`${label}: the template's publisher id is not in grouping (10.2.1)`);
    if (!s.actor?.account) problems.push(`${label}: actor has no account (9.2)`);
    if (DEFINED.has(verb) !== defined) problems.push(`${label}: ${defined ? 'has' : 'lacks'} the cmi5 category (9.6.2.1)`);
    const needsMoveOn = defined && ('success' in result || 'completion' in result);
    if (categories.includes(CMI5.moveOn) !== needsMoveOn) problems.push(`${label}: moveOn category ${needsMoveOn ? 'missing' : 'not allowed'} (9.6.2.2)`);
    if (i === 0 && verb !== 'initialized') problems.push(`${label}: the first statement of a session must be initialized (9.3)`);
    if (i === statements.length - 1 && verb !== 'terminated') problems.push(`${label}: the last statement of a session must be terminated (9.3.8)`);
    if (!defined) return;
    if (s.object?.id !== session.activityId) problems.push(`${label}: object is not the launched activityId (9.4)`);
    if (seen.has(verb)) problems.push(`${label}: verb used twice in the session (9.3)`);
    if (JUDGED.has(verb) && [...seen].some((v) => JUDGED.has(v))) problems.push(`${label}: both passed and failed in one session (9.3)`);
    seen.add(verb);
    if (session.launchMode !== 'Normal' && !['initialized', 'terminated'].includes(verb)) problems.push(`${label}: not allowed in ${session.launchMode} mode (10.2.2)`);
    if (['completed', 'passed', 'failed', 'terminated'].includes(verb) && !result.duration) problems.push(`${label}: result.duration is required (9.5.4.1)`);
    if ('score' in result && !JUDGED.has(verb)) problems.push(`${label}: only passed/failed may carry a score (9.5.1)`);
    if ('success' in result && !JUDGED.has(verb)) problems.push(`${label}: only passed/failed may carry success (9.5.2)`);
    if ('completion' in result && verb !== 'completed') problems.push(`${label}: only completed may carry completion (9.5.3)`);
    if (verb === 'completed' && result.completion !== true) problems.push(`${label}: completion must be true (9.5.3)`);
    if (verb === 'passed' && result.success !== true) problems.push(`${label}: success must be true (9.5.2)`);
    if (verb === 'failed' && result.success !== false) problems.push(`${label}: success must be false (9.5.2)`);
    if (verb === 'completed' && result.extensions?.['https://w3id.org/xapi/cmi5/result/extensions/progress'] !== undefined) problems.push(`${label}: no progress in completed (9.5.5.1)`);
    if (JUDGED.has(verb) && session.masteryScore !== undefined) {
      if (ctx.extensions?.[CMI5.masteryScore] !== session.masteryScore) problems.push(`${label}: masteryScore extension missing (9.6.3.2)`);
      const scaled = result.score?.scaled;
      if (typeof scaled === 'number' && (verb === 'passed' ? scaled < session.masteryScore : scaled >= session.masteryScore)) problems.push(`${label}: scaled ${scaled} contradicts masteryScore ${session.masteryScore} (9.3.4/9.3.5)`);
    }
    if (result.score && result.score.raw !== undefined && (!Number.isInteger(result.score.raw) || result.score.min === undefined || result.score.max === undefined)) problems.push(`${label}: raw must be an integer with min and max (9.5.1)`);
  });
  // Per registration (9.3): at most one completed, at most one passed, no failed after passed.
  const all = [...earlier, ...statements].filter((s) => (s.context?.contextActivities?.category ?? []).some((a: Statement) => a.id === CMI5.category));
  const count = (v: string) => all.filter((s) => verbName(s) === v).length;
  if (count('completed') > 1) problems.push('completed more than once in the registration (9.3)');
  if (count('passed') > 1) problems.push('passed more than once in the registration (9.3)');
  const firstPass = all.findIndex((s) => verbName(s) === 'passed');
  if (firstPass >= 0 && all.slice(firstPass).some((s) => verbName(s) === 'failed')) problems.push('failed after passed in the registration (9.3)');
  return problems;
}

/** Statements of one cmi5 session, in stored order. */
export function sessionStatements(statements: Statement[], sessionId: string): Statement[] {
  return statements.filter((s) => s.context?.extensions?.[CMI5.sessionId] === sessionId);
}

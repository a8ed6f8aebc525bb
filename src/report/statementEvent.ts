/**
 * One parsed statement reduced to what the KPIs read: who (the learner's IFI), when, which
 * objective, and what happened. Everything else in the statement (definitions, language maps,
 * context templates: most of its 2 KB) is dropped here, so nothing downstream holds statements.
 */
import { interactionDefinition } from '../xapi/index.js';
import { LINK_CHANNELS, VIEWED_VERB, VOIDED_VERB_ID, adlVerbIri, nudgeAnswerFields } from '../xapi/index.js';
import type { CourseIndex, IndexedObjective, IndexedQuestion } from './courseIndex.js';

export type LessonVerb = 'launched' | 'completed' | 'passed' | 'failed';

export type StatementEvent =
  | { kind: 'void'; id?: string; target: string }
  | { kind: 'lesson'; verb: LessonVerb; base: EventBase; score?: number; durationSeconds?: number }
  | { kind: 'screen'; base: EventBase; screen: number }
  | { kind: 'answer'; base: EventBase; question: IndexedQuestion; correct: boolean; response?: string }
  | { kind: 'view'; base: EventBase; printedVersion?: string; revision?: string; channel: string }
  /** An answer to a nanolearning nudge (xapi/reinforcementIris.ts): never a lesson answer. */
  | { kind: 'nudge'; base: EventBase; questionId: string; lessonQuestionId?: string; correct: boolean; nudge: string; channel: string };

export interface EventBase {
  id?: string;
  objective: IndexedObjective;
  /** The learner's inverse functional identifier, e.g. `mbox:mailto:ana@example.com`. */
  learner: string;
  /** Milliseconds since the epoch (statement `timestamp`, else `stored`). */
  at: number;
}

const LESSON_VERBS = new Map<string, LessonVerb>([
  [adlVerbIri('initialized'), 'launched'],
  [adlVerbIri('launched'), 'launched'],
  [adlVerbIri('completed'), 'completed'],
  [adlVerbIri('passed'), 'passed'],
  [adlVerbIri('failed'), 'failed'],
]);
const ANSWERED = adlVerbIri('answered');
const EXPERIENCED = adlVerbIri('experienced');

/* eslint-disable @typescript-eslint/no-explicit-any -- statements are untrusted JSON, checked field by field */

/** The event a statement stands for, or undefined when it says nothing about this course's objectives. */
export function statementEvent(s: any, index: CourseIndex): StatementEvent | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const verb = typeof s.verb?.id === 'string' ? (s.verb.id as string) : undefined;
  const id = typeof s.id === 'string' ? (s.id as string) : undefined;
  if (verb === VOIDED_VERB_ID) {
    return s.object?.objectType === 'StatementRef' && typeof s.object.id === 'string' ? { kind: 'void', id, target: s.object.id } : undefined;
  }
  const objectId = typeof s.object?.id === 'string' ? (s.object.id as string) : undefined;
  const objective = objectiveOf(s, index, objectId);
  if (!objective || !verb) return undefined;
  const learner = learnerKey(s.actor);
  const at = Date.parse(typeof s.timestamp === 'string' ? s.timestamp : s.stored);
  if (!learner || Number.isNaN(at)) return undefined;
  const base: EventBase = { id, objective, learner, at };

  if (verb === VIEWED_VERB.id) {
    if (!objectId || index.jobAidIris.get(objectId) !== objective) return undefined;
    const ext = s.context?.extensions;
    const printed = ext && typeof ext === 'object' ? Object.entries(ext).find(([k]) => k.endsWith('/extensions/printed-version'))?.[1] : undefined;
    // Only the known tags: anyone can post a view through the relay, and a free-form value would
    // make the report's memory grow with statements instead of with objectives.
    const channel = ext && typeof ext === 'object' ? ext[index.nudgeExtensions.channel] : undefined;
    return {
      kind: 'view',
      base,
      printedVersion: typeof printed === 'string' ? printed : undefined,
      revision: typeof s.context?.revision === 'string' ? s.context.revision : undefined,
      channel: typeof channel === 'string' && LINK_CHANNELS.includes(channel) ? channel : 'unknown',
    };
  }
  if (verb === ANSWERED && objectId !== undefined && index.nudgeQuestionIris.has(objectId)) {
    const q = index.nudgeQuestionIris.get(objectId)!;
    const fields = nudgeAnswerFields(s, index.nudgeExtensions);
    if (q.objective !== objective || !fields) return undefined;
    return { kind: 'nudge', base, questionId: q.questionId, ...(q.lessonQuestionId ? { lessonQuestionId: q.lessonQuestionId } : {}), correct: fields.correct, nudge: `${fields.series}.${fields.sequence}`, channel: fields.channel };
  }
  if (verb === ANSWERED) {
    const q = objectId ? index.questionIris.get(objectId) : undefined;
    if (!q || q.objective !== objective) return undefined;
    const response = typeof s.result?.response === 'string' ? (s.result.response as string) : undefined;
    const correct = typeof s.result?.success === 'boolean' ? (s.result.success as boolean) : scoreResponse(q.question, response, objective);
    if (correct === undefined) return undefined;
    return { kind: 'answer', base, question: q.question, correct, response };
  }
  if (verb === EXPERIENCED) {
    const screen = objectId ? index.screenIris.get(objectId) : undefined;
    return screen && screen.objective === objective ? { kind: 'screen', base, screen: screen.screen } : undefined;
  }
  const lessonVerb = LESSON_VERBS.get(verb);
  if (!lessonVerb) return undefined;
  return { kind: 'lesson', verb: lessonVerb, base, score: scaledScore(s.result?.score), durationSeconds: isoSeconds(s.result?.duration) };
}

/** The objective from `contextActivities.parent` (lessons and job aids), else the objective-id extension. */
function objectiveOf(s: any, index: CourseIndex, objectId: string | undefined): IndexedObjective | undefined {
  const parents = s.context?.contextActivities?.parent;
  for (const parent of Array.isArray(parents) ? parents : parents ? [parents] : []) {
    const found = typeof parent?.id === 'string' ? index.byObjectiveIri.get(parent.id) : undefined;
    if (found) return found;
  }
  const raw = s.context?.extensions?.[index.objectiveIdExtension];
  if (typeof raw === 'string') return index.byObjectiveId.get(raw);
  return objectId ? index.jobAidIris.get(objectId) : undefined;
}

/**
 * xAPI 1.0.3 Data §2.4.2.1: an Agent is identified by exactly one IFI (mbox, mbox_sha1sum, openid,
 * account); an identified Group likewise. Anonymous groups identify no one and are not counted.
 */
export function learnerKey(actor: any): string | undefined {
  if (!actor || typeof actor !== 'object') return undefined;
  if (typeof actor.mbox === 'string') return `mbox:${actor.mbox.toLowerCase()}`;
  if (typeof actor.mbox_sha1sum === 'string') return `sha1:${actor.mbox_sha1sum.toLowerCase()}`;
  if (typeof actor.openid === 'string') return `openid:${actor.openid}`;
  const account = actor.account;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') return `account:${account.homePage}|${account.name}`;
  return undefined;
}

function scaledScore(score: any): number | undefined {
  if (!score || typeof score !== 'object') return undefined;
  if (typeof score.scaled === 'number' && Number.isFinite(score.scaled)) return score.scaled;
  if (typeof score.raw === 'number' && typeof score.max === 'number' && score.max > (score.min ?? 0)) {
    const min = typeof score.min === 'number' ? score.min : 0;
    return (score.raw - min) / (score.max - min);
  }
  return undefined;
}

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO 8601 duration (xAPI 1.0.3 Data §4.6) in seconds; days are 24 h, years and months are not used by lessons. */
export function isoSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [, d, h, min, sec] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return d! * 86400 + h! * 3600 + min! * 60 + sec!;
}

/** Scores a response when the statement has no `result.success`, against the course's own answer. */
function scoreResponse(question: IndexedQuestion, response: string | undefined, objective: IndexedObjective): boolean | undefined {
  if (response === undefined) return undefined;
  const kind = question.question.type;
  if (kind === 'fill-in' || kind === 'numeric') return undefined;
  const patterns = interactionDefinition(question.question, objective.unit.contract.language).correctResponsesPattern ?? [];
  return patterns.includes(response);
}

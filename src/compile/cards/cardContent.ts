/**
 * What a unit's channel cards say, before any channel shapes it: the job-aid card (title, when to
 * use, the numbered steps or the decision table, escalation, the online job aid) and one
 * nanolearning card per nudge question. Every card names the objective ID and the unit version,
 * and every link carries the channel it was sent through (`src=slack|teams|email`), so the
 * online copy and `tandem report` can tell where a click came from.
 */
import type { Course } from '../../course/model/course.js';
import type { DecisionTable } from '../../course/model/jobAid.js';
import type { Unit } from '../../course/model/unit.js';
import { nudgeQuestions, type NudgeQuestion } from '../../course/reinforcement/nudgeQuestions.js';
import { onlineAddress } from '../jobAid/jobAidAddress.js';

export const CHANNELS = ['slack', 'teams', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where the cards of a unit are written: `cards/<unit>/`. */
export const CARDS_DIR = 'cards';

export interface CardIdentity {
  unitId: string;
  objectiveId: string;
  version: string;
  /** `Objective OBJ-… · version 1.2.0`: the line every card ends with. */
  footer: string;
}

export interface JobAidCard extends CardIdentity {
  kind: 'job-aid';
  /** The file name part: `job-aid`. */
  name: string;
  title: string;
  whenToUse?: string;
  steps: { number: number; markdown: string }[];
  table?: DecisionTable;
  escalation?: string;
  /** The online job aid for this channel, when `job_aid_url` is set. */
  jobAidUrl?: string;
}

export interface NudgeCard extends CardIdentity {
  kind: 'nudge';
  /** The file name part: `nudge-<question id>`. */
  name: string;
  unitTitle: string;
  question: NudgeQuestion;
  /** The answer link of each choice, in choice order. */
  answers: { choiceId: string; text: string; url: string }[];
  jobAidUrl?: string;
}

export type Card = JobAidCard | NudgeCard;

/** Extra query parameters for answer links, e.g. the nudge id and token `tandem serve` adds per learner. */
export type AnswerParams = Record<string, string>;

/** `url` with `src=<channel>` added to its query. */
export function withChannel(url: string, channel: Channel | 'qr'): string {
  return `${url}${url.includes('?') ? '&' : '?'}src=${channel}`;
}

/** The answer page of `tandem serve`, under `reinforcement.answer_url`. */
export const ANSWER_PATH = '/nudges/answer';

export function answerUrl(course: Course, unit: Unit, questionId: string, choiceId: string, channel: Channel, extra: AnswerParams = {}): string | undefined {
  const base = course.config.reinforcement.answerUrl;
  if (!base) return undefined;
  const query = new URLSearchParams({ u: unit.id, q: questionId, c: choiceId, o: unit.contract.objective.id, v: unit.contract.version, ...extra, src: channel });
  return `${base}${ANSWER_PATH}?${query.toString()}`;
}

function identity(unit: Unit): CardIdentity {
  const { objective, version } = unit.contract;
  return { unitId: unit.id, objectiveId: objective.id, version, footer: `Objective ${objective.id} · version ${version}` };
}

export function jobAidCard(course: Course, unit: Unit, channel: Channel): JobAidCard | undefined {
  const aid = unit.jobAid;
  if (!aid) return undefined;
  const online = onlineAddress(course, unit);
  return {
    ...identity(unit),
    kind: 'job-aid',
    name: 'job-aid',
    title: aid.title ?? unit.contract.title,
    ...(aid.context ? { whenToUse: aid.context.markdown } : {}),
    steps: (aid.steps?.items ?? []).map((s) => ({ number: s.number, markdown: s.markdown })),
    ...(aid.decisionTable?.table ? { table: aid.decisionTable.table } : {}),
    ...(aid.escalation ? { escalation: aid.escalation.markdown } : {}),
    ...(online ? { jobAidUrl: withChannel(online.url, channel) } : {}),
  };
}

/** The nanolearning cards of a unit: none without reinforcement or without `reinforcement.answer_url`. */
export function nudgeCards(course: Course, unit: Unit, channel: Channel, extra: (questionId: string) => AnswerParams = () => ({})): NudgeCard[] {
  if (!unit.contract.reinforcement || !course.config.reinforcement.answerUrl) return [];
  const online = onlineAddress(course, unit);
  return nudgeQuestions(unit).questions.map((question) => ({
    ...identity(unit),
    kind: 'nudge',
    name: `nudge-${question.id}`,
    unitTitle: unit.contract.title,
    question,
    answers: question.choices.map((c) => ({ choiceId: c.id, text: c.text, url: answerUrl(course, unit, question.id, c.id, channel, extra(question.id))! })),
    ...(online ? { jobAidUrl: withChannel(online.url, channel) } : {}),
  }));
}

/**
 * The IRIs of the reinforcement loop. A nudge answer is an `answered` statement whose object is
 * the nudge question, grouped under the unit's reinforcement activity (so reports never mix it
 * with first-attempt lesson answers), with the objective in `contextActivities.parent` like every
 * other Tandem statement, and the series and sequence of the nudge in two extensions, so
 * `tandem reinforce` can stop a series after two correct answers.
 */
import { createHash } from 'node:crypto';
import { extensionIri, unitIri } from './activityIris.js';

/** `…/units/refund-approval/reinforcement`: groups every nudge statement of the unit. */
export function reinforcementIri(baseIri: string, unitId: string): string {
  return `${unitIri(baseIri, unitId)}/reinforcement`;
}

/** `…/units/refund-approval/reinforcement/questions/evidence-first`. */
export function nudgeQuestionIri(baseIri: string, unitId: string, questionId: string): string {
  return `${reinforcementIri(baseIri, unitId)}/questions/${encodeURIComponent(questionId)}`;
}

/** The channel tags a link can carry (`src=`): card links and printed QR codes. Other values count as `unknown`. */
export const LINK_CHANNELS: readonly string[] = ['slack', 'teams', 'email', 'qr'];

/** Extension keys a nudge answer carries: the series (one per learner, unit and attempt), the nudge's sequence in it, and the channel it came through. */
export function nudgeExtensionIris(baseIri: string): { series: string; sequence: string; channel: string } {
  return { series: extensionIri(baseIri, 'nudge-series'), sequence: extensionIri(baseIri, 'nudge-sequence'), channel: extensionIri(baseIri, 'channel') };
}

/**
 * The statement id of the answer to one nudge: the same for every click on every answer link of
 * that nudge, so an LRS (and the answer page) keeps the first answer and a second click changes
 * nothing. A UUID in form (RFC 9562 version 8) from a SHA-256 of the nudge id.
 */
export function nudgeAnswerStatementId(nudgeId: string): string {
  const h = createHash('sha256').update(`nudge-answer\n${nudgeId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a nudge answer statement says about its nudge (see nudgeExtensionIris), from untrusted JSON. */
export interface NudgeAnswerFields {
  series: string;
  sequence: number;
  /** `slack`, `teams`, `email`, `qr` or `unknown`; `unknown` too when the statement names none. */
  channel: string;
  correct: boolean;
}

/**
 * The nudge fields of a statement, or undefined when it is not a nudge answer (no series, no
 * sequence or no `result.success`). `tandem reinforce` and `tandem report` both read answers here.
 */
export function nudgeAnswerFields(statement: unknown, ext: { series: string; sequence: string; channel: string }): NudgeAnswerFields | undefined {
  const s = statement as { context?: { extensions?: unknown }; result?: { success?: unknown } } | null;
  const extensions = s?.context?.extensions as Record<string, unknown> | undefined;
  if (!extensions || typeof extensions !== 'object') return undefined;
  const series = extensions[ext.series];
  const sequence = extensions[ext.sequence];
  const correct = s?.result?.success;
  if (typeof series !== 'string' || typeof sequence !== 'number' || typeof correct !== 'boolean') return undefined;
  const channel = extensions[ext.channel];
  return { series, sequence, channel: typeof channel === 'string' && channel ? channel : 'unknown', correct };
}

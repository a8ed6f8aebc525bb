/**
 * What due nudges become, per channel:
 * - email: one personal email per nudge, to the roster's address, whose answer links carry the
 *   nudge id, the learner and a token (personalAnswerParams), so one click records the answer;
 * - Slack and Teams: the unit's team-channel nudge card as the `cards` target builds it (answer
 *   links without a learner: they show feedback and record nothing), posted once per unit,
 *   question and UTC day however many learners are due, so a channel is not flooded with copies.
 */
import { emailCard, renderCards, unitCards, type Channel } from '../compile/index.js';
import type { Course, Unit } from '../course/index.js';
import { personalAnswerParams } from '../serve/index.js';
import { postDay } from './catchUp.js';
import type { EmailSettings, WebhookChannel } from './deliverySettings.js';
import { messageIdFor, type NudgeEmail } from './emailSender.js';
import type { DueNudge } from './readSchedule.js';

export type OutgoingMessage =
  | { id: string; channel: 'email'; nudgeId: string; email: NudgeEmail }
  | { id: string; channel: WebhookChannel; unitId: string; questionId: string; payload: unknown };

/** Why a due nudge has no message on a channel (logged once, never journaled: a fixed schedule or course can still send it). */
export interface Unsendable {
  id: string;
  nudgeId: string;
  reason: string;
}

export function emailMessageId(nudgeId: string): string {
  return `email:${nudgeId}`;
}

export function teamPostId(channel: WebhookChannel, nudge: DueNudge): string {
  return `${channel}:${nudge.unitId}:${nudge.questionId}:${postDay(nudge)}`;
}

export class Outbox {
  private readonly units: Map<string, Unit>;
  private readonly teamCards = new Map<string, unknown>();

  constructor(private readonly course: Course, private readonly email: EmailSettings | undefined, private readonly secret: string | undefined) {
    this.units = new Map(course.units.map((u) => [u.id, u]));
  }

  nudgeEmail(nudge: DueNudge): OutgoingMessage | Unsendable {
    const id = emailMessageId(nudge.nudgeId);
    if (!this.email || !this.secret) return { id, nudgeId: nudge.nudgeId, reason: 'email delivery is not configured' };
    if (!nudge.email) return { id, nudgeId: nudge.nudgeId, reason: 'the roster gives this learner no email' };
    const unit = this.units.get(nudge.unitId);
    if (!unit) return { id, nudgeId: nudge.nudgeId, reason: `the course has no unit ${nudge.unitId}` };
    const secret = this.secret;
    const claim = (questionId: string) => personalAnswerParams(secret, { unitId: nudge.unitId, questionId, nudgeId: nudge.nudgeId, learner: nudge.learner });
    const card = unitCards(this.course, unit, 'email', claim).find((c) => c.kind === 'nudge' && c.question.id === nudge.questionId);
    if (!card) return { id, nudgeId: nudge.nudgeId, reason: `unit ${nudge.unitId} has no nudge question ${nudge.questionId}` };
    const rendered = emailCard(card, unit.contract.language, this.course.config.brand);
    return {
      id,
      channel: 'email',
      nudgeId: nudge.nudgeId,
      email: { to: nudge.email, subject: rendered.subject, html: rendered.html, text: rendered.text, messageId: messageIdFor(nudge.nudgeId, this.email), nudgeId: nudge.nudgeId },
    };
  }

  teamPost(channel: WebhookChannel, nudge: DueNudge): OutgoingMessage | Unsendable {
    const id = teamPostId(channel, nudge);
    const unit = this.units.get(nudge.unitId);
    if (!unit) return { id, nudgeId: nudge.nudgeId, reason: `the course has no unit ${nudge.unitId}` };
    const payload = this.teamCard(channel, unit, nudge.questionId);
    if (payload === undefined) return { id, nudgeId: nudge.nudgeId, reason: `unit ${nudge.unitId} has no ${channel} card for question ${nudge.questionId} (run 'tandem check' or build the cards target to see why)` };
    return { id, channel, unitId: nudge.unitId, questionId: nudge.questionId, payload };
  }

  /** The built card, parsed: a card over the channel's budget is not built, so never sent. */
  private teamCard(channel: Channel, unit: Unit, questionId: string): unknown {
    const key = `${channel}:${unit.id}:${questionId}`;
    if (!this.teamCards.has(key)) {
      const file = renderCards(this.course, unit, channel).files.find((f) => f.card.kind === 'nudge' && f.card.question.id === questionId);
      this.teamCards.set(key, file ? JSON.parse(file.text) : undefined);
    }
    return this.teamCards.get(key);
  }
}

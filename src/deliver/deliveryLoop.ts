/**
 * The loop that sends due nudges: every poll it re-reads the schedule when the file changed,
 * turns each nudge due by now into its messages (outbox.ts), leaves out what the journal says was
 * sent and what a later due nudge supersedes after downtime (catchUp.ts), and queues the rest, one worker per channel so a slow SMTP server does not hold Slack up.
 * A worker journals `claimed` (fsynced) before the first try and the outcome after, paces and
 * retries through the channel's sender, and in a dry run prints the message instead.
 */
import { stat } from 'node:fs/promises';
import { catchUp, latestPostDays, postDay } from './catchUp.js';
import type { DeliveryJournal } from './deliveryJournal.js';
import type { DeliverySettings } from './deliverySettings.js';
import type { EmailSender } from './emailSender.js';
import { emailMessageId, teamPostId, type OutgoingMessage, type Outbox, type Unsendable } from './outbox.js';
import { readSchedule, type DueNudge } from './readSchedule.js';
import { DEFAULT_RETRY, withRetries, type Attempt, type RetryPolicy } from './retry.js';
import type { WebhookSender } from './webhookSender.js';

export type DeliveryLog = (line: Record<string, unknown>) => void;

/** A message a due nudge calls for, by id, rendered only when it is to be queued. */
interface Wanted {
  id: string;
  email: boolean;
  render: () => OutgoingMessage | Unsendable;
}

interface Parts {
  settings: DeliverySettings;
  journal: DeliveryJournal;
  outbox: Outbox;
  email?: EmailSender;
  webhooks: WebhookSender[];
  log: DeliveryLog;
  /** Where a dry run prints each message it would send (one JSON line each). */
  print: (line: string) => void;
  retry?: RetryPolicy;
}

/** Answers that prove nothing reached the channel: a message stopped after them may be sent again. */
const NOT_DELIVERED = /^(HTTP \d+|SMTP \d+|stopped)$/;

export class DeliveryLoop {
  private nudges: DueNudge[] = [];
  private scheduleVersion = '';
  private readonly queues = new Map<string, OutgoingMessage[]>();
  private readonly workers = new Map<string, Promise<void>>();
  /** Messages queued, being sent, or printed by a dry run in this process. */
  private readonly taken = new Set<string>();
  private readonly told = new Set<string>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly parts: Parts) {}

  /** Reads the schedule once (a problem here stops the start), then checks at once and every poll. */
  async start(): Promise<{ ok: true } | { ok: false; problem: string }> {
    const first = await this.reload();
    if (!first.ok) return first;
    this.timer = setInterval(() => void this.check(), this.parts.settings.pollMs);
    this.timer.unref();
    void this.check();
    return { ok: true };
  }

  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Stops taking messages, lets the ones being sent finish until `deadline`, then aborts them. */
  async stop(deadline: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.checking;
    const all = Promise.all(this.workers.values());
    const timer = setTimeout(() => this.abort.abort(), Math.max(0, deadline - Date.now()));
    await all;
    clearTimeout(timer);
    this.abort.abort();
  }

  private async reload(): Promise<{ ok: true; changed: boolean } | { ok: false; problem: string }> {
    const file = this.parts.settings.scheduleFile;
    let version: string;
    try {
      const s = await stat(file);
      version = `${s.mtimeMs}:${s.size}`;
    } catch {
      return { ok: false, problem: 'the file cannot be read' };
    }
    if (version === this.scheduleVersion) return { ok: true, changed: false };
    const read = await readSchedule(file);
    if (!read.ok) return read;
    this.nudges = read.nudges;
    this.scheduleVersion = version;
    this.parts.log({ event: 'schedule-read', nudges: read.nudges.length, skipped: read.skipped });
    return { ok: true, changed: true };
  }

  private async checkOnce(): Promise<void> {
    if (this.stopping) return;
    const reloaded = await this.reload();
    // A schedule being rewritten or broken later keeps the last good one; the next poll tries again.
    if (!reloaded.ok) this.parts.log({ event: 'schedule-unreadable', reason: reloaded.problem });
    const { current, superseded } = catchUp(this.nudges, Date.now());
    const postDays = latestPostDays(current);
    const { email, webhooks, outbox } = this.parts;
    // Messages are named by id first and rendered only when they are to be queued: most due nudges
    // of a long-running schedule were sent long ago, and rendering each on every poll is waste.
    const wanted: Wanted[] = [];
    const skipping: { id: string; nudgeId: string; reason: string }[] = [];
    for (const nudge of current) {
      if (email) wanted.push({ id: emailMessageId(nudge.nudgeId), email: true, render: () => outbox.nudgeEmail(nudge) });
      const latestDay = postDays.get(`${nudge.unitId}:${nudge.questionId}`)!;
      for (const { webhook } of webhooks) {
        const id = teamPostId(webhook.channel, nudge);
        if (postDay(nudge) === latestDay) wanted.push({ id, email: false, render: () => outbox.teamPost(webhook.channel, nudge) });
        else skipping.push({ id, nudgeId: '', reason: `a card for ${latestDay} is due too; the channel gets the latest day's card` });
      }
    }
    for (const nudge of superseded) {
      const reason = `nudge ${nudge.sequence} of its series is superseded by a later due nudge`;
      if (email) skipping.push({ id: emailMessageId(nudge.nudgeId), nudgeId: nudge.nudgeId, reason });
      for (const { webhook } of webhooks) skipping.push({ id: teamPostId(webhook.channel, nudge), nudgeId: '', reason });
    }
    // A post another due learner still needs (same unit, question and day) is sent, not skipped.
    const needed = new Set(wanted.map((m) => m.id));
    const skipped = new Set(skipping.filter((s) => !needed.has(s.id) && this.skipUnclaimed(s)).map((s) => s.id));
    const done = new Set<string>();
    let queued = 0;
    for (const { id, email: isEmail, render } of wanted) {
      const state = this.parts.journal.state(id);
      if (state === 'sent' || state === 'failed') done.add(id);
      else if (state === 'claimed' && !isEmail) this.tellOnce({ id, nudgeId: '', reason: 'a post was claimed but not confirmed before a restart; posts are sent at most once' }, 'delivery-uncertain');
      else if (!this.taken.has(id)) {
        const message = render();
        if (!('channel' in message)) {
          this.tellOnce(message);
          continue;
        }
        this.taken.add(id);
        this.enqueue(message);
        queued++;
      }
    }
    const due = current.length + superseded.length;
    if (reloaded.ok && (reloaded.changed || queued)) this.parts.log({ event: 'deliveries-checked', due, done: done.size, queued, superseded: skipped.size });
  }

  /**
   * A message left out by catch-up: only one no attempt was ever made for (a claimed or sent
   * message keeps its journal's course). Logged once as `nudge-superseded`; true when skipped.
   */
  private skipUnclaimed(message: Unsendable): boolean {
    if (this.parts.journal.state(message.id) !== undefined || this.taken.has(message.id)) return false;
    this.tellOnce(message, 'nudge-superseded');
    return true;
  }

  private tellOnce(message: Unsendable, event = 'nudge-unsendable'): void {
    if (this.told.has(message.id)) return;
    this.told.add(message.id);
    this.parts.log({ event, message: message.id, reason: message.reason });
  }

  private enqueue(message: OutgoingMessage): void {
    const queue = this.queues.get(message.channel) ?? [];
    this.queues.set(message.channel, queue);
    queue.push(message);
    if (!this.workers.has(message.channel)) {
      this.workers.set(message.channel, this.work(queue).finally(() => this.workers.delete(message.channel)));
    }
  }

  private async work(queue: OutgoingMessage[]): Promise<void> {
    for (let message = queue.shift(); message && !this.stopping; message = queue.shift()) {
      try {
        await this.deliver(message);
      } catch (error) {
        this.taken.delete(message.id);
        this.parts.log({ event: 'delivery-error', message: message.id, reason: (error as Error).message });
      }
    }
    // Left in the queue at a stop: not claimed, so the next start sends them.
    queue.length = 0;
  }

  private async deliver(message: OutgoingMessage): Promise<void> {
    const { journal, log } = this.parts;
    if (this.parts.settings.dryRun) {
      this.parts.print(JSON.stringify(dryRunLine(message, this.parts)));
      return;
    }
    if (journal.state(message.id) !== 'claimed' && !(await journal.record(message.id, 'claimed'))) {
      this.taken.delete(message.id);
      log({ event: 'delivery-journal-failed', message: message.id });
      return;
    }
    const outcome = await withRetries(() => this.send(message), this.parts.retry ?? DEFAULT_RETRY, this.abort.signal, (reason, delayMs) =>
      log({ event: 'delivery-retry', channel: message.channel, message: message.id, reason, delayMs }),
    );
    if (outcome.ok) {
      await journal.record(message.id, 'sent');
      log({ event: 'nudge-sent', channel: message.channel, message: message.id, attempts: outcome.attempts });
    } else if (outcome.stopped) {
      if (NOT_DELIVERED.test(outcome.reason)) await journal.record(message.id, 'released', outcome.reason);
      log({ event: 'delivery-stopped', channel: message.channel, message: message.id, reason: outcome.reason });
    } else {
      await journal.record(message.id, 'failed', outcome.reason);
      log({ event: 'nudge-failed', channel: message.channel, message: message.id, attempts: outcome.attempts, reason: outcome.reason });
    }
  }

  private send(message: OutgoingMessage): Promise<Attempt> {
    if (message.channel === 'email') return this.parts.email!.send(message.email);
    const sender = this.parts.webhooks.find((w) => w.webhook.channel === message.channel)!;
    return sender.send(message.payload, this.abort.signal);
  }
}

/** What a dry run prints: the message as it would go out; a webhook by its variable's name, never its URL. */
function dryRunLine(message: OutgoingMessage, parts: Parts): Record<string, unknown> {
  if (message.channel === 'email') {
    const { to, subject, messageId, text } = message.email;
    return { dryRun: true, channel: 'email', id: message.id, from: parts.settings.email?.from, to, subject, messageId, text };
  }
  const webhook = parts.webhooks.find((w) => w.webhook.channel === message.channel)!.webhook;
  return { dryRun: true, channel: message.channel, id: message.id, webhook: webhook.envName, payload: message.payload };
}

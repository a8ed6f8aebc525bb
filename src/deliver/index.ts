/**
 * Nudge delivery: `tandem serve --schedule <schedule.json>` sends the nudges of a `tandem
 * reinforce` schedule once they are due: a personal email per nudge over SMTP, and the unit's
 * nudge card to the team channels' Slack and Teams webhooks. Each message is journaled before it is
 * sent and after (deliveryJournal.ts has the exactly-once rule), paced and retried per channel; a
 * dry run prints what would be sent and sends nothing. Entry module of the deliver area.
 *
 * Imports: the foundations, and the compile (cards), serve (journal, answer links) and reinforce
 * (the schedule's type) areas through their entry modules. Only src/cli touches the process.
 */
import { loadCourse } from '../course/index.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DeliveryJournal } from './deliveryJournal.js';
import { DeliveryLoop, type DeliveryLog } from './deliveryLoop.js';
import type { DeliverySettings } from './deliverySettings.js';
import { EmailSender } from './emailSender.js';
import { Outbox } from './outbox.js';
import type { RetryPolicy } from './retry.js';
import { WebhookSender } from './webhookSender.js';

export { resolveDeliverySettings, type DeliverySettings, type DeliveryOverrides } from './deliverySettings.js';
export type { DeliveryLog } from './deliveryLoop.js';

export interface RunningDelivery {
  /** Stops taking messages; the ones being sent may finish until `deadline` (epoch ms). */
  close(deadline?: number): Promise<void>;
}

export interface DeliveryOptions {
  log: DeliveryLog;
  print: (line: string) => void;
  retry?: RetryPolicy;
}

/** Starts sending; a schedule or course that cannot be used is a diagnostic and nothing starts. */
export async function startDelivery(settings: DeliverySettings, options: DeliveryOptions): Promise<{ ok: true; delivery: RunningDelivery } | { ok: false; diagnostics: Diagnostic[] }> {
  const { course } = await loadCourse(settings.courseRoot);
  if (!course) return { ok: false, diagnostics: [diagnose('DELIVERY_SETTING_INVALID', { setting: 'the course', problem: "it does not load; run 'tandem check' on it" })] };
  const journal = await DeliveryJournal.open(settings.journalDir, settings.dryRun);
  const email = settings.email ? new EmailSender(settings.email) : undefined;
  const loop = new DeliveryLoop({
    settings,
    journal,
    outbox: new Outbox(course, settings.email, settings.secret),
    ...(email ? { email } : {}),
    webhooks: settings.webhooks.map((w) => new WebhookSender(w)),
    log: options.log,
    print: options.print,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const started = await loop.start();
  if (!started.ok) {
    email?.close();
    await journal.close();
    return { ok: false, diagnostics: [diagnose('DELIVERY_SCHEDULE_UNREADABLE', { file: settings.scheduleFile, problem: started.problem })] };
  }
  options.log({ event: 'delivery-started', dryRun: settings.dryRun, channels: [...(email ? ['email'] : []), ...settings.webhooks.map((w) => w.channel)], journal: settings.journalDir });
  let closing: Promise<void> | undefined;
  return {
    ok: true,
    delivery: {
      close(deadline = Date.now() + 5_000) {
        closing ??= (async () => {
          await loop.stop(deadline);
          email?.close();
          await journal.close();
        })();
        return closing;
      },
    },
  };
}

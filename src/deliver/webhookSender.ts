/**
 * Team-channel cards to a Slack incoming webhook or a Teams Workflows webhook: one JSON POST each,
 * paced to the channel's limit (Slack: one message per second per webhook,
 * api.slack.com/apis/rate-limits; Teams Workflows webhooks are held to the same pace). Slack
 * answers 429 with Retry-After when a webhook is posted to too fast; both may answer 503 with it.
 * The URL is a secret: nothing here logs or returns it.
 */
import type { WebhookSettings } from './deliverySettings.js';
import { pause, retryAfterMs, type Attempt } from './retry.js';

export const WEBHOOK_INTERVAL_MS = 1_000;
const TIMEOUT_MS = 15_000;

export class WebhookSender {
  private lastPost = 0;

  constructor(readonly webhook: WebhookSettings, private readonly intervalMs = WEBHOOK_INTERVAL_MS) {}

  /**
   * POSTs `payload` no sooner than the interval after the previous POST to this webhook ended. The
   * interval is counted from the previous answer, not the previous start: a slow network can hold a
   * request back, and counting from starts would then let two posts arrive less than a second apart.
   */
  async send(payload: unknown, signal: AbortSignal): Promise<Attempt> {
    const wait = this.lastPost + this.intervalMs - Date.now();
    if (wait > 0 && !(await pause(wait, signal))) return { ok: false, transient: true, reason: 'stopped' };
    try {
      return await this.post(payload, signal);
    } finally {
      this.lastPost = Date.now();
    }
  }

  private async post(payload: unknown, signal: AbortSignal): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(this.webhook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
        redirect: 'error',
      });
    } catch (error) {
      // fetch's own message may quote the URL: report only the kind of failure.
      return { ok: false, transient: true, reason: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error' };
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true };
    const status = response.status;
    const after = status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
    return { ok: false, transient: status === 429 || status === 408 || status >= 500, reason: `HTTP ${status}`, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
}

/**
 * Retries for one delivery: exponential backoff with jitter for transient failures (network
 * errors, 5xx, SMTP 4xx), the server's own `Retry-After` on 429 and 503 (RFC 9110 §10.2.3: seconds
 * or an HTTP date), and no retry for answers that will not change (Slack's 400 invalid_payload,
 * 403, 404, 410; SMTP 5xx). Waits end early when delivery stops.
 */

export type Attempt = { ok: true } | { ok: false; transient: boolean; reason: string; retryAfterMs?: number };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 };

export type Outcome = { ok: true; attempts: number } | { ok: false; attempts: number; reason: string; stopped: boolean };

/** `Retry-After` as milliseconds from now, or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function backoffMs(policy: RetryPolicy, failures: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

/** Runs `attempt` until it succeeds, fails for good, runs out of attempts or `signal` aborts. */
export async function withRetries(attempt: () => Promise<Attempt>, policy: RetryPolicy, signal: AbortSignal, onRetry: (reason: string, delayMs: number) => void): Promise<Outcome> {
  for (let n = 1; ; n++) {
    const result = await attempt();
    if (result.ok) return { ok: true, attempts: n };
    if (!result.transient || n >= policy.maxAttempts) return { ok: false, attempts: n, reason: result.reason, stopped: false };
    const delay = Math.min(policy.maxDelayMs, result.retryAfterMs ?? backoffMs(policy, n));
    onRetry(result.reason, delay);
    if (!(await pause(delay, signal))) return { ok: false, attempts: n, reason: result.reason, stopped: true };
  }
}

/** Waits `ms`; false when `signal` aborted first. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

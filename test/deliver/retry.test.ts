/** Retry timing of nudge delivery: Retry-After in both RFC 9110 forms, backoff growth, and what is not retried. */
import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, retryAfterMs, withRetries, type Attempt } from '../../src/deliver/retry.js';

describe('nudge delivery retries', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-11-30T00:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Mon, 30 Nov 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sun, 29 Nov 2026 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('backs off exponentially within ±20 % jitter, capped', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };
    for (const [failures, centre] of [[1, 1000], [2, 2000], [3, 4000], [4, 5000], [9, 5000]] as const) {
      const d = backoffMs(policy, failures);
      expect(d).toBeGreaterThanOrEqual(centre * 0.8);
      expect(d).toBeLessThanOrEqual(centre * 1.2);
    }
  });

  it('waits as long as Retry-After says, gives up on an answer that will not change, and stops at the attempt limit', async () => {
    const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 50 };
    const signal = new AbortController().signal;
    const delays: number[] = [];
    const answers: Attempt[] = [{ ok: false, transient: true, reason: 'HTTP 429', retryAfterMs: 20 }, { ok: true }];
    expect(await withRetries(async () => answers.shift()!, fast, signal, (_r, d) => delays.push(d))).toEqual({ ok: true, attempts: 2 });
    expect(delays).toEqual([20]);

    let calls = 0;
    const permanent = await withRetries(async () => (calls++, { ok: false, transient: false, reason: 'HTTP 404' }), fast, signal, () => {});
    expect(permanent).toEqual({ ok: false, attempts: 1, reason: 'HTTP 404', stopped: false });
    expect(calls).toBe(1);

    const flaky = await withRetries(async () => ({ ok: false, transient: true, reason: 'SMTP 421' }), fast, signal, () => {});
    expect(flaky).toEqual({ ok: false, attempts: 3, reason: 'SMTP 421', stopped: false });
    expect(DEFAULT_RETRY.maxAttempts).toBe(6);
  });

  it('ends a wait at once when delivery stops', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const pending = withRetries(async () => ({ ok: false, transient: true, reason: 'HTTP 503', retryAfterMs: 60_000 }), DEFAULT_RETRY, stop.signal, () => stop.abort());
    expect(await pending).toEqual({ ok: false, attempts: 1, reason: 'HTTP 503', stopped: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

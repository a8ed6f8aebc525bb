/**
 * One statement-side HTTP request with a time limit, as both of a lesson's connections send it:
 * LrsClient (an LRS: statements, State API, agent profiles) and RelayClient (`tandem serve`'s
 * relay: POST only). It never throws: no answer within `timeoutMs` (or no network) is status 0, so
 * the statement queue decides what to retry from one shape of answer.
 */

/** `status` 0 means the request did not get an answer (network down, timed out, aborted). */
export interface LrsResponse {
  status: number;
  body: string;
  /** From a `Retry-After` header (RFC 9110 §10.2.3: seconds or an HTTP date), in milliseconds from now. */
  retryAfterMs?: number;
}

export interface TimedRequestOptions {
  /** Give up (status 0) after this long; default 10 s. */
  timeoutMs?: number;
  /** The fetch to use (tests pass one); default the page's. */
  fetch?: typeof fetch;
}

/**
 * Sends `init` (method, headers, body, keepalive) to `url`, adding the time limit and what every
 * statement request carries. `init` is the caller's own fresh object and is completed in place
 * (no copy: the lesson bundles are ES2017, where a spread costs a helper call).
 */
export async function timedRequest(url: string, init: RequestInit, options: TimedRequestOptions = {}): Promise<LrsResponse> {
  const controller = new AbortController();
  // `||`, not `??`: ES2017 has no `??`, and no request is meant to time out at once.
  const timer = setTimeout(() => controller.abort(), options.timeoutMs || 10_000);
  init.signal = controller.signal;
  // Statements carry no cookies (the LRS is often on another origin; the relay takes none):
  // only a launch's Authorization, when there is one.
  init.credentials = 'omit';
  init.cache = 'no-store';
  try {
    const response = await (options.fetch || fetch)(url, init);
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.now());
    return { status: response.status, body: await response.text(), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  } catch {
    return { status: 0, body: '' };
  } finally {
    clearTimeout(timer);
  }
}

/** RFC 9110 §10.2.3: `Retry-After` is a number of seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The one timed request both lesson connections send through (src/runtime/statements/timedRequest.ts):
 * the LRS client and the relay client give up after their time limit with status 0, read
 * Retry-After, never throw, and send no cookies, each through the same code.
 */
import { describe, expect, it } from 'vitest';
import { LrsClient } from '../../src/runtime/statements/lrsClient.js';
import { RelayClient } from '../../src/runtime/statements/relayClient.js';
import { timedRequest } from '../../src/runtime/statements/timedRequest.js';

type Seen = { url: string; init: RequestInit };

/** A fetch that answers with `answer`, or never (until aborted) when it is 'hang', and records what it got. */
function fakeFetch(answer: Response | 'hang' | 'fail', seen: Seen[]): typeof fetch {
  return ((url: string, init: RequestInit) => {
    seen.push({ url, init });
    if (answer === 'fail') return Promise.reject(new TypeError('Failed to fetch'));
    if (answer !== 'hang') return Promise.resolve(answer);
    return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  }) as typeof fetch;
}

const clients = (fetcher: typeof fetch, timeoutMs: number) => ({
  lrs: new LrsClient({ endpoint: 'https://lrs.example.com/xapi', auth: 'Basic abc' }, { fetch: fetcher, timeoutMs }),
  relay: new RelayClient('https://learn.example.com/statements', { fetch: fetcher, timeoutMs }),
});

describe('timedRequest', () => {
  it('answers status 0 once the time limit passes, for the LRS client and the relay client alike', async () => {
    for (const name of ['lrs', 'relay'] as const) {
      const seen: Seen[] = [];
      const started = Date.now();
      const answer = await clients(fakeFetch('hang', seen), 50)[name].postStatements([]);
      expect(answer, name).toEqual({ status: 0, body: '' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      expect(seen[0]!.init.signal!.aborted).toBe(true);
    }
  });

  it('reads the status, the body and Retry-After; a network failure is status 0, never a throw', async () => {
    const seen: Seen[] = [];
    const limited = await timedRequest('https://lrs.example.com/xapi/statements', { method: 'POST', headers: {}, body: '[]' }, { fetch: fakeFetch(new Response('slow down', { status: 429, headers: { 'Retry-After': '7' } }), seen) });
    expect(limited).toEqual({ status: 429, body: 'slow down', retryAfterMs: 7_000 });
    expect(await timedRequest('https://lrs.example.com/', { method: 'GET', headers: {} }, { fetch: fakeFetch('fail', seen) })).toEqual({ status: 0, body: '' });
  });

  it('sends what each client sent before: the LRS its credential, the relay none; no cookies, no cache, keepalive on page close', async () => {
    const seen: Seen[] = [];
    const { lrs, relay } = clients(fakeFetch(new Response('[]', { status: 200 }), seen), 1_000);
    await lrs.putStatement({ id: 'f7d0c6a2-5b1e-4c39-9a0f-3e2d1c4b5a69' } as never, { keepalive: true });
    await relay.postStatements([], { keepalive: true });
    await lrs.getStatement('f7d0c6a2-5b1e-4c39-9a0f-3e2d1c4b5a69');
    expect(seen.map((s) => [s.init.method, s.url])).toEqual([
      ['PUT', 'https://lrs.example.com/xapi/statements?statementId=f7d0c6a2-5b1e-4c39-9a0f-3e2d1c4b5a69'],
      ['POST', 'https://learn.example.com/statements'],
      ['GET', 'https://lrs.example.com/xapi/statements?statementId=f7d0c6a2-5b1e-4c39-9a0f-3e2d1c4b5a69'],
    ]);
    expect(seen.map((s) => s.init.headers)).toEqual([
      { Authorization: 'Basic abc', 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
      { Authorization: 'Basic abc', 'X-Experience-API-Version': '1.0.3' },
    ]);
    expect(seen.map((s) => [s.init.credentials, s.init.cache, s.init.keepalive])).toEqual([
      ['omit', 'no-store', true],
      ['omit', 'no-store', true],
      ['omit', 'no-store', undefined],
    ]);
  });
});

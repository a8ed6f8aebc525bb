/**
 * Regression tests for statements lost on their way to the LRS (issue 10, "statements lost in the
 * browser"): 400/413 from something in front of the LRS, Retry-After, the page-close batch counted
 * in bytes, a full localStorage, and queues that outstay their use. The queue runs in Node against
 * the test LRS, with a clock the test moves where the rule is about time.
 */
import type { Statement } from '@xapi/xapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LrsClient, parseRetryAfter } from '../../src/runtime/statements/lrsClient.js';
import { MemoryStorage } from '../../src/runtime/statements/queueStorage.js';
import { newUuid } from '../../src/runtime/statements/statementIds.js';
import { learnerTag, queueKey, StatementQueue, type DeliveryStatus } from '../../src/runtime/statements/statementQueue.js';
import { TestLrs } from '../support/testLrs.js';

const actor = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.com', name: 'ann' } };
let lrs: TestLrs;
let auth: string;
let clock: number;

beforeEach(async () => {
  lrs = await TestLrs.start();
  auth = lrs.credential();
  clock = Date.UTC(2026, 0, 1);
});
afterEach(() => lrs.close());

function statement(n: number, extra: Partial<Statement> = {}): Statement {
  return {
    id: newUuid(),
    timestamp: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
    object: { objectType: 'Activity', id: `https://learn.example.com/screens/${n}` },
    ...extra,
  };
}

const KEY = queueKey({ endpoint: 'https://lrs.example.com/', lessonId: 'https://learn.example.com/lesson', actor });

function queue(storage = new MemoryStorage(), options: { rejected?: string[]; statuses?: DeliveryStatus[] } = {}) {
  const client = new LrsClient({ endpoint: lrs.endpoint, auth }, { timeoutMs: 2_000 });
  const q = new StatementQueue(client, storage, KEY, {
    retryDelay: () => 50,
    now: () => clock,
    settleMs: 0,
    learner: learnerTag(actor),
    onRejected: (s) => options.rejected?.push(String(s.id)),
  });
  if (options.statuses) q.onStatus((s) => options.statuses!.push(s));
  return { q, storage };
}

const storedIds = () => lrs.statements.map((s) => s.statement.id as string);
const statementRequests = () => lrs.requests.filter((r) => r.path.startsWith('/xapi/statements') && r.method !== 'GET');

describe('400 and 413 from the LRS or something in front of it', () => {
  it('a gateway answering 400 to everything for a while drops nothing: every statement is stored once it lets them through', async () => {
    const rejected: string[] = [];
    const statuses: DeliveryStatus[] = [];
    const { q } = queue(new MemoryStorage(), { rejected, statuses });
    lrs.intercept = () => ({ status: 400, text: 'Bad Request (auth gateway)' });
    const made = [1, 2, 3].map((n) => statement(n));
    made.forEach((s) => q.enqueue(s));
    // Many attempts, spread over minutes: the LRS accepted nothing, so nothing is the statements' fault.
    for (let i = 0; i < 6; i++) {
      await q.flush();
      clock += 60_000;
    }
    expect(rejected).toEqual([]);
    expect(q.pending()).toHaveLength(3);
    expect(statuses).toContain('pending');
    lrs.intercept = undefined;
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toEqual(made.map((s) => s.id));
    expect(statuses.at(-1)).toBe('saved');
  });

  it('a statement the LRS refuses alone is dropped only after attempts spread in time while it accepts others', async () => {
    const rejected: string[] = [];
    const { q } = queue(new MemoryStorage(), { rejected });
    const bad = statement(1, { verb: { id: 'not an IRI' } });
    const good = [2, 3].map((n) => statement(n));
    q.enqueue(bad);
    good.forEach((s) => q.enqueue(s));
    await q.flush();
    // The others went ahead; the refused one waits.
    expect(storedIds()).toEqual(good.map((s) => s.id));
    // Tried again within milliseconds: not enough to give up on it.
    for (let i = 0; i < 3; i++) {
      clock += 100;
      await q.flush();
    }
    expect(rejected).toEqual([]);
    expect(q.pending().map((s) => s.id)).toEqual([bad.id]);
    clock += 60_000;
    await q.flush();
    expect(rejected).toEqual([bad.id]);
    expect(q.pending()).toEqual([]);
  });

  it('splits a batch the LRS refuses as too large (413) and drops nothing', async () => {
    const rejected: string[] = [];
    const { q } = queue(new MemoryStorage(), { rejected });
    lrs.intercept = (r) => (Buffer.byteLength(r.body) > 1_500 ? { status: 413, text: 'Payload Too Large' } : undefined);
    const made = Array.from({ length: 12 }, (_, n) => statement(n));
    made.forEach((s) => q.enqueue(s));
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toEqual(made.map((s) => s.id));
    expect(rejected).toEqual([]);
    // Halved, not sent one by one: some batches of several statements got through.
    expect(statementRequests().some((r) => r.status === 200 && (r.ids?.length ?? 0) > 1)).toBe(true);
  });

  it('a body limit refusing every request for a while (413 even for one statement) drops nothing', async () => {
    const rejected: string[] = [];
    const { q } = queue(new MemoryStorage(), { rejected });
    lrs.intercept = () => ({ status: 413 });
    const made = [1, 2].map((n) => statement(n));
    made.forEach((s) => q.enqueue(s));
    for (let i = 0; i < 5; i++) {
      await q.flush();
      clock += 60_000;
    }
    expect(rejected).toEqual([]);
    lrs.intercept = undefined;
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toEqual(made.map((s) => s.id));
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  for (const status of [429, 503]) {
    it(`waits as long as a ${status} says before sending anything again, page close included`, async () => {
      const client = new LrsClient({ endpoint: lrs.endpoint, auth });
      const q = new StatementQueue(client, new MemoryStorage(), KEY, { retryDelay: () => 50, settleMs: 0 });
      let refused = 0;
      lrs.intercept = () => (refused++ === 0 ? { status, headers: { 'Retry-After': '1' } } : undefined);
      q.enqueue(statement(1));
      await q.flush();
      // More statements and a page hide inside the window: nothing goes out before it ends.
      q.enqueue(statement(2));
      await q.flush();
      q.flushOnPageHide();
      expect(await q.drained(5_000)).toBe(true);
      const requests = statementRequests();
      expect(requests[0]!.status).toBe(status);
      expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(950);
      expect(storedIds()).toHaveLength(2);
    });
  }
});

describe('the page-close batch', () => {
  it('fits the 64 KiB keepalive limit in bytes, not UTF-16 characters', async () => {
    const { q } = queue();
    // 3 bytes per character in UTF-8: 2,000 characters are 6,000 bytes.
    const made = Array.from({ length: 20 }, (_, n) =>
      statement(n, { object: { objectType: 'Activity', id: `https://learn.example.com/screens/${n}`, definition: { description: { 'zh-CN': '学'.repeat(2_000) } } } }),
    );
    made.forEach((s) => q.enqueue(s));
    q.flushOnPageHide();
    expect(await q.drained(5_000)).toBe(true);
    const largest = statementRequests().reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes).toBeLessThanOrEqual(65_536);
    expect(largest.ids!.length).toBeGreaterThan(5);
    expect(storedIds()).toEqual(made.map((s) => s.id));
  });
});

/** localStorage with a quota, as browsers have (about 5 MB per origin, shared with the LMS and every package). */
class QuotaStorage extends MemoryStorage {
  constructor(private readonly quota: number) {
    super();
  }
  override setItem(key: string, value: string): void {
    const used = this.keys().reduce((sum, k) => sum + (k === key ? 0 : k.length + (this.getItem(k)?.length ?? 0)), 0);
    if (used + key.length + value.length > this.quota) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    super.setItem(key, value);
  }
}

function leftQueue(storage: MemoryStorage, name: string, options: { learner: string; updatedAt: number; handedOff: boolean }): void {
  storage.setItem(name, JSON.stringify({ format: 2, learner: options.learner, updatedAt: options.updatedAt }));
  storage.setItem(`${name}/000000000-0000`, JSON.stringify({ statement: statement(9, { actor: { objectType: 'Agent', name: 'Bob Other', mbox: 'mailto:bob@example.com' } }), ...(options.handedOff ? { handedAt: options.updatedAt, batch: 'x' } : {}) }));
}

describe('a full or refusing localStorage', () => {
  it('never throws into the lesson: evicts a stale Tandem queue, then keeps what does not fit in memory and sends it', async () => {
    const storage = new QuotaStorage(20_000);
    storage.setItem('lms.cache', 'x'.repeat(18_000));
    leftQueue(storage, 'tandem.xapi.queue.0000stale', { learner: learnerTag(actor), updatedAt: clock - 60_000, handedOff: true });
    const { q } = queue(storage);
    const made = Array.from({ length: 8 }, (_, n) => statement(n));
    expect(() => made.forEach((s) => q.enqueue(s))).not.toThrow();
    expect(storage.getItem('tandem.xapi.queue.0000stale')).toBeNull();
    expect(storage.getItem('lms.cache')).not.toBeNull();
    expect(q.persistent).toBe(false);
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toEqual(made.map((s) => s.id));
  });

  it('a storage that refuses every write still records', async () => {
    const storage = new QuotaStorage(0);
    const { q } = queue(storage);
    expect(() => q.enqueue(statement(1))).not.toThrow();
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toHaveLength(1);
  });
});

describe('queues that outstay their use (they hold learners\' names and email addresses)', () => {
  it('expires queues left after a normal close and other learners\' old queues, keeps undelivered recent ones', () => {
    const storage = new MemoryStorage();
    leftQueue(storage, 'tandem.xapi.queue.closed01', { learner: learnerTag(actor), updatedAt: clock - 2 * 3_600_000, handedOff: true });
    leftQueue(storage, 'tandem.xapi.queue.bobs0001', { learner: 'b0b0b0b0', updatedAt: clock - 2 * 86_400_000, handedOff: false });
    leftQueue(storage, 'tandem.xapi.queue.unsent01', { learner: learnerTag(actor), updatedAt: clock - 3_600_000, handedOff: false });
    leftQueue(storage, 'tandem.xapi.queue.closing1', { learner: learnerTag(actor), updatedAt: clock - 60_000, handedOff: true });
    queue(storage);
    const left = new Set(storage.keys().map((k) => k.split('/')[0]));
    expect(left).toEqual(new Set(['tandem.xapi.queue.unsent01', 'tandem.xapi.queue.closing1']));
  });
});

/**
 * The persistent statement queue against the test LRS (in Node, with Node's fetch): order, retry
 * after the LRS was down, failing or stalled, no duplicates when part of a batch was already
 * stored, survival across "page loads" (a new queue over the same storage), credentials and the
 * version header on every request, and the test LRS itself read back with @xapi/xapi's client.
 */
import xapiPackage from '@xapi/xapi';
import type { Statement } from '@xapi/xapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LrsClient } from '../../src/runtime/statements/lrsClient.js';
import { newUuid } from '../../src/runtime/statements/statementIds.js';
import { MemoryStorage, StatementQueue, queueKey } from '../../src/runtime/statements/statementQueue.js';
import { TestLrs } from '../support/testLrs.js';

const XAPI = xapiPackage.default;
const actor = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.com', name: 'ann' } };
let lrs: TestLrs;
let auth: string;

beforeEach(async () => {
  lrs = await TestLrs.start();
  auth = lrs.credential();
});
afterEach(() => lrs.close());

function statement(n: number): Statement {
  return {
    id: newUuid(),
    timestamp: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
    object: { objectType: 'Activity', id: `https://learn.example.com/screens/${n}` },
  };
}

function queue(storage = new MemoryStorage(), options: { timeoutMs?: number; auth?: string } = {}) {
  const client = new LrsClient({ endpoint: lrs.endpoint, auth: options.auth ?? auth }, { timeoutMs: options.timeoutMs ?? 2_000 });
  const key = queueKey({ endpoint: lrs.endpoint, lessonId: 'https://learn.example.com/lesson', actor });
  return { storage, q: new StatementQueue(client, storage, key, { retryDelay: () => 50 }) };
}

const storedIds = () => lrs.statements.map((s) => s.statement.id as string);

describe('statement queue', () => {
  it('sends statements in the order they were made, with the version header and credentials', async () => {
    const { q } = queue();
    const made = [1, 2, 3, 4, 5].map(statement);
    for (const s of made) q.enqueue(s);
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toEqual(made.map((s) => s.id));
    expect(lrs.requests.every((r) => r.status < 300)).toBe(true);
    // Read back with @xapi/xapi's own client: the test LRS speaks xAPI.
    const client = new XAPI({ endpoint: lrs.endpoint, auth });
    const { data } = await client.getStatements({});
    expect(data.statements.map((s) => s.id)).toEqual(made.map((s) => s.id));
  });

  it('keeps statements while the LRS is down or failing, sends them once it is back, each once', async () => {
    const { q, storage } = queue();
    lrs.setMode('down');
    q.enqueue(statement(1));
    q.enqueue(statement(2));
    await q.flush();
    lrs.setMode('fail');
    q.enqueue(statement(3));
    await q.flush();
    expect(lrs.statements).toHaveLength(0);
    expect(q.pending()).toHaveLength(3);
    // A reload: a new queue over the same storage still has them.
    const again = new StatementQueue(new LrsClient({ endpoint: lrs.endpoint, auth }), storage, queueKey({ endpoint: lrs.endpoint, lessonId: 'https://learn.example.com/lesson', actor }), { retryDelay: () => 50 });
    lrs.setMode('up');
    again.enqueue(statement(4));
    expect(await again.drained(5_000)).toBe(true);
    expect(lrs.statements.map((s) => s.statement.timestamp)).toEqual([1, 2, 3, 4].map((n) => statement(n).timestamp));
    expect(new Set(storedIds()).size).toBe(4);
  });

  it('retries a stalled request after its timeout without storing anything twice', async () => {
    const { q } = queue(new MemoryStorage(), { timeoutMs: 300 });
    lrs.setMode('stall');
    const made = [1, 2].map(statement);
    made.forEach((s) => q.enqueue(s));
    // The first request stalls; after its 300 ms timeout the queue sends the batch again.
    await lrs.whenHolding(2);
    // The held requests are answered now (and store the batch); the retry finds them stored.
    lrs.setMode('up');
    expect(await q.drained(5_000)).toBe(true);
    expect(storedIds()).toEqual(made.map((s) => s.id));
  });

  it('sends a batch one by one when the LRS already holds part of it (409), so nothing is lost or doubled', async () => {
    const { q } = queue();
    const made = [1, 2, 3].map(statement);
    // The first statement reached the LRS in a keepalive request whose answer the page never saw.
    await new LrsClient({ endpoint: lrs.endpoint, auth }).postStatements([made[0]!]);
    // Same id, other content: the LRS refuses the whole batch.
    made[0] = { ...made[0]!, timestamp: new Date(0).toISOString() };
    made.forEach((s) => q.enqueue(s));
    expect(await q.drained(5_000)).toBe(true);
    expect(lrs.requests.map((r) => `${r.method} ${r.status}`)).toContain('POST 409');
    expect(storedIds()).toEqual(made.map((s) => s.id));
  });

  it('does not send with credentials the LRS refuses, and keeps the statements for a later launch', async () => {
    const { q } = queue(new MemoryStorage(), { auth: 'Basic d3Jvbmc6d3Jvbmc=' });
    q.enqueue(statement(1));
    await q.flush();
    expect(lrs.requests[0]!.status).toBe(401);
    expect(lrs.statements).toHaveLength(0);
    expect(q.pending()).toHaveLength(1);
  });

  it('PUTs the latest state document after the statements that led to it', async () => {
    const { q } = queue();
    const params = { activityId: 'https://learn.example.com/lesson', agent: actor, registration: 'c0ffee00-0000-4000-8000-000000000000', stateId: 'bookmark' };
    q.enqueue(statement(1));
    q.setState(params, { screen: 1 });
    q.setState(params, { screen: 2 });
    expect(await q.drained(5_000)).toBe(true);
    expect(lrs.document('state', { ...params, agent: JSON.stringify(actor) })).toEqual({ screen: 2 });
    const puts = lrs.requests.filter((r) => r.method === 'PUT');
    const firstStatement = lrs.requests.findIndex((r) => r.method === 'POST');
    expect(lrs.requests.indexOf(puts[0]!)).toBeGreaterThan(firstStatement);
  });
});

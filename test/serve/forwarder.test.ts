/**
 * The forwarder against an LRS on loopback that misbehaves on cue: 429 with Retry-After, 500, a
 * stalled answer (timeout), 409 on a batch, a statement refused for good. Everything ends up
 * stored once, in journal order, and the refused one is set aside without blocking the rest.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Forwarder, REFUSED_FILE } from '../../src/serve/forward/forwarder.js';
import { parseRetryAfter } from '../../src/serve/forward/lrsClient.js';
import { Journal } from '../../src/serve/journal/journal.js';
import { loadCursor } from '../../src/serve/journal/forwardCursor.js';

type Answer = { status: number; headers?: Record<string, string> } | 'stall';

/** Answers the scripted list first, then stores: 200 for POST, 204 for PUT; ids it refuses get 400. */
async function scriptedLrs(script: Answer[], refuse = new Set<string>()) {
  const stored: string[] = [];
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      const next = script.shift();
      if (next === 'stall') return; // never answered: the client's timeout must fire
      if (next) {
        res.writeHead(next.status, next.headers ?? {});
        return res.end();
      }
      const statements = [JSON.parse(body)].flat() as { id: string }[];
      if (statements.some((s) => refuse.has(s.id))) {
        res.writeHead(400);
        return res.end('bad statement');
      }
      for (const s of statements) if (!stored.includes(s.id)) stored.push(s.id);
      res.writeHead(req.method === 'PUT' ? 204 : 200, { 'Content-Type': 'application/json' });
      res.end(req.method === 'PUT' ? undefined : JSON.stringify(statements.map((s) => s.id)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`, stored, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(script: Answer[], count: number, refuse = new Set<string>()) {
  const lrs = await scriptedLrs(script, refuse);
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-forwarder-'));
  const journal = await Journal.open({ dir, segmentBytes: 1 << 20, budgetBytes: 1 << 30, gzipOnRotate: false });
  const ids = Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  await journal.append(ids.map((id) => JSON.stringify({ id })));
  const retries: { reason: string; delayMs: number }[] = [];
  const refused: number[] = [];
  let forwarded = 0;
  let resolveDone: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const forwarder = new Forwarder(journal, { endpoint: lrs.endpoint, auth: 'Basic dGVzdDp0ZXN0', timeoutMs: 2_000 }, {
    forwarded: (n) => {
      forwarded += n;
      if (forwarded + refused.length >= count) resolveDone();
    },
    refused: (n, status) => {
      refused.push(status);
      if (forwarded + refused.length >= count) resolveDone();
    },
    retrying: (reason, delayMs) => retries.push({ reason, delayMs }),
  });
  forwarder.start();
  cleanups.push(lrs.close, () => journal.close(), () => forwarder.stop(Date.now()));
  return { lrs, dir, ids, retries, refused, done, journal };
}

describe('Forwarder', () => {
  it('honours Retry-After, retries 5xx and timeouts, and delivers everything once, in order', async () => {
    const { lrs, ids, retries, done, dir, journal } = await setup([{ status: 429, headers: { 'Retry-After': '1' } }, { status: 500 }, 'stall'], 120);
    await done;
    expect(retries.map((r) => r.reason)).toEqual(['HTTP 429', 'HTTP 500', 'timeout']);
    expect(retries[0]!.delayMs).toBe(1000);
    expect(lrs.stored).toEqual(ids);
    expect(loadCursor(dir)).toEqual(journal.end);
  });

  it('treats a 409 batch by sending each statement alone, and sets a refused one aside without blocking the rest', async () => {
    const bad = '00000000-0000-4000-8000-000000000003';
    const { lrs, ids, refused, done, dir } = await setup([{ status: 409 }], 10, new Set([bad]));
    await done;
    expect(refused).toEqual([400]);
    expect(lrs.stored).toEqual(ids.filter((id) => id !== bad));
    expect(lrs.seen.filter((s) => s.startsWith('PUT')).length).toBe(10);
    expect(readFileSync(path.join(dir, REFUSED_FILE), 'utf8')).toBe(`${JSON.stringify({ id: bad })}\n`);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

/**
 * Fault runs of `tandem serve` as a real process against a real LRS on loopback, kept to seconds:
 * an LRS outage under load then recovery, SIGKILL mid-load then restart, SIGTERM during an outage,
 * and a full journal budget. Each asserts what the issue promises: no statement answered 2xx is
 * lost, none is stored twice, nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournalLines } from '../../src/serve/journal/journal.js';
import { TestLrs } from '../support/testLrs.js';
import { buildServedRelease, postStatements, seenResponses, startServe, withServeConfig, type ServeProcess, type ServedRelease } from '../support/serveProcess.js';

let release: ServedRelease;
let lrs: TestLrs;
let lrsAuth: string;
let course: string;
const running: ServeProcess[] = [];

function statement(): Record<string, any> {
  return {
    ...structuredClone(release.template),
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    actor: { objectType: 'Agent', account: { homePage: 'https://aids.acme.example', name: randomUUID() } },
  };
}

async function serve(journal: string, withLrs = true, courseDir = course): Promise<ServeProcess> {
  const server = await startServe(
    [courseDir, '--release', release.releaseDir, '--port', '0', '--journal', journal],
    withLrs ? { TANDEM_LRS_ENDPOINT: lrs.endpoint, TANDEM_LRS_AUTH: lrsAuth } : {},
  );
  running.push(server);
  return server;
}

function storedCounts(ids: Iterable<string>): { missing: number; twice: number } {
  const counts = new Map<string, number>();
  for (const s of lrs.statements) counts.set(s.statement.id, (counts.get(s.statement.id) ?? 0) + 1);
  let missing = 0;
  let twice = 0;
  for (const id of ids) {
    const n = counts.get(id) ?? 0;
    if (n === 0) missing++;
    if (n > 1) twice++;
  }
  return { missing, twice };
}

beforeAll(async () => {
  release = await buildServedRelease();
  // Load tests send hundreds of statements for one objective from one address.
  course = withServeConfig(release, '  log_requests: false\n  rate_limit:\n    statements_per_minute: 1000000\n    requests_per_minute: 1000000\n');
  lrs = await TestLrs.start();
  lrsAuth = lrs.credential('relay', randomUUID());
});

afterAll(async () => {
  for (const server of running) if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
  await lrs?.close();
});

// Each run starts real server processes; a busy 2-core machine needs tens of seconds for that.
describe('tandem serve under faults', { timeout: 120_000 }, () => {
  it('LRS outage under load, then recovery: every accepted statement stored once, in order', async () => {
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    const server = await serve(journal);
    try {
      lrs.setMode('down');
      const accepted: string[] = [];
      // 20 concurrent requests of 10 while the LRS refuses connections, then 10 more while it answers 503.
      const load = async (rounds: number) => {
        const answers = await Promise.all(Array.from({ length: rounds }, () => postStatements(`${server.url}/statements`, Array.from({ length: 10 }, statement))));
        for (const a of answers) {
          expect(a.status).toBe(200);
          accepted.push(...a.json);
        }
      };
      await load(20);
      lrs.setMode('fail');
      await load(10);
      expect(storedCounts(accepted).missing).toBe(accepted.length);
      lrs.setMode('up');
      await lrs.waitFor(() => storedCounts(accepted).missing === 0, 60_000, 'the backlog');
      expect(storedCounts(accepted)).toEqual({ missing: 0, twice: 0 });
      // Forwarded in journal order.
      const journalOrder = (await readJournalLines(journal)).map((l) => JSON.parse(l).id as string);
      const lrsOrder = lrs.statements.map((s) => s.statement.id as string).filter((id) => journalOrder.includes(id));
      expect(lrsOrder).toEqual(journalOrder);
    } finally {
      lrs.setMode('up');
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('SIGKILL mid-load, then restart: every statement answered 2xx is forwarded, none twice', async () => {
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    const server = await serve(journal);
    const acked: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const answer = await postStatements(`${server.url}/statements`, Array.from({ length: 5 }, statement));
          if (answer.status === 200) acked.push(...answer.json);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (acked.length >= 400) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    server.proc.kill('SIGKILL');
    const killedAt = acked.length;
    stop = true;
    await Promise.all(workers);
    expect(await server.exited).toBe('SIGKILL');

    // Every line left is whole JSON, and every acknowledged statement is among them.
    const lines = await readJournalLines(journal);
    const journaled = new Set(lines.map((l) => JSON.parse(l).id as string));
    expect(acked.filter((id) => !journaled.has(id))).toEqual([]);
    expect(journaled.size).toBe(lines.length);

    const again = await serve(journal);
    try {
      await lrs.waitFor(() => storedCounts(journaled).missing === 0, 60_000, 'the statements journaled before the kill');
      expect(storedCounts(acked)).toEqual({ missing: 0, twice: 0 });
      expect(storedCounts(journaled)).toEqual({ missing: 0, twice: 0 });
      expect(killedAt).toBeGreaterThanOrEqual(400);
    } finally {
      again.proc.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
  });

  it('SIGTERM during an outage exits 0 within 15 s and the next start forwards the rest', async () => {
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    const server = await serve(journal);
    lrs.setMode('down');
    const answer = await postStatements(`${server.url}/statements`, Array.from({ length: 20 }, statement));
    expect(answer.status).toBe(200);
    const started = Date.now();
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    lrs.setMode('up');
    const again = await serve(journal);
    try {
      await lrs.waitFor(() => storedCounts(answer.json).missing === 0, 60_000, 'the statements of the stopped server');
      expect(storedCounts(answer.json)).toEqual({ missing: 0, twice: 0 });
    } finally {
      again.proc.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
  });

  it('SIGTERM while a browser holds a preconnected socket that never sent a request stops at once, forwarding first', async () => {
    // Chromium opens spare connections to a server it has talked to; Node's closeIdleConnections()
    // leaves a socket that never carried a request open, and the server used to wait for it until
    // the 15 s hard stop (logged as shutdown-timeout), skipping the last forward.
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    const server = await serve(journal);
    const spare = connect(Number(new URL(server.url).port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => spare.on('connect', resolve).on('error', reject));
    const closed = new Promise<void>((resolve) => spare.on('close', () => resolve()));
    spare.on('error', () => undefined);
    lrs.setMode('stall');
    const answer = await postStatements(`${server.url}/statements`, [statement(), statement()]);
    expect(answer.status).toBe(200);
    await lrs.whenHolding(1);
    const started = Date.now();
    server.proc.kill('SIGTERM');
    lrs.setMode('up');
    expect(await server.exited).toBe(0);
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.stderr()).toContain('"event":"stopped"');
    expect(server.stderr()).not.toContain('shutdown-timeout');
    expect(storedCounts(answer.json)).toEqual({ missing: 0, twice: 0 });
  });

  it('a full journal budget stops 2xx with a 503 code, and leaves nothing half-written', async () => {
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    const small = withServeConfig(release, '  journal_budget_mb: 0.03\n  rate_limit:\n    statements_per_minute: 100000\n');
    const server = await serve(journal, false, small);
    try {
      const accepted: string[] = [];
      let refusal: Awaited<ReturnType<typeof postStatements>> | undefined;
      for (let i = 0; i < 200 && !refusal; i++) {
        const answer = await postStatements(`${server.url}/statements`, [statement(), statement()]);
        if (answer.status === 200) accepted.push(...answer.json);
        else refusal = answer;
      }
      expect(refusal?.status).toBe(503);
      expect(refusal?.json.code).toBe('RELAY_JOURNAL_FULL');
      expect(Number(refusal?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await postStatements(`${server.url}/statements`, statement())).json.code).toBe('RELAY_JOURNAL_FULL');
      const lines = await readJournalLines(journal);
      expect(lines.map((l) => JSON.parse(l).id)).toEqual(accepted);
      expect(accepted.length).toBeGreaterThan(10);
    } finally {
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('no response of the fault runs holds the LRS credentials', () => {
    expect(seenResponses.length).toBeGreaterThan(100);
    const password = Buffer.from(lrsAuth.slice('Basic '.length), 'base64').toString().split(':')[1]!;
    expect(seenResponses.filter((r) => [lrsAuth, password].some((s) => r.body.includes(s) || r.headers.includes(s)))).toEqual([]);
  });
});

/**
 * No statement is lost, none is stored twice, none is sent twice when it need not be. Every
 * statement is written to storage (with the id and timestamp it was made with) before any attempt
 * to send it, and removed only once the LRS has confirmed it.
 *
 * - One storage key per statement (`<queue>/<time>-<n>`), so two tabs of one launch never
 *   overwrite each other's statements: each is stored exactly once, whichever tab made it.
 * - In order: one request in flight per page, oldest statements first, as one batch (an LRS stores a
 *   batch whole and in order). A 413 halves the batch.
 * - A statement handed to a request whose answer was never seen (the keepalive request on page
 *   close, a timeout) may be stored already. It is marked, and before it is sent again the LRS is
 *   asked (`GET ?statementId=`, once the earlier request has had time to land) whether it holds it:
 *   so a reload does not send `terminated` and everything before it a second time.
 * - Retried with exponential backoff (1 s doubling to 16 s) when the LRS is down, slow or refuses
 *   for a reason that may pass (5xx, 401/403, 429), and never before a `Retry-After` the LRS gave
 *   with 429 or 503.
 * - 400 and 413 are often not the statement's fault (a proxy, an auth gateway, a body limit), so a
 *   batch refused that way is sent statement by statement, and a statement is dropped only when the
 *   LRS refused it alone several times, spread over at least half a minute, while it accepted other
 *   statements in the meantime. Until then it waits while the statements after it go ahead.
 * - On pagehide, what is not yet handed to a request goes out in one `keepalive` request, counted
 *   in bytes against the 64 KiB the browser lets keepalive requests have in flight.
 *
 * The same applies to the one State API document the lesson keeps (the bookmark): the latest
 * version waits in storage and is PUT after the statements that led to it.
 *
 * The queue holds the learner's name and account, so old queues expire (see staleQueues). When the
 * storage is full, stale queues are evicted; what still does not fit is kept in memory and sent at
 * once (see SafeStorage).
 */
import type { Statement } from '@xapi/xapi';
import type { SaveStatus } from '../player/tracker.js';
import type { LrsResponse, StateParams, StatementEndpoint } from './lrsClient.js';
import { SafeStorage, type QueueStorage } from './queueStorage.js';
import { QueueStore, type StoredEntry } from './queueStore.js';
import { byteBounded, byteLength } from './requestBytes.js';
import { evictStaleQueue, expireStaleQueues, type QueueEntry as Entry } from './staleQueues.js';

export { MemoryStorage, type QueueStorage } from './queueStorage.js';
export { learnerTag, queueKey } from './staleQueues.js';

/** What the learner should be told about their progress (see the player's SaveStatus). */
export type DeliveryStatus = SaveStatus;

/** Fetch: keepalive request bodies may total 64 KiB in flight per page ("inflight keepalive bytes"). */
const KEEPALIVE_LIMIT = 65_536;
/** Ordinary sends use keepalive (so they survive the page) while small, leaving room for the page-close batch. */
const ORDINARY_KEEPALIVE_MAX = 16_384;
/** Statements per request when the LRS is reachable. */
const BATCH_SIZE = 25;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 16_000;
/** A Retry-After longer than this is capped: the learner's session is not that long. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

export interface StatementQueueOptions {
  /** Told about statements the LRS refused for good, which are dropped so they do not block the rest. */
  onRejected?: (statement: Statement, status: number) => void;
  /** A hash of the learner (see learnerTag), to expire other learners' queues. */
  learner?: string;
  /** For tests: the backoff before the nth retry (0-based). */
  retryDelay?: (attempt: number) => number;
  /** When a statement refused alone may be dropped: after this many refusals spread over at least spreadMs. */
  refusals?: { attempts: number; spreadMs: number };
  /** How long a request whose answer was not seen gets to land before the LRS is asked whether it holds its statements. */
  settleMs?: number;
  now?: () => number;
}

export class StatementQueue {
  private running?: Promise<void>;
  private again = false;
  private failures = 0;
  private authFailures = 0;
  private dropped = false;
  private notBefore = 0;
  private batchLimit = BATCH_SIZE;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private keepaliveBytes = 0;
  private readonly inFlight = new Set<string>();
  /** Requests of this page that have ended (with or without an answer). */
  private readonly answered = new Set<string>();
  private readonly storage: SafeStorage;
  private readonly store: QueueStore;
  private lastStatus: DeliveryStatus = 'saved';
  private readonly listeners: ((status: DeliveryStatus) => void)[] = [];
  private lastResponse?: LrsResponse;
  private flushScheduled = false;
  /** Ordinary requests in flight (their statements also go in the page-close batch, to keep the order). */
  private readonly ordinary = new Set<string>();
  /** The state document version last handed to a page-close request. */
  private stateHanded?: string;

  constructor(
    private readonly client: StatementEndpoint,
    storage: QueueStorage,
    /** One queue per learner, lesson and registration: see queueKey. */
    private readonly key: string,
    private readonly options: StatementQueueOptions = {},
  ) {
    this.storage = storage instanceof SafeStorage ? storage : new SafeStorage(storage);
    this.storage.onQuotaExceeded(() => evictStaleQueue(this.storage, this.key, this.now()));
    this.store = new QueueStore(this.storage, key, options.learner, () => this.now());
    this.store.migrate();
    expireStaleQueues(this.storage, this.key, this.options.learner, this.now());
  }

  /** Persists the statement, then tries to send everything queued. */
  enqueue(statement: Statement): void {
    this.store.add(statement, Math.random().toString(36).slice(2, 6));
    this.store.writeMeta(this.store.readMeta());
    this.report('saving');
    this.flushSoon();
  }

  /** Keeps the latest state document for sending after the queued statements. */
  setState(params: StateParams, document: unknown): void {
    const meta = this.store.readMeta();
    meta.state = { params, document, version: `${this.now()}-${Math.random().toString(36).slice(2)}` };
    this.store.writeMeta(meta);
    this.report('saving');
    this.flushSoon();
  }

  /**
   * Flushes once the current task has made all its statements, so statements made together go in
   * one request: `suspended` and `terminated` on page close must not race each other to the LRS.
   */
  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  /** The statements not yet confirmed by the LRS, oldest first. */
  pending(): Statement[] {
    return this.store.entries().map((e) => e.entry.statement);
  }

  /** The state document not yet confirmed, if any. */
  pendingState(): unknown {
    return this.store.readMeta().state?.document;
  }

  /** Tells `listener` the delivery status now and whenever it changes. */
  onStatus(listener: (status: DeliveryStatus) => void): void {
    this.listeners.push(listener);
    listener(this.lastStatus);
  }

  /** False once something could be kept only in this page's memory (storage full or refused). */
  get persistent(): boolean {
    return this.storage.persistent;
  }

  /** Sends what is queued; resolves when the queue is empty or the LRS failed (a retry is then scheduled). */
  flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (!(await this.drain(options.keepalive ?? false))) break;
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * The page is being hidden, maybe for good: hand what no request carries yet to the browser in a
   * keepalive request, without waiting. Called twice when a tab closes (pagehide, visibilitychange);
   * the second call finds nothing new to send.
   */
  flushOnPageHide(): void {
    if (this.now() < this.notBefore) return;
    const entries = this.store.entries();
    // An ordinary request still in flight may reach the LRS after this one: its statements go again
    // here, before the ones made since (the LRS ignores an id it already holds), so the order holds.
    const fresh = entries.filter((e) => (e.entry.handedAt === undefined || (e.entry.batch !== undefined && this.ordinary.has(e.entry.batch))) && !e.entry.refused);
    const batch = byteBounded(fresh, KEEPALIVE_LIMIT - this.keepaliveBytes - 512);
    if (batch.length) void this.send(batch, true, 'page-close');
    const meta = this.store.readMeta();
    if (meta.state && meta.state.version !== this.stateHanded && batch.length === fresh.length && entries.every((e) => !e.entry.refused)) {
      this.stateHanded = meta.state.version;
      void this.client.putState(meta.state.params, meta.state.document, { keepalive: true });
    }
  }

  /** Resolves true once nothing is queued, false after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.flush();
      if (!this.store.entries().length && !this.store.readMeta().state) return true;
      if (Date.now() >= until) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
    }
  }

  /** One pass over the queue. False when it has to wait (a retry is then scheduled). */
  private async drain(keepalive: boolean): Promise<boolean> {
    for (;;) {
      const now = this.now();
      if (now < this.notBefore) return this.scheduleRetry(this.notBefore - now);
      const entries = this.store.entries().filter((e) => !(e.entry.batch && this.inFlight.has(e.entry.batch)));
      const uncertain = entries.find((e) => e.entry.handedAt !== undefined);
      if (uncertain) {
        // A request of this page has ended already; one of another page or tab gets time to land.
        const wait = this.answered.has(uncertain.entry.batch!) ? 0 : uncertain.entry.handedAt! + (this.options.settleMs ?? 2_000) - now;
        if (wait > 0) return this.scheduleRetry(wait);
        if (!(await this.settle(entries.filter((e) => e.entry.batch === uncertain.entry.batch)))) return this.fail();
        continue;
      }
      const ready = entries.filter((e) => !e.entry.refused || now >= e.entry.refused.last + this.backoff(e.entry.refused.count - 1));
      if (!ready.length) {
        if (!entries.length) break;
        // Only statements the LRS refused are left; they are tried again later.
        const next = Math.min(...entries.map((e) => e.entry.refused!.last + this.backoff(e.entry.refused!.count - 1)));
        this.report(this.dropped ? 'failed' : 'pending');
        return this.scheduleRetry(next - now);
      }
      // A statement the LRS refused before goes alone; the rest in batches from the oldest.
      const head = ready[0]!;
      const batch = head.entry.refused ? [head] : byteBounded(takeWhile(ready.slice(0, this.batchLimit), (e) => !e.entry.refused), keepalive ? KEEPALIVE_LIMIT / 2 : Infinity);
      const sent = await this.send(batch.length ? batch : [head], keepalive);
      if (sent === 'retry') return this.fail();
    }
    // Statements still on their way (a page-close request): the state document waits for them.
    if (this.inFlight.size) return true;
    const { state } = this.store.readMeta();
    if (state) {
      const response = await this.client.putState(state.params, state.document, { keepalive: keepalive || byteLength(JSON.stringify(state.document)) <= ORDINARY_KEEPALIVE_MAX });
      if (!isStored(response)) return this.fail(response);
      const now = this.store.readMeta();
      // Only forget the document if no newer one was saved while this one was on its way.
      if (now.state?.version === state.version) {
        delete now.state;
        this.store.writeMeta(now);
      }
    }
    this.failures = 0;
    this.authFailures = 0;
    this.report(this.dropped ? 'failed' : 'saved');
    return true;
  }

  /**
   * Sends statements (one alone with PUT, several with POST) and acts on the answer. 'retry' when
   * the LRS did not take them for a reason that may pass.
   */
  private async send(batch: StoredEntry[], keepalive: boolean, kind: 'ordinary' | 'page-close' = 'ordinary'): Promise<'sent' | 'retry'> {
    const id = `${this.now()}-${Math.random().toString(36).slice(2)}`;
    const body = JSON.stringify(batch.length === 1 ? batch[0]!.entry.statement : batch.map((e) => e.entry.statement));
    const bytes = byteLength(body);
    const asKeepalive = (keepalive && bytes <= KEEPALIVE_LIMIT - this.keepaliveBytes) || (bytes <= ORDINARY_KEEPALIVE_MAX && this.keepaliveBytes + bytes <= KEEPALIVE_LIMIT / 2);
    for (const e of batch) this.store.update(e, { ...e.entry, handedAt: this.now(), batch: id });
    this.inFlight.add(id);
    if (kind === 'ordinary') this.ordinary.add(id);
    if (asKeepalive) this.keepaliveBytes += bytes;
    const response = await (batch.length === 1
      ? this.client.putStatement(batch[0]!.entry.statement, { keepalive: asKeepalive })
      : this.client.postStatements(batch.map((e) => e.entry.statement), { keepalive: asKeepalive })
    ).finally(() => {
      this.inFlight.delete(id);
      this.answered.add(id);
      this.ordinary.delete(id);
      if (asKeepalive) this.keepaliveBytes -= bytes;
      // The page stayed (a tab switch): carry on with what waited for this request.
      if (kind === 'page-close') this.flushSoon();
    });
    this.lastResponse = response;
    if (isStored(response) || (batch.length === 1 && response.status === 409)) {
      // PUT: 409 means the LRS already holds this id.
      this.store.remove(batch);
      this.othersAccepted();
      return 'sent';
    }
    // No answer: maybe stored. The marks stay; the LRS is asked before the statements go again.
    if (response.status === 0) return 'retry';
    for (const e of batch) {
      // Not stored; unless a later request (the page-close one) carries it now.
      const now = this.store.read(e.key);
      if (now?.batch === id) this.store.update(e, withoutHandoff(now));
    }
    if (batch.length > 1 && response.status === 413) {
      this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
      return 'sent';
    }
    if (batch.length > 1 && (response.status === 409 || response.status === 400)) {
      // Part of the batch is already stored, or something in it is refused: find out statement by statement.
      for (const e of batch) if ((await this.send([{ key: e.key, entry: this.store.read(e.key) ?? e.entry }], keepalive)) === 'retry') return 'retry';
      return 'sent';
    }
    if (batch.length === 1 && (response.status === 400 || response.status === 413)) {
      this.refused(batch[0]!, response.status);
      return 'sent';
    }
    return 'retry';
  }

  /** Statements handed to a request whose answer was not seen: ask the LRS whether that batch is stored. */
  private async settle(batch: StoredEntry[]): Promise<boolean> {
    const response = await this.client.getStatement(String(batch.at(-1)!.entry.statement.id));
    this.lastResponse = response;
    if (response.status === 200) {
      this.store.remove(batch);
      return true;
    }
    if (response.status === 0 || response.status === 429 || response.status >= 500) return false;
    // 404, or a token that may not read statements: send them again (an LRS ignores an id it already holds).
    for (const e of batch) this.store.update(e, withoutHandoff(e.entry));
    return true;
  }

  /** A statement the LRS refused alone: drop it only when it keeps doing so while accepting others. */
  private refused(e: StoredEntry, status: number): void {
    const now = this.now();
    const entry = this.store.read(e.key) ?? e.entry;
    const refused = entry.refused ? { ...entry.refused, count: entry.refused.count + 1, last: now } : { count: 1, first: now, last: now, othersAccepted: false };
    const rule = this.options.refusals ?? { attempts: 3, spreadMs: 30_000 };
    if (refused.count >= rule.attempts && refused.last - refused.first >= rule.spreadMs && refused.othersAccepted) {
      this.store.remove([e]);
      this.dropped = true;
      this.options.onRejected?.(entry.statement, status);
      return;
    }
    this.store.update(e, { ...entry, refused });
  }

  private othersAccepted(): void {
    for (const e of this.store.entries()) if (e.entry.refused && !e.entry.refused.othersAccepted) this.store.update(e, { ...e.entry, refused: { ...e.entry.refused, othersAccepted: true } });
  }

  private fail(response = this.lastResponse): false {
    if (response && (response.status === 429 || response.status === 503) && response.retryAfterMs !== undefined) {
      this.notBefore = Math.max(this.notBefore, this.now() + Math.min(response.retryAfterMs, MAX_RETRY_AFTER_MS));
    }
    if (response && (response.status === 401 || response.status === 403)) this.authFailures++;
    // An expired LMS session (refused credentials), a dropped statement or nowhere to keep them: the learner must know.
    this.report(this.dropped || this.authFailures >= 2 || !this.storage.persistent ? 'failed' : 'pending');
    const wait = Math.max(this.backoff(this.failures), this.notBefore - this.now());
    this.failures++;
    return this.scheduleRetry(wait);
  }

  private scheduleRetry(delay: number): false {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flush(), Math.max(0, delay));
    return false;
  }

  private backoff(attempt: number): number {
    if (this.options.retryDelay) return this.options.retryDelay(Math.max(0, attempt));
    const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
    return base * (0.8 + Math.random() * 0.4);
  }

  private report(status: DeliveryStatus): void {
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    for (const listener of this.listeners) listener(status);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function isStored(response: LrsResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

function withoutHandoff(entry: Entry): Entry {
  const { handedAt: _h, batch: _b, ...rest } = entry;
  return rest;
}

function takeWhile<T>(items: T[], keep: (item: T) => boolean): T[] {
  const index = items.findIndex((item) => !keep(item));
  return index < 0 ? items : items.slice(0, index);
}

/**
 * No statement is lost, none is stored twice. Every statement is written to localStorage (with the
 * id and timestamp it was made with) before any attempt to send it, and removed only once the LRS
 * has confirmed it. So a reload, a crash or a closed tab leaves it queued for the next launch.
 *
 * - In order: one request in flight at a time, oldest statements first, as one batch (an LRS stores
 *   a batch in order).
 * - Retried with exponential backoff (1 s doubling to 16 s) when the LRS is down, slow (the client
 *   times out) or refuses for a reason that may pass (5xx, 401/403 while a token is refreshed, 429),
 *   and at once whenever the lesson has something new to send or the browser comes back online.
 * - Never duplicated: a statement is always re-sent under its first id. When a batch is refused with
 *   409 (part of it was stored by a request whose answer we never saw), its statements are sent one
 *   by one with PUT ?statementId=, where 204 and 409 both mean "the LRS holds it".
 * - On pagehide, what is left goes out in one `keepalive` request, which the browser completes after
 *   the page is gone. Its answer is never seen, so the statements stay queued until a later launch
 *   confirms them; the LRS ignores a statement id it already holds.
 *
 * The same applies to the one State API document the lesson keeps (the bookmark): the latest
 * version waits in storage and is PUT after the statements that led to it.
 */
import type { Statement } from '@xapi/xapi';
import type { LrsClient, LrsResponse, StateParams } from './lrsClient.js';

/** Where the queue survives the page: localStorage in the browser, a Map in tests. */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Persisted {
  statements: Statement[];
  state?: { params: StateParams; document: unknown; version: number };
}

/**
 * Fetch keepalive bodies may total 64 KiB in flight per page (Fetch, "inflight keepalive bytes").
 * Two flushes can overlap when a tab closes (visibilitychange, then pagehide), so each takes half.
 */
const KEEPALIVE_BUDGET = 30_000;
/** Statements per request when the LRS is reachable. */
const BATCH_SIZE = 25;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 16_000;

export interface StatementQueueOptions {
  /** Told about statements the LRS refused for good (400: malformed), which are dropped so they do not block the rest. */
  onRejected?: (statement: Statement, status: number) => void;
  /** For tests: the backoff before the nth retry (0-based). */
  retryDelay?: (attempt: number) => number;
}

export class StatementQueue {
  private running?: Promise<void>;
  private again = false;
  private failures = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly client: LrsClient,
    private readonly storage: QueueStorage,
    /** One queue per learner, lesson and registration: see queueKey. */
    private readonly key: string,
    private readonly options: StatementQueueOptions = {},
  ) {}

  /** Persists the statement, then tries to send everything queued. */
  enqueue(statement: Statement): void {
    const data = this.read();
    data.statements.push(statement);
    this.write(data);
    void this.flush();
  }

  /** Keeps the latest state document for sending after the queued statements. */
  setState(params: StateParams, document: unknown): void {
    const data = this.read();
    data.state = { params, document, version: (data.state?.version ?? 0) + 1 };
    this.write(data);
    void this.flush();
  }

  /** The statements not yet confirmed by the LRS, oldest first. */
  pending(): Statement[] {
    return this.read().statements;
  }

  /** The state document not yet confirmed, if any. */
  pendingState(): unknown {
    return this.read().state?.document;
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

  /** The page is going away: hand what is left to the browser in keepalive requests, without waiting. */
  flushOnPageHide(): void {
    const data = this.read();
    const batch = keepaliveBatch(data.statements);
    if (batch.length) void this.client.postStatements(batch, { keepalive: true });
    if (data.state && batch.length === data.statements.length) void this.client.putState(data.state.params, data.state.document, { keepalive: true });
  }

  /** Resolves true once nothing is queued, false after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.flush();
      const data = this.read();
      if (!data.statements.length && !data.state) return true;
      if (Date.now() >= until) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
    }
  }

  /** One pass over the queue. False when the LRS failed and a retry is scheduled. */
  private async drain(keepalive: boolean): Promise<boolean> {
    for (;;) {
      const { statements } = this.read();
      if (!statements.length) break;
      const fits = keepalive ? keepaliveBatch(statements) : [];
      // A statement too big for a keepalive request goes out as an ordinary one.
      const batch = fits.length ? fits : statements.slice(0, BATCH_SIZE);
      if (!(await this.sendBatch(batch, fits.length > 0))) return this.scheduleRetry();
    }
    const { state } = this.read();
    if (state) {
      const response = await this.client.putState(state.params, state.document, { keepalive });
      if (!isStored(response)) return this.scheduleRetry();
      const now = this.read();
      // Only forget the document if no newer one was saved while this one was on its way.
      if (now.state?.version === state.version) {
        delete now.state;
        this.write(now);
      }
    }
    this.failures = 0;
    return true;
  }

  /** True when every statement of the batch is now held by the LRS (or was refused for good). */
  private async sendBatch(batch: Statement[], keepalive: boolean): Promise<boolean> {
    const response = await this.client.postStatements(batch, { keepalive });
    if (isStored(response)) {
      this.remove(batch);
      return true;
    }
    if (response.status !== 409 && !isRefusedForGood(response)) return false;
    // Part of the batch is already stored, or one statement is bad: find out statement by statement.
    for (const statement of batch) {
      const single = await this.client.putStatement(statement, { keepalive });
      if (isStored(single) || single.status === 409) {
        this.remove([statement]);
      } else if (isRefusedForGood(single)) {
        this.options.onRejected?.(statement, single.status);
        this.remove([statement]);
      } else {
        return false;
      }
    }
    return true;
  }

  private scheduleRetry(): false {
    const delay = this.options.retryDelay?.(this.failures) ?? backoff(this.failures);
    this.failures++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flush(), delay);
    return false;
  }

  private remove(sent: Statement[]): void {
    const ids = new Set(sent.map((s) => s.id));
    const data = this.read();
    data.statements = data.statements.filter((s) => !ids.has(s.id));
    this.write(data);
  }

  private read(): Persisted {
    try {
      const text = this.storage.getItem(this.key);
      const data = text ? (JSON.parse(text) as Persisted) : undefined;
      return data && Array.isArray(data.statements) ? data : { statements: [] };
    } catch {
      return { statements: [] };
    }
  }

  private write(data: Persisted): void {
    if (!data.statements.length && !data.state) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(data));
  }
}

/**
 * The storage key of one queue. Per learner, lesson and registration, so statements queued for one
 * learner on a shared computer are never sent under another learner's launch credentials. The
 * learner is named by a hash, so the key itself discloses nothing.
 */
export function queueKey(parts: { endpoint: string; lessonId: string; registration?: string; actor: unknown }): string {
  return `tandem.xapi.queue.${fnv1a(JSON.stringify([parts.endpoint, parts.lessonId, parts.registration ?? '', parts.actor]))}`;
}

/** A Map-backed QueueStorage, for browsers that refuse localStorage (sandboxed frames, some private modes). */
export class MemoryStorage implements QueueStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function isStored(response: LrsResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** 400 (malformed) and 413 (too large) will not pass by retrying. */
function isRefusedForGood(response: LrsResponse): boolean {
  return response.status === 400 || response.status === 413;
}

function backoff(attempt: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return base * (0.8 + Math.random() * 0.4);
}

/** The oldest statements whose JSON fits the keepalive budget (at least one, or none if even that is too big). */
function keepaliveBatch(statements: Statement[]): Statement[] {
  let size = 2;
  const batch: Statement[] = [];
  for (const statement of statements) {
    size += JSON.stringify(statement).length + 1;
    if (size > KEEPALIVE_BUDGET) break;
    batch.push(statement);
  }
  return batch;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable, non-cryptographic name. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

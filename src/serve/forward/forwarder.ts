/**
 * Forwards the journal to the LRS in journal order, one batch at a time, and moves the durable
 * cursor only after the LRS acknowledged the batch. An outage (connection refused, timeout, 5xx,
 * 429/503 with Retry-After, wrong credentials) only delays forwarding: the batch is retried with
 * backoff until it is delivered. A statement the LRS refuses for good (400 after being sent alone)
 * is set aside in `lrs-refused.ndjson`, so one bad statement cannot block every later one.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Journal } from '../journal/journal.js';
import { loadCursor, saveCursor } from '../journal/forwardCursor.js';
import type { JournalPosition } from '../journal/segments.js';
import { postStatements, putStatement, type LrsOutcome, type LrsSettings } from './lrsClient.js';

export const REFUSED_FILE = 'lrs-refused.ndjson';

/** Statements per POST, as LRSs commonly accept (the relay's own batch cap). */
const BATCH_STATEMENTS = 50;
const READ_BYTES = 512 * 1024;
const FIRST_BACKOFF_MS = 200;
/** Short enough that a recovered LRS is noticed within seconds, long enough not to hammer a down one. */
const MAX_BACKOFF_MS = 5_000;

export interface ForwarderEvents {
  forwarded(count: number): void;
  refused(count: number, status: number): void;
  retrying(reason: string, delayMs: number): void;
}

export class Forwarder {
  private cursor: JournalPosition;
  private stopping = false;
  private deadline = Infinity;
  /** Ends the current wait: a new commit ends only an idle wait, stop() ends any. */
  private wake: { resolve: () => void; idle: boolean } | undefined;
  private running: Promise<void> | undefined;
  private readonly onCommit = () => {
    if (this.wake?.idle) this.wake.resolve();
  };

  constructor(
    private readonly journal: Journal,
    private readonly lrs: LrsSettings,
    private readonly events: ForwarderEvents,
  ) {
    this.cursor = loadCursor(journal.dir);
  }

  /** Bytes of journal not yet acknowledged by the LRS. */
  get lagBytes(): number {
    return this.journal.bytesAfter(this.cursor);
  }

  start(): void {
    this.journal.on('commit', this.onCommit);
    // Segments an earlier run forwarded but did not gzip yet.
    void this.journal.compactBefore(this.cursor.segment);
    this.running = this.loop();
  }

  /**
   * Forwards what is left until the journal is drained, the LRS is failing, or `deadline` (epoch
   * ms) passes; then stops. Whatever is not delivered stays in the journal for the next start.
   */
  async stop(deadline: number): Promise<void> {
    this.stopping = true;
    this.deadline = deadline;
    this.wake?.resolve();
    await this.running;
    this.journal.off('commit', this.onCommit);
  }

  private async loop(): Promise<void> {
    for (;;) {
      const read = this.journal.read(this.cursor, READ_BYTES);
      if (!read.lines.length) {
        if (this.stopping) return;
        await this.pause(Infinity, true);
        continue;
      }
      if (this.stopping && Date.now() >= this.deadline) return;
      const lines = read.lines.slice(0, BATCH_STATEMENTS);
      const next: JournalPosition =
        lines.length === read.lines.length ? read.next : { segment: read.at.segment, offset: read.at.offset + lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) };
      if (!(await this.deliver(lines))) return;
      const segmentDone = next.segment !== this.cursor.segment;
      this.cursor = next;
      await saveCursor(this.journal.dir, next);
      this.events.forwarded(lines.length);
      if (segmentDone || read.next.segment !== read.at.segment) void this.journal.compactBefore(next.segment);
    }
  }

  /** True once every line is stored or set aside; false when stopping interrupted an outage. */
  private async deliver(lines: string[]): Promise<boolean> {
    const outcome = await this.withRetry(() => postStatements(this.lrs, lines));
    if (!outcome) return false;
    if (outcome.kind === 'delivered') return true;
    if (outcome.kind === 'refused') {
      this.setAside(lines, outcome.status);
      return true;
    }
    // 'split': find the statement at fault by sending each alone, with its own id.
    for (const line of lines) {
      const id = String((JSON.parse(line) as { id?: unknown }).id ?? '');
      const single = await this.withRetry(() => putStatement(this.lrs, id, line));
      if (!single) return false;
      if (single.kind !== 'delivered') this.setAside([line], single.kind === 'refused' || single.kind === 'split' ? single.status : 0);
    }
    return true;
  }

  private async withRetry(attempt: () => Promise<LrsOutcome>): Promise<Exclude<LrsOutcome, { kind: 'retry' }> | undefined> {
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      const outcome = await attempt();
      if (outcome.kind !== 'retry') return outcome;
      // Shutting down during an outage: keep the rest for the next start rather than wait.
      if (this.stopping) return undefined;
      const delay = Math.min(outcome.retryAfterMs ?? backoff, 60_000);
      this.events.retrying(outcome.reason, delay);
      await this.pause(delay, false);
      if (this.stopping) return undefined;
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private setAside(lines: string[], status: number): void {
    const fd = openSync(path.join(this.journal.dir, REFUSED_FILE), 'a');
    try {
      writeSync(fd, lines.map((l) => `${l}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.events.refused(lines.length, status);
  }

  /** Waits for `ms` or stop(); an idle wait also ends at the next commit. */
  private pause(ms: number, idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        if (timer) clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      this.wake = { resolve: done, idle };
    });
  }
}

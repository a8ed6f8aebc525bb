/**
 * The statement queues of every Tandem lesson on an origin, as they lie in localStorage, and the
 * housekeeping they need. A queue holds the learner's name and account, so it must not outstay its
 * use on a shared computer: a queue whose statements were all handed to the browser when its page
 * closed (a normal close) expires after an hour, another learner's queue after a day, any queue
 * after two weeks. When storage is full, a stale queue (left after a normal close, or untouched for
 * a day) is evicted; one that may hold another launch's undelivered statements never is.
 *
 * Layout: `<queue>` holds a QueueMeta record, `<queue>/<time>-<n>` one QueueEntry per statement.
 */
import type { Statement } from '@xapi/xapi';
import type { StateParams } from './lrsClient.js';
import type { QueueStorage } from './queueStorage.js';

export const QUEUE_PREFIX = 'tandem.xapi.queue.';

export interface QueueEntry {
  statement: Statement;
  /** When it was handed to a request whose answer was not seen: it may be stored already. */
  handedAt?: number;
  /** The request it was handed to (an LRS stores a batch whole or not at all). */
  batch?: string;
  /** Refusals (400/413) of this statement sent alone. */
  refused?: { count: number; first: number; last: number; othersAccepted: boolean };
}

export interface QueueMeta {
  format: 2;
  /** A hash of the learner (learnerTag), so another learner's launch can expire this queue. */
  learner: string;
  updatedAt: number;
  state?: { params: StateParams; document: unknown; version: string };
}

const HOUR = 3_600_000;
const EXPIRY = { handedOff: HOUR, otherLearner: 24 * HOUR, any: 14 * 24 * HOUR };

/**
 * The storage key of one queue. Per learner, lesson and registration, so statements queued for one
 * learner on a shared computer are never sent under another learner's launch credentials. The
 * learner is named by a hash, so the key itself discloses nothing.
 */
export function queueKey(parts: { endpoint: string; lessonId: string; registration?: string; actor: unknown }): string {
  return `${QUEUE_PREFIX}${fnv1a(JSON.stringify([parts.endpoint, parts.lessonId, parts.registration ?? '', parts.actor]))}`;
}

/** A short hash of the learner, kept with each queue so other learners' queues can be expired. */
export function learnerTag(actor: unknown): string {
  return fnv1a(JSON.stringify(actor));
}

export function readEntry(storage: QueueStorage, key: string): QueueEntry | undefined {
  try {
    const entry = JSON.parse(storage.getItem(key) ?? 'null') as QueueEntry | null;
    return entry && typeof entry.statement === 'object' ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the other queues that have expired (see the module comment). */
export function expireStaleQueues(storage: QueueStorage, ownKey: string, learner: string | undefined, now: number): void {
  for (const q of otherQueues(storage, ownKey)) {
    // Without a meta record (an earlier version's queue) it waits for its own lesson to migrate it.
    if (!q.meta) continue;
    const age = now - q.meta.updatedAt;
    const otherLearner = learner !== undefined && q.meta.learner !== learner;
    if ((q.handedOff && age > EXPIRY.handedOff) || (otherLearner && age > EXPIRY.otherLearner) || age > EXPIRY.any) {
      for (const k of q.keys) storage.removeItem(k);
    }
  }
}

/** Storage is full: removes the stalest stale queue (see the module comment). True when one was removed. */
export function evictStaleQueue(storage: QueueStorage, ownKey: string, now: number): boolean {
  const stale = otherQueues(storage, ownKey).filter((q) => q.handedOff || now - (q.meta?.updatedAt ?? 0) > EXPIRY.otherLearner);
  const [stalest] = stale.sort((a, b) => Number(b.handedOff) - Number(a.handedOff) || (a.meta?.updatedAt ?? 0) - (b.meta?.updatedAt ?? 0));
  if (!stalest) return false;
  for (const k of stalest.keys) storage.removeItem(k);
  return true;
}

/** Other Tandem queues on this origin, with what expiry and eviction need to know. */
function otherQueues(storage: QueueStorage, ownKey: string): { keys: string[]; meta?: QueueMeta; handedOff: boolean }[] {
  const groups = new Map<string, string[]>();
  for (const k of storage.keys()) {
    if (!k.startsWith(QUEUE_PREFIX)) continue;
    const queue = k.split('/')[0]!;
    if (queue === ownKey) continue;
    groups.set(queue, [...(groups.get(queue) ?? []), k]);
  }
  return [...groups].map(([key, keys]) => {
    let meta: QueueMeta | undefined;
    try {
      meta = JSON.parse(storage.getItem(key) ?? 'null') as QueueMeta | undefined;
    } catch {
      meta = undefined;
    }
    const entries = keys.filter((k) => k !== key).map((k) => readEntry(storage, k));
    return { keys, meta: meta?.format === 2 ? meta : undefined, handedOff: entries.every((e) => e?.handedAt !== undefined) };
  });
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

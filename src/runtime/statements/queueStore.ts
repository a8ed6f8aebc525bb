/**
 * Where one statement queue keeps its statements and state document in browser storage: one meta
 * key per queue (the learner, the state document, when it was last touched) and one key per
 * statement (`<queue>/<time>-<n><suffix>`, sorted by time), so two tabs of one launch never
 * overwrite each other's statements. See staleQueues for how old queues expire.
 */
import type { Statement } from '@xapi/xapi';
import type { StateParams } from './lrsClient.js';
import type { SafeStorage } from './queueStorage.js';
import { readEntry, type QueueEntry as Entry, type QueueMeta as Meta } from './staleQueues.js';

export interface StoredEntry {
  key: string;
  entry: Entry;
}

export class QueueStore {
  private sequence = 0;

  constructor(
    private readonly storage: SafeStorage,
    private readonly key: string,
    private readonly learner: string | undefined,
    private readonly now: () => number,
  ) {}

  /** Stores a statement under a key that sorts after every earlier one of this page. */
  add(statement: Statement, suffix: string): void {
    const seq = `${this.now().toString(36).padStart(9, '0')}-${(this.sequence++).toString(36).padStart(4, '0')}${suffix}`;
    this.storage.setItem(`${this.key}/${seq}`, JSON.stringify({ statement } satisfies Entry));
  }

  /** Every queued statement, oldest first. */
  entries(): StoredEntry[] {
    const prefix = `${this.key}/`;
    return this.storage
      .keys()
      .filter((k) => k.startsWith(prefix))
      .sort()
      .flatMap((key) => {
        const entry = this.read(key);
        return entry ? [{ key, entry }] : [];
      });
  }

  read(key: string): Entry | undefined {
    return readEntry(this.storage, key);
  }

  /** Rewrites an entry only if it is still queued (another tab may have sent and removed it). */
  update(e: StoredEntry, entry: Entry): void {
    if (this.storage.getItem(e.key) === null) return;
    e.entry = entry;
    this.storage.setItem(e.key, JSON.stringify(entry));
  }

  remove(done: StoredEntry[]): void {
    for (const e of done) this.storage.removeItem(e.key);
    this.writeMeta(this.readMeta());
  }

  readMeta(): Meta {
    try {
      const meta = JSON.parse(this.storage.getItem(this.key) ?? 'null') as Meta | null;
      if (meta && meta.format === 2) return meta;
    } catch {
      // Unreadable: start afresh; the statements have their own keys.
    }
    return { format: 2, learner: this.learner ?? '', updatedAt: this.now() };
  }

  /** Saves the meta record, or removes it when the queue holds nothing any more. */
  writeMeta(meta: Meta): void {
    if (!meta.state && !this.entries().length) {
      this.storage.removeItem(this.key);
      return;
    }
    this.storage.setItem(this.key, JSON.stringify({ ...meta, learner: this.learner ?? meta.learner, updatedAt: this.now() }));
  }

  /** Queues written by earlier versions kept every statement under the queue's own key. */
  migrate(): void {
    try {
      const old = JSON.parse(this.storage.getItem(this.key) ?? 'null') as { statements?: Statement[]; state?: { params: StateParams; document: unknown } } | null;
      if (!old || !Array.isArray(old.statements)) return;
      this.storage.removeItem(this.key);
      for (const statement of old.statements) this.add(statement, '0000');
      if (old.state) this.writeMeta({ ...this.readMeta(), state: { ...old.state, version: 'migrated' } });
    } catch {
      // Not ours to read: leave it.
    }
  }
}

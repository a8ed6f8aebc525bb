/**
 * Where the statement queue survives the page. localStorage is shared by every package and by the
 * LMS itself on one origin, so it may be full, or refuse writes altogether (sandboxed frames, some
 * private modes). A storage error must never reach the learner's clicks: `SafeStorage` catches
 * every one, lets the queue evict Tandem's own stale queues when the quota is reached, and keeps
 * what still does not fit in memory for this page (which then sends at once, as it always does).
 */

/** The few storage operations the queue needs; `keys()` lets it find its own and other queues' entries. */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  keys(): string[];
}

/** A Map-backed QueueStorage, for browsers that refuse localStorage and for tests. */
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
  keys(): string[] {
    return [...this.items.keys()];
  }
}

/** The Web Storage API as a QueueStorage. */
export function webStorage(storage: Storage): QueueStorage {
  return {
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
    keys: () => {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key !== null) keys.push(key);
      }
      return keys;
    },
  };
}

/**
 * A QueueStorage that never throws. A refused write first asks `evict` to make room (it returns
 * true when it removed something) and tries once more; what still does not fit is kept in memory,
 * and `persistent` becomes false so the page can tell the learner.
 */
export class SafeStorage implements QueueStorage {
  private readonly memory = new MemoryStorage();
  private evict: (() => boolean) | undefined;
  /** False once something could only be kept in memory (lost if the page goes away unsent). */
  persistent = true;

  constructor(private readonly backing: QueueStorage | undefined) {
    if (!backing) this.persistent = false;
  }

  /** Set by the queue: removes stale Tandem queues, true when something was removed. */
  onQuotaExceeded(evict: () => boolean): void {
    this.evict = evict;
  }

  getItem(key: string): string | null {
    const kept = this.memory.getItem(key);
    if (kept !== null) return kept;
    try {
      return this.backing?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  setItem(key: string, value: string): void {
    if (this.backing && (this.tryWrite(key, value) || (this.evict?.() && this.tryWrite(key, value)))) {
      this.memory.removeItem(key);
      return;
    }
    this.persistent = false;
    this.memory.setItem(key, value);
  }

  removeItem(key: string): void {
    this.memory.removeItem(key);
    try {
      this.backing?.removeItem(key);
    } catch {
      // Removing cannot exceed a quota; a storage that refuses even this holds nothing of ours.
    }
  }

  keys(): string[] {
    let stored: string[];
    try {
      stored = this.backing?.keys() ?? [];
    } catch {
      stored = [];
    }
    return [...new Set([...stored, ...this.memory.keys()])];
  }

  private tryWrite(key: string, value: string): boolean {
    try {
      this.backing!.setItem(key, value);
      return true;
    } catch {
      // QuotaExceededError (DOMException code 22, or 1014 in old Firefox), or a storage that refuses writes.
      return false;
    }
  }
}

/**
 * The delivery journal: which nudge messages were sent, in the same fsynced append-only journal
 * the relay writes statements to (group commit, torn-line recovery, one owner at a time), in its
 * own folder. One line per step of a message: `claimed` before the first try, then `sent`,
 * `failed` (given up) or `released` (stopped before anything reached the channel).
 *
 * The rule after a restart, per message id:
 * - `sent` or `failed`: never sent again;
 * - `claimed` without an outcome (the process died mid-send): an email is sent again with the same
 *   Message-ID (the server may or may not have accepted the first try; clients dedupe on the id);
 *   a webhook post is not (a chat message cannot be deduplicated, so at most once);
 * - `released` or no line: sent.
 */
import { Journal, readJournalLines } from '../serve/index.js';

export type DeliveryState = 'claimed' | 'sent' | 'failed' | 'released';

interface JournalLine {
  id: string;
  state: DeliveryState;
  at: string;
  reason?: string;
}

export class DeliveryJournal {
  private constructor(private readonly journal: Journal | undefined, private readonly states: Map<string, DeliveryState>) {}

  /** Opens the journal for writing (taking its lock), or, for a dry run, only reads it. */
  static async open(dir: string, readOnly: boolean): Promise<DeliveryJournal> {
    const journal = readOnly ? undefined : await Journal.open({ dir, segmentBytes: 16 * 1024 * 1024, budgetBytes: 1024 * 1024 * 1024, gzipOnRotate: false });
    let lines: string[] = [];
    try {
      lines = await readJournalLines(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !readOnly) throw error;
    }
    const states = new Map<string, DeliveryState>();
    for (const text of lines) {
      try {
        const line = JSON.parse(text) as JournalLine;
        if (typeof line.id === 'string') states.set(line.id, line.state);
      } catch {
        // Recovery cuts torn lines; anything else unreadable is not ours to interpret.
      }
    }
    return new DeliveryJournal(journal, states);
  }

  state(id: string): DeliveryState | undefined {
    return this.states.get(id);
  }

  /** Appends one step durably; false when the journal could not write it (then nothing is sent). */
  async record(id: string, state: DeliveryState, reason?: string): Promise<boolean> {
    if (!this.journal) return false;
    const line: JournalLine = { id, state, at: new Date().toISOString(), ...(reason ? { reason } : {}) };
    const result = await this.journal.append([JSON.stringify(line)]);
    if (result.ok) this.states.set(id, state);
    return result.ok;
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}

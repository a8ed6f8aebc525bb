/**
 * One server per journal: a pid file in the journal folder. A lock whose process is gone (killed,
 * crashed) is stale and taken over; one held by a live process stops the second server, which
 * would otherwise interleave its appends and forward statements twice.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '../../system/processAlive.js';

export const LOCK_FILE = 'journal.lock';

/** Another live process holds the journal. */
export class JournalLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`The journal ${dir} is in use by process ${pid}.`);
  }
}

export function takeLock(dir: string): void {
  const lock = path.join(dir, LOCK_FILE);
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(readFileSync(lock, 'utf8').trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) throw new JournalLockedError(dir, owner);
  // The owner is gone (killed, crashed): the lock is stale.
  const tmp = `${lock}.${process.pid}.tmp`;
  writeFileSync(tmp, `${process.pid}\n`);
  renameSync(tmp, lock);
}

export function releaseLock(dir: string): void {
  try {
    const lock = path.join(dir, LOCK_FILE);
    if (Number(readFileSync(lock, 'utf8').trim()) === process.pid) unlinkSync(lock);
  } catch {
    // Already gone.
  }
}

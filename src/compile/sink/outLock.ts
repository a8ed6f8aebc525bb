/**
 * One build at a time per output folder. Two builds writing into one folder interleave their
 * artifacts and each writes a manifest whose hashes describe only its own files, so a second
 * `tandem build` into the same --out stops at once with OUT_LOCKED.
 *
 * The lock is a file created with O_EXCL (`wx`) holding the pid and host of its owner. A lock
 * whose owner is dead (a killed build: SIGKILL leaves no chance to clean up) is taken over; one
 * held by a live process, or by another host whose processes we cannot see, is respected.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { diagnose } from '../../diagnostics/diagnostic.js';
import { DiagnosticError } from '../../diagnostics/diagnosticError.js';
import { processAlive } from '../../system/processAlive.js';

export const LOCK_FILE = '.tandem-build.lock';

interface LockHolder {
  pid: number;
  host: string;
}

/** Takes the lock of `outDir` (which must exist) and returns how to release it. */
export async function lockOutDir(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: os.hostname() };
  // Two tries: the second follows the removal of a dead owner's lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, JSON.stringify(mine) + '\n', { flag: 'wx' });
      return async () => {
        await rm(file, { force: true }).catch(() => undefined);
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw notWritable(outDir, error);
    }
    const holder = await readHolder(file);
    if (holder && isAlive(holder)) {
      throw new DiagnosticError(diagnose('OUT_LOCKED', { dir: outDir, pid: holder.pid, host: holder.host, lock: file }, { file: outDir, line: 1, column: 1 }));
    }
    await rm(file, { force: true });
  }
  throw new DiagnosticError(diagnose('OUT_LOCKED', { dir: outDir, pid: 0, host: 'another build', lock: file }, { file: outDir, line: 1, column: 1 }));
}

const REASONS: Record<string, string> = {
  EEXIST: 'EEXIST: a file of that name is in the way',
  ENOTDIR: 'ENOTDIR: part of the path is a file, not a folder',
  EACCES: 'EACCES: permission denied',
  EPERM: 'EPERM: permission denied',
  EROFS: 'EROFS: the file system is read-only',
  ENOSPC: 'ENOSPC: no space left on the device',
  ENOENT: 'ENOENT: the path cannot be created here',
};

export function notWritable(outDir: string, error: unknown): DiagnosticError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? code ?? (error instanceof Error ? error.message : String(error));
  return new DiagnosticError(diagnose('OUT_NOT_WRITABLE', { dir: outDir, reason }, { file: outDir, line: 1, column: 1 }), { cause: error });
}

/** The lock's owner; undefined when the file is gone or unreadable (a build killed while writing it). */
async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (Number.isInteger(data.pid) && typeof data.host === 'string') return { pid: data.pid!, host: data.host };
  } catch {
    // Gone, empty or garbled: nobody holds it.
  }
  return undefined;
}

function isAlive(holder: LockHolder): boolean {
  // A holder on another host (a shared drive) cannot be checked from here: it is taken as alive.
  if (holder.host !== os.hostname() || holder.pid === process.pid) return true;
  return processAlive(holder.pid);
}

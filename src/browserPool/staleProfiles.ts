/**
 * A build that is killed outright (SIGKILL, an OOM killer, a CI runner cancelling the job) runs
 * no cleanup: its Chromium, started in a process group of its own, keeps running, and its
 * throwaway profile stays in the temp folder. Each profile is named after the Tandem process that
 * owns it (`tandem-chromium-<pid>-XXXXXX`), so the next launch can tell a stale one (its owner is
 * gone) from one a running build still uses, stop the browser still using it, and remove it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from '../system/processAlive.js';

export const PROFILE_PREFIX = 'tandem-chromium-';
const OWNED_PROFILE = /^tandem-chromium-(\d+)-[A-Za-z0-9]{6}$/;

/** The prefix for mkdtemp: the owner's pid is part of the name. */
export function profilePrefix(tempDir = os.tmpdir()): string {
  return path.join(tempDir, `${PROFILE_PREFIX}${process.pid}-`);
}

/** Stops the browsers of profiles whose owning Tandem process is gone, and removes those profiles. Never throws. */
export async function removeStaleProfiles(tempDir = os.tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(tempDir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const owner = OWNED_PROFILE.exec(name)?.[1];
    return owner !== undefined && !processAlive(Number(owner));
  });
  for (const name of stale) {
    const dir = path.join(tempDir, name);
    for (const pid of processesUsing(dir)) kill(pid);
    await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 }).catch(() => undefined);
  }
  return stale.map((name) => path.join(tempDir, name));
}

/** Linux: the processes whose command line names `--user-data-dir=<dir>` (elsewhere: none found, the profile is still removed). */
function processesUsing(dir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const flag = `--user-data-dir=${dir}`;
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(flag)) found.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

/** The browser was started as the leader of its own process group: kill the group (renderers, GPU, zygote), then the process. */
function kill(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Not a group leader, already gone, or not ours.
    }
  }
}

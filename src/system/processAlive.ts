/**
 * Whether a process still runs on this machine: the check behind every lock and leftover Tandem
 * clears (an output folder's build lock, the serve journal's lock, a killed build's browser
 * profile). Signal 0 tests for the process without touching it.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

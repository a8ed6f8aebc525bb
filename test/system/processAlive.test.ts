/** processAlive: the one liveness check behind the build lock, the journal lock and stale browser profiles. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processAlive } from '../../src/system/processAlive.js';

describe('processAlive', () => {
  it('is true for a running process and false once it has exited', () => {
    expect(processAlive(process.pid)).toBe(true);
    const done = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(processAlive(Number(done.stdout))).toBe(false);
  });

  it('is true for pid 1, which always runs (for a user other than root, signalling it is EPERM, still alive)', () => {
    expect(processAlive(1)).toBe(true);
  });
});

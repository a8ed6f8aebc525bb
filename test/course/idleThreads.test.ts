/**
 * How many threads load a large course by default (src/course/checkUnits.ts): the cores other
 * programs leave free, at most 4. A worker's start and cold JIT cost about a third more CPU in all,
 * won back only on a free core; on a busy machine the extra threads only made the load slower.
 */
import type * as OS from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';

const machine = vi.hoisted(() => ({ cores: 2, load: 0 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof OS>();
  const mocked = { ...os, availableParallelism: () => machine.cores, loadavg: () => [machine.load, machine.load, machine.load] };
  return { ...mocked, default: mocked };
});
const { idleThreads } = await import('../../src/course/checkUnits.js');

afterEach(() => Object.assign(machine, { cores: 2, load: 0 }));

describe('threads that load a course by default', () => {
  it('uses every core of an idle machine, this process’s own load included, up to 4', () => {
    Object.assign(machine, { cores: 2, load: 0.2 });
    expect(idleThreads()).toBe(2);
    Object.assign(machine, { cores: 2, load: 1.0 });
    expect(idleThreads()).toBe(2);
    Object.assign(machine, { cores: 16, load: 0 });
    expect(idleThreads()).toBe(4);
  });

  it('leaves out the cores other programs keep busy, down to this thread alone', () => {
    Object.assign(machine, { cores: 4, load: 3.1 });
    expect(idleThreads()).toBe(2);
    Object.assign(machine, { cores: 2, load: 10.97 });
    expect(idleThreads()).toBe(1);
    Object.assign(machine, { cores: 1, load: 0 });
    expect(idleThreads()).toBe(1);
  });
});

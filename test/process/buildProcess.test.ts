/**
 * Issue 10, "wrong exit codes": `tandem build` run as a real process (node dist/cli/main.js), with
 * a real Chromium that the test kills, and real signals sent to Tandem. A build whose browser dies,
 * or that is stopped, must never exit 0, and must leave no Chromium behind.
 *
 * The browser is a wrapper script named by TANDEM_BROWSER that writes its pid and then `exec`s
 * Chromium, so the recorded pid is Chromium's own, and the leader of its process group. Children
 * run with their own TMPDIR, so their browser profiles are theirs to inspect.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browserPool/findBrowser.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-process-'));
/** Chromium process groups the tests started: whatever a failing test left running is stopped. */
const chromiumGroups = new Set<number>();
afterAll(() => {
  for (const pgid of chromiumGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  rmSync(temp, { recursive: true, force: true });
});
const CLI = path.resolve('dist/cli/main.js');

let course: string;
beforeAll(() => {
  // The process under test is the compiled CLI, which the global setup (test/setup/buildTandem.ts) compiled from the current source.
  course = path.join(temp, 'course');
  cpSync('fixtures/sample-course', course, { recursive: true });
  // Eight more units: enough PDFs that the build is still printing when the test strikes.
  for (let i = 1; i <= 8; i++) {
    const from = path.join(course, 'units', 'discount-approval');
    const to = path.join(course, 'units', `discount-approval-${i}`);
    cpSync(from, to, { recursive: true });
    for (const file of ['unit.yaml', 'lesson.md', 'job-aid.md']) {
      const p = path.join(to, file);
      writeFileSync(p, readFileSync(p, 'utf8').replace('id: discount-approval', `id: discount-approval-${i}`).replaceAll('OBJ-SAL-DISCOUNT-15', `OBJ-SAL-DISCOUNT-15-${i}`));
    }
  }
}, 180_000);

interface Run {
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when `pattern` shows up in stderr (progress lines). */
  waitForStderr: (pattern: RegExp) => Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The pid the browser wrapper recorded: Chromium's, once it started. */
  chromiumPid: () => number | undefined;
  tmp: string;
}

let runs = 0;
function startBuild(args: string[]): Run {
  const n = ++runs;
  const tmp = path.join(temp, `tmp-${n}`);
  mkdirSync(tmp);
  const pidFile = path.join(temp, `chromium-${n}.pid`);
  const wrapper = path.join(temp, `chromium-${n}.sh`);
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error('These tests need Chrome or Chromium.');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > "${pidFile}"\nexec "${found.path}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const child = spawn(process.execPath, [CLI, 'build', course, '--no-cache', ...args], {
    env: { ...process.env, TANDEM_BROWSER: wrapper, TMPDIR: tmp, CI: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of watchers.splice(0)) (w.pattern.test(stderr) ? w.resolve : () => watchers.push(w))();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    pid: child.pid!,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderr: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        watchers.push({ pattern, resolve });
        void exit.then(() => reject(new Error(`tandem exited before ${pattern} showed up:\n${stderr}\n${stdout}`)));
      }),
    exit,
    chromiumPid: () => {
      if (!existsSync(pidFile)) return undefined;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      chromiumGroups.add(pid);
      return pid;
    },
    tmp,
  };
}

/** Live (not zombie) processes in a process group. */
function liveInGroup(pgid: number): string[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,stat=,args=', '-g', String(pgid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when the group is empty
  }
  return out.split('\n').filter((line) => line.trim() && !/^\s*\d+\s+Z/.test(line));
}

/** Waits until the group is empty (the browser's teardown is asynchronous), or the deadline passes. */
async function groupGone(pgid: number, ms = 5000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let live = liveInGroup(pgid);
  while (live.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    live = liveInGroup(pgid);
  }
  return live;
}

const PRINTING = /build \d+\/\d+ \(\d+%\) job-aid-pdf /;

describe('tandem build as a process', () => {
  it('exits 2 with one BROWSER_CRASHED when Chromium is killed mid-build, and leaves no Chromium behind', async () => {
    const run = startBuild(['--out', path.join(temp, 'out-crash'), '-t', 'job-aid-pdf,scorm12']);
    await run.waitForStderr(PRINTING);
    const chromium = run.chromiumPid()!;
    process.kill(chromium, 'SIGKILL');
    const { code } = await run.exit;
    expect(code, run.stdout() + run.stderr()).toBe(2);
    expect(run.stdout().match(/error BROWSER_CRASHED/g)).toHaveLength(1);
    expect(run.stdout()).toContain('killed by SIGKILL');
    expect(run.stdout()).not.toContain('BUILD_FAILED');
    expect(await groupGone(chromium)).toEqual([]);
  }, 60_000);

  for (const [signal, expected] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`exits ${expected} on ${signal} while printing, writes no manifest, and closes Chromium`, async () => {
      const out = path.join(temp, `out-${signal}`);
      const run = startBuild(['--out', out, '-t', 'job-aid-pdf,scorm12']);
      await run.waitForStderr(PRINTING);
      const chromium = run.chromiumPid()!;
      process.kill(run.pid, signal);
      const { code } = await run.exit;
      expect(code, run.stdout() + run.stderr()).toBe(expected);
      expect(run.stdout()).toContain(`The build was stopped by ${signal}`);
      expect(existsSync(path.join(out, 'manifest.json'))).toBe(false);
      expect(await groupGone(chromium)).toEqual([]);
      // Its profile went with it.
      expect(readdirSync(run.tmp).filter((name) => name.startsWith('tandem-chromium-'))).toEqual([]);
    }, 60_000);
  }

  it('never exits 0 when the command ends without finishing (a promise that never settles)', () => {
    const run = spawnSync(process.execPath, ['--import', path.resolve('test/support/neverSettlingCli.mjs'), CLI, 'check', 'fixtures/sample-course'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('stopped before the command finished');
  });

  it("cleans up after a build that was SIGKILLed: the next build stops the orphaned Chromium and removes its profile", async () => {
    const first = startBuild(['--out', path.join(temp, 'out-killed'), '-t', 'job-aid-pdf']);
    await first.waitForStderr(PRINTING);
    const orphan = first.chromiumPid()!;
    process.kill(first.pid, 'SIGKILL');
    await first.exit;
    // Nothing ran Tandem's cleanup: the browser and its profile are left over.
    expect(liveInGroup(orphan).length).toBeGreaterThan(0);
    const leftover = readdirSync(first.tmp).filter((name) => name.startsWith('tandem-chromium-'));
    expect(leftover).toHaveLength(1);

    // The next build on this machine (same temp folder) starts its browser, and cleans up first.
    const next = spawn(process.execPath, [CLI, 'build', 'fixtures/sample-course', '--no-cache', '--quiet', '--out', path.join(temp, 'out-next'), '-t', 'job-aid-pdf'], {
      env: { ...process.env, TMPDIR: first.tmp },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => next.on('exit', resolve));
    expect(code).toBe(0);
    expect(await groupGone(orphan)).toEqual([]);
    expect(existsSync(path.join(first.tmp, leftover[0]!))).toBe(false);
  }, 90_000);
});

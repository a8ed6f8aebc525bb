/**
 * A long-running Tandem command (`serve`, `preview`) as a real process: node dist/cli/main.js
 * <command> …, resolved once it printed `listening on …`, with its output kept for assertions and
 * `stop()` sending SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve('dist/cli/main.js');

export interface TandemProcess {
  url: string;
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process ended. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
}

export async function startTandemProcess(command: string, args: string[], env: Record<string, string> = {}): Promise<TandemProcess> {
  const proc = spawn(process.execPath, [MAIN, command, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match) {
        proc.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`tandem ${command} exited (${code}) before listening:\n${stderr}`)));
  });
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    return exited;
  };
  return { url, proc, stdout: () => stdout, stderr: () => stderr, exited, stop };
}

/**
 * `tandem preview` as a real process (node dist/cli/main.js preview …) on 127.0.0.1 with a free
 * port, resolved once it printed `listening on …`, and stopped with SIGTERM by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve('dist/cli/main.js');

export interface PreviewProcess {
  url: string;
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
}

export async function startPreviewProcess(args: string[], env: Record<string, string> = {}): Promise<PreviewProcess> {
  const proc = spawn(process.execPath, [MAIN, 'preview', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    void exited.then((code) => reject(new Error(`tandem preview exited (${code}) before listening:\n${stderr}`)));
  });
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    return exited;
  };
  return { url, proc, stdout: () => stdout, stderr: () => stderr, exited, stop };
}

import { runCli } from '../../src/cli/run.js';

/** Runs the CLI in-process with captured output, as a user's terminal would see it. */
export async function runTandem(args: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    cwd,
    color: false,
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

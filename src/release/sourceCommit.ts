/** The git commit a course folder is checked out at, for the release manifest. */
import { execFile } from 'node:child_process';

export function sourceCommit(dir: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', '--verify', 'HEAD'], { cwd: dir, timeout: 5000 }, (error, stdout) => {
      const commit = stdout?.trim();
      // Not a checkout, no git installed, or no commit yet: the manifest simply has no commit.
      resolve(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined);
    });
  });
}

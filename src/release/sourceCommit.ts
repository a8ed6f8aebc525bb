/** The git state of a course folder, for the release manifest and for CI annotations. */
import { execFile } from 'node:child_process';

function git(args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

export function sourceCommit(dir: string): Promise<string | undefined> {
  return git(['rev-parse', '--verify', 'HEAD'], dir).then((out) => {
    const commit = out?.trim();
    // Not a checkout, no git installed, or no commit yet: the manifest simply has no commit.
    return commit && /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
  });
}

/** What a build reads from the course folder; changes anywhere else (e.g. the output folder) do not make it dirty. */
const COURSE_INPUTS = ['tandem.config.yaml', 'units', 'paths', 'themes'];

/**
 * The commit, and whether the course's files differ from it (modified, staged, deleted or new
 * and not ignored): a manifest that names a commit must not pass for that commit's release when
 * it was built from something else.
 */
export async function sourceState(dir: string): Promise<{ commit?: string; dirty?: boolean }> {
  const commit = await sourceCommit(dir);
  if (!commit) return {};
  const status = await git(['status', '--porcelain', '--untracked-files=all', '--', ...COURSE_INPUTS], dir);
  return { commit, dirty: status === undefined ? undefined : status.trim() !== '' };
}

/** The top folder of the git checkout holding `dir`, for paths CI tools resolve from the repository root. */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  return (await git(['rev-parse', '--show-toplevel'], dir))?.trim() || undefined;
}

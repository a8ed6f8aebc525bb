import path from 'node:path';
import { writeReview } from '../../review/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io.js';

export const reviewCommand: Command = {
  name: 'review',
  synopsis: '[course-dir] <unit-id> --out <dir>',
  summary: 'Write a review page per role: what changed since their approval, and how to approve',
  options: { out: { type: 'string', short: 'o' }, since: { type: 'string' } },
  help: () => REVIEW_HELP,
  run: runReview,
};

const REVIEW_HELP = `Usage
  tandem review [course-dir] <unit-id> [--since <manifest.json|git-ref>] --out <dir>

Writes <dir>/<unit-id>.<role>.html for each role (sme, ops_manager, ld_lead, analyst): one
self-contained page for people without git, with the approval status, what changed in the
content the role owns (a word diff), that content as learners see it, the slice hash, and the
exact 'tandem approve' command to record the approval.

By default each role's page compares with what that role last approved (the commit that recorded
the approval in approvals/<unit-id>.yaml). --since compares every role with a git ref, or with
the source commit a release manifest records.

Options
  -o, --out <dir>     Where the pages go (default: review)
  --since <ref|file>  A git ref (main, v1.2.0, HEAD~3) or a release manifest.json
  -h, --help          Show this help
`;

async function runReview(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem review: ${message}\nRun 'tandem help review' for usage.\n`);
    return EXIT_USAGE;
  };
  const [first, second, ...rest] = args.positionals;
  if (!first || rest.length) return fail('give the unit id, and the course folder before it unless it is the current folder.');
  const courseArg = second === undefined ? '.' : first;
  const unitId = second ?? first;
  const outDir = path.resolve(io.cwd, (args.values.out as string | undefined) ?? 'review');
  const since = args.values.since as string | undefined;
  const result = await writeReview(path.resolve(io.cwd, courseArg), unitId, {
    outDir,
    since: since && /\.json$/i.test(since) ? path.resolve(io.cwd, since) : since,
    courseLabel: courseArg,
  });
  if (!result.ok) return fail(`${result.reason}.`);
  io.out(
    result.files
      .map((f) => `  ${path.relative(io.cwd, f.file) || f.file}  ${f.role}: ${f.status === 'current' ? 'approved, unchanged' : f.status === 'stale' ? 'approval stale' : 'not approved yet'}${f.base ? ` (compared with ${f.base})` : ''}\n`)
      .join(''),
  );
  return EXIT_OK;
}

import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { statusBoard, statusHtml, statusJson, statusText } from '../../status/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CommandIO } from '../io.js';

export const statusCommand: Command = {
  name: 'status',
  synopsis: '[course-dir]',
  summary: 'The lifecycle board: each unit’s stage, next owner and what is due',
  options: { format: { type: 'string' }, requests: { type: 'string' }, release: { type: 'string' }, report: { type: 'string' }, 'cache-dir': { type: 'string' }, today: { type: 'string' } },
  help: () => STATUS_HELP,
  run: runStatus,
};

const STATUS_HELP = `Usage
  tandem status [course-dir] [--format human|json|html] [--release <manifest|dir>] [--report <report.json|dir>]
                [--cache-dir <dir>]

For each unit: its stage (requested, defined, produced, approved, released, reinforced,
reviewed), who owns the next step, and what is due (missing or stale approvals,
VERSION_NOT_BUMPED, a job aid past its review_by date, a biweekly review overdue, the last
report's flags). Backlog requests without a unit are listed as requested. With rollout: in
tandem.config.yaml, the week of the 30-day plan and what it still needs.

Options
  --format <f>        human (default), json, or html (one self-contained page)
  --requests <file>   Requests CSV or issues JSON (default: requests.csv in the course)
  --release <path>    The last release's manifest.json or build folder (default: <course>/dist-course)
  --report <path>     The last report.json or report folder (default: <course>/report)
  --cache-dir <dir>   The build cache to take unchanged units from, when the build used
                      --cache-dir (default: <release folder>/.tandem-cache); read, never written
  --today <day>       The day to judge by, YYYY-MM-DD (default: today, UTC)
  -h, --help          Show this help
`;

async function runStatus(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem status: ${message}\nRun 'tandem help status' for usage.\n`);
    return EXIT_USAGE;
  };
  const format = (args.values.format as string | undefined) ?? 'human';
  if (!['human', 'json', 'html'].includes(format)) return fail(`--format must be human, json or html, not '${format}'.`);
  if (args.positionals.length > 1) return fail('expected at most one course folder.');
  const today = args.values.today as string | undefined;
  if (today !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(today) && new Date(`${today}T00:00:00Z`).toISOString().startsWith(today))) return fail(`--today must be a day written YYYY-MM-DD, not '${today}'.`);
  const at = (name: string) => (args.values[name] === undefined ? undefined : path.resolve(io.cwd, args.values[name] as string));
  const result = await statusBoard(path.resolve(io.cwd, args.positionals[0] ?? '.'), { today, requests: at('requests'), release: at('release'), report: at('report'), cacheDir: at('cache-dir') });
  if (!result.ok) {
    io.out(formatDiagnostics(result.diagnostics, 'human', { cwd: io.cwd, sources: result.sources, color: io.color }));
    return result.diagnostics.some((d) => d.code === 'COURSE_NOT_FOUND') ? EXIT_USAGE : EXIT_PROBLEMS;
  }
  io.out(format === 'json' ? statusJson(result.board) : format === 'html' ? statusHtml(result.board) : statusText(result.board));
  return EXIT_OK;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { newUnitFromRequest } from '../../intake/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io.js';

export const newCommand: Command = {
  name: 'new',
  synopsis: '<unit-id> --from-request <id>',
  summary: 'Scaffold a unit pre-filled from a training request',
  options: { 'from-request': { type: 'string' }, requests: { type: 'string' }, course: { type: 'string', short: 'C' } },
  help: () => NEW_HELP,
  run: runNew,
};

const NEW_HELP = `Usage
  tandem new <unit-id> --from-request <request-id> [--requests <file>] [--course <dir>]

Creates units/<unit-id>/ (unit.yaml, lesson.md, job-aid.md) pre-filled from one request of a
requests CSV or GitHub issues JSON (see 'tandem help intake'): the request, a draft objective,
the risk, the metric with its baseline, and the SME. What the request cannot say is written as
"Replace with …" text, which 'tandem check' reports (PLACEHOLDER_LEFT) until it is replaced.

Options
  --from-request <id>   The request's id (e.g. REQ-014, or issue-12 for a GitHub issue)
  --requests <file>     The requests file (default: requests.csv in the course folder)
  -C, --course <dir>    The course folder (default: the current folder)
  -h, --help            Show this help
`;

async function runNew(args: ParsedArgs, io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`tandem new: ${message}\nRun 'tandem help new' for usage.\n`);
    return EXIT_USAGE;
  };
  if (args.positionals.length !== 1) return fail('give exactly one unit id, e.g. `tandem new refund-approval --from-request REQ-014`.');
  const requestId = args.values['from-request'] as string | undefined;
  if (!requestId) return fail('--from-request <id> is required: the request this unit answers.');
  const courseDir = path.resolve(io.cwd, (args.values.course as string | undefined) ?? '.');
  const requests = path.resolve(io.cwd, (args.values.requests as string | undefined) ?? path.join(courseDir, 'requests.csv'));
  if (!existsSync(requests)) return fail(`no requests file at ${requests}; pass --requests <file>.`);
  const unitId = args.positionals[0]!;
  const result = await newUnitFromRequest(courseDir, unitId, requestId, requests);
  if (!result.ok) {
    if (result.diagnostics?.length) io.out(formatDiagnostics(result.diagnostics, 'human', { cwd: io.cwd, color: io.color }));
    return fail(`${result.reason}.`);
  }
  const rel = path.relative(io.cwd, courseDir) || '.';
  io.out(
    `Created units/${unitId} from request ${result.request.id} (${result.request.title}):\n${result.files.map((f) => `  ${f}\n`).join('')}` +
      (result.jobAidOnly ? 'The request says training is not the fix: the job aid carries this unit.\n' : '') +
      `\nNext:\n  tandem check ${rel}     lists every "Replace with …" placeholder (PLACEHOLDER_LEFT) still to replace\n` +
      `  then each role reviews and signs off: tandem review ${rel} ${unitId} --out review/ and tandem approve ${rel} ${unitId} --role <role> --by <name>\n`,
  );
  return EXIT_OK;
}

/**
 * `tandem report --lrs` against a loopback LRS (test/support/testLrs, 127.0.0.1 only): paging
 * through `more`, 429 + Retry-After, the incremental cursor, voiding fetched in a later run, and
 * credentials from TANDEM_LRS_AUTH only.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { fetchLrsStatements, retryAfterMs } from '../../src/report/source/lrsStatements.js';
import { TestLrs } from '../support/testLrs.js';
import { ACTORS, corpusLines, lesson, voiding } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
const OBJECTIVE = 'https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500';
let lrs: TestLrs;
let dir: string;

beforeEach(async () => {
  lrs = await TestLrs.start();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-lrs-'));
});
afterEach(async () => {
  await lrs.close();
});

function corpus(): Record<string, unknown>[] {
  return corpusLines()
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

async function report(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['report', SAMPLE, ...args], { out: (s) => void (stdout += s), err: (s) => void (stderr += s), cwd: dir, color: false, isTTY: false, env });
  return { code, stdout, stderr };
}

describe('tandem report --lrs', () => {
  it('follows more, waits out 429 Retry-After, and fetches only statements naming the objectives (and voidings)', async () => {
    lrs.store(corpus(), '2026-11-28T00:00:00.000Z');
    lrs.throttle = 2;
    const auth = lrs.credential('reader');
    const result = await fetchLrsStatements({ endpoint: lrs.endpoint, auth, activities: [OBJECTIVE], cacheDir: path.join(dir, 'cache'), limit: 5 });
    // 39 corpus statements: the foreign one and the 2 voiding ones name no objective, the 2 voided
    // ones are not returned: 34 by objective (7 pages of 5), then the 2 voiding ones (1 page).
    expect(result.fetched).toBe(36);
    const gets = lrs.requests.filter((r) => r.method === 'GET');
    expect(gets.filter((r) => r.status === 429)).toHaveLength(2);
    expect(gets.filter((r) => r.status === 200)).toHaveLength(8);
    expect(gets.filter((r) => r.status === 200 && r.path.includes('offset='))).toHaveLength(6);
    expect(result.cursor).toBe('2026-11-28T00:00:00.000Z');
  });

  it('gives the same numbers as the export, then fetches only what is new since the cursor', async () => {
    const statements = corpus();
    lrs.store(statements, '2026-11-28T00:00:00.000Z');
    const auth = lrs.credential('reader');
    const out = path.join(dir, 'out');
    const period = ['--since', '2026-10-01', '--until', '2026-11-30'];
    const first = await report(['--lrs', lrs.endpoint, ...period, '--out', out], { TANDEM_LRS_AUTH: auth });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const one = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')).objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    expect(one.learning).toMatchObject({ learners: 5, completed: 3, passed: 3, failed: 1, firstAttemptPassRate: 0.666667 });
    expect(one.execution.jobAidViews).toBe(4);

    // Two weeks later: Fay passes, and Ben's pass (fetched last run) is voided.
    const benPassed = statements.find((s) => (s.actor as { account?: { name: string } }).account?.name === 'b-42' && (s.verb as { id: string }).id.endsWith('/passed'))!;
    lrs.store([lesson(ACTORS.fay, 'initialized', '2026-11-29T10:00:00.000Z'), lesson(ACTORS.fay, 'passed', '2026-11-29T10:20:00.000Z', { score: { scaled: 0.9 } })], '2026-11-29T12:00:00.000Z');
    lrs.store([voiding(benPassed.id as string, '2026-11-29T13:00:00.000Z')], '2026-11-29T13:00:00.000Z');
    const before = lrs.requests.length;
    const second = await report(['--lrs', lrs.endpoint, ...period, '--out', out], { TANDEM_LRS_AUTH: auth });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const asked = lrs.requests.slice(before).filter((r) => r.method === 'GET');
    expect(asked.every((r) => new URL(r.path, lrs.origin).searchParams.get('since') === '2026-11-28T00:00:00.000Z')).toBe(true);
    const two = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')).objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    // Fay is a sixth learner; Ben no longer passed (his only pass was voided).
    expect(two.learning).toMatchObject({ learners: 6, passed: 3, failed: 1 });
  });

  it('takes credentials only from TANDEM_LRS_AUTH, and reports a refused query as an environment error', async () => {
    const out = path.join(dir, 'none');
    const noAuth = await report(['--lrs', lrs.endpoint, '--out', out], {});
    expect(noAuth.code).toBe(2);
    expect(noAuth.stdout).toContain('LRS_AUTH_MISSING');
    const refused = await report(['--lrs', lrs.endpoint, '--out', out], { TANDEM_LRS_AUTH: 'Basic bm9ib2R5Om5vcGU=' });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('LRS_REQUEST_FAILED');
    expect(refused.stdout).toContain('answered 401');
    await expect(readFile(path.join(out, 'report.json'))).rejects.toThrow();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs(null)).toBe(1000);
  });
});

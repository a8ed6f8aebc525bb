/**
 * Job-aid views per channel tag (issue 15: every link carries src=slack|teams|email|qr), on a
 * hand-computed corpus of refund-approval job-aid views in the period 2026-11-01..2026-11-28
 * (channelViewStatements in corpus.ts; parquetExport.test.ts checks the warehouse against it too):
 *
 *   v1 src=qr, printed 1.2.0 (the current version)      → qr, a scan
 *   v2 src=qr, printed 1.1.0                            → qr, a scan of a superseded copy
 *   v3 src=slack (a card's link: no printed version)    → slack
 *   v4 src=teams                                        → teams
 *   v5 src=email, sent twice under one id               → email, once
 *   v6 src=fax (not a channel Tandem tags)              → unknown
 *   v7 no tag, printed 1.2.0 (a copy printed before)    → unknown, a scan
 *   v8 src=slack, voided                                → not counted
 * → 7 views: email 1, qr 2, slack 1, teams 1, unknown 2; 3 printed scans, 1 of them stale (0.333333).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';
import { channelViewStatements } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
let out: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-channels-'));
  const statements = channelViewStatements();
  const file = path.join(dir, 'views.ndjson');
  await writeFile(file, statements.map((s) => JSON.stringify(s)).join('\n') + '\n');
  out = path.join(dir, 'out');
  const run = await runTandem(['report', SAMPLE, '--statements', file, '--since', '2026-11-01', '--until', '2026-11-28', '--out', out, '--fail-on', 'never']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
});

describe('tandem report: job-aid views per channel', () => {
  it('counts views by the src tag of the address opened, printed scans only from printed copies, in report.json (valid)', async () => {
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(await readFile('schemas/report.schema.json', 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const refund = json.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    expect(refund.execution).toMatchObject({
      jobAidViews: 7,
      printedScans: 3,
      staleScanShare: 0.333333,
      jobAidViewsByChannel: [
        { channel: 'email', views: 1 },
        { channel: 'qr', views: 2 },
        { channel: 'slack', views: 1 },
        { channel: 'teams', views: 1 },
        { channel: 'unknown', views: 2 },
      ],
    });
    // Per window too: the current window (2026-11-15..28) holds only v7.
    expect(refund.windows.find((w: { label: string }) => w.label === 'current').execution.jobAidViewsByChannel).toEqual([{ channel: 'unknown', views: 1 }]);
  });

  it('kpi.csv has a job_aid_views_<channel> row per channel, and report.html a "views from <channel>" row', async () => {
    const kpi = parse(await readFile(path.join(out, 'kpi.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const rows = kpi.filter((r) => r.objective_id === 'OBJ-SUP-REFUND-500' && r.window === 'period' && r.kpi!.startsWith('job_aid_views_'));
    expect(rows.map((r) => [r.kpi, r.value])).toEqual([
      ['job_aid_views_email', '1'],
      ['job_aid_views_qr', '2'],
      ['job_aid_views_slack', '1'],
      ['job_aid_views_teams', '1'],
      ['job_aid_views_unknown', '2'],
    ]);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<th scope="row">views from qr<\/th><td>2<\/td>/);
  });
});

/** `tandem report` through the CLI: the files it writes, what they say, and its exit codes. */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';
import { corpusLines } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
let dir: string;
let statements: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-cli-'));
  statements = path.join(dir, 'statements.ndjson');
  await writeFile(statements, corpusLines().join('\n') + '\n');
});

const PERIOD = ['--since', '2026-10-01', '--until', '2026-11-28'];

describe('tandem report', () => {
  it('writes report.json (valid against its schema), kpi.csv, items.csv and report.html, and exits 0', async () => {
    const out = path.join(dir, 'out');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, ...PERIOD, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('report.json');

    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const schema = JSON.parse(await readFile('schemas/report.schema.json', 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const refund = json.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    expect(refund).toMatchObject({ unitId: 'refund-approval', learning: { learners: 5, completed: 3, passed: 3, failed: 1, firstAttemptPassRate: 0.666667 }, execution: { jobAidViews: 4 } });
    expect(refund.items.find((i: { questionId: string }) => i.questionId === 'matrix-who-approves')).toMatchObject({ n: 4, difficulty: 0.75, discrimination: -0.57735 });
    expect(refund.windows.map((w: { label: string }) => w.label)).toEqual(['previous', 'current']);

    const kpi = parse(await readFile(path.join(out, 'kpi.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const row = (window: string, name: string) => kpi.find((r) => r.objective_id === 'OBJ-SUP-REFUND-500' && r.window === window && r.kpi === name);
    expect(row('period', 'first_attempt_pass_rate')?.value).toBe('0.666667');
    expect(row('current', 'completed')?.value).toBe('2');
    expect(row('period', 'job_aid_views')?.value).toBe('4');
    const items = parse(await readFile(path.join(out, 'items.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(items.find((r) => r.window === 'period' && r.question_id === 'evidence-email-photos' && r.option === 'false')).toMatchObject({ n: '3', difficulty: '0.666667', option_share: '0.666667' });
  });

  it('report.html stands alone: inline SVG charts, each followed by its table, nothing fetched', async () => {
    const out = path.join(dir, 'html');
    await runTandem(['report', SAMPLE, '--statements', statements, ...PERIOD, '--out', out]);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|url\(/i);
    const figures = [...html.matchAll(/<figure><svg role="img" aria-label="([^"]+)"[\s\S]*?<\/figure>\s*<table><caption>([^<]+)</g)];
    expect(figures.map((m) => m[1])).toContain('OBJ-SUP-REFUND-500: learners launched, completed and passed, per window');
    expect(figures.map((m) => m[1])).toContain('OBJ-SUP-REFUND-500: share of learners whose first answer was correct, per question');
    // The funnel's table has the numbers the chart shows.
    expect(html).toMatch(/<th scope="row">completed<\/th><td>3<\/td><td>1<\/td><td>2<\/td>/);
  });

  it('exits 1 under --fail-on warning when a line is not JSON, and names the file and line', async () => {
    const out = path.join(dir, 'fail');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, ...PERIOD, '--out', out, '--fail-on', 'warning', '--format', 'github']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::warning file=${statements},line=6,col=1`);
    expect(run.stdout).toContain('REPORT_UNREADABLE_LINES');
    expect(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')).objectives.length).toBe(4);
  });

  it('given a whole release folder, reads only its journal/: the cards, manifest and delivery journal are not statements', async () => {
    const release = path.join(dir, 'release');
    const built = await runTandem(['build', SAMPLE, '--target', 'cards', '--out', release]);
    expect(built.code).toBe(0);
    await mkdir(path.join(release, 'journal'), { recursive: true });
    await writeFile(path.join(release, 'journal', 'statements-000001.ndjson'), corpusLines().join('\n') + '\n');
    // What tandem serve's delivery journal holds: one record per nudge message, not statements.
    await mkdir(path.join(release, 'deliveries'), { recursive: true });
    await writeFile(path.join(release, 'deliveries', 'statements-000001.ndjson'), '{"event":"claimed","id":"n1.1:email"}\n{"event":"sent","id":"n1.1:email"}\n');

    const fromRelease = await runTandem(['report', SAMPLE, '--statements', release, ...PERIOD, '--out', path.join(dir, 'from-release'), '--format', 'json']);
    const fromJournal = await runTandem(['report', SAMPLE, '--statements', path.join(release, 'journal'), ...PERIOD, '--out', path.join(dir, 'from-journal'), '--format', 'json']);
    expect(fromRelease.code).toBe(0);
    const printed = (run: { stdout: string }) => (JSON.parse(run.stdout) as { diagnostics: { code: string; message: string; file?: string }[] }).diagnostics;
    // The same diagnostics as reading the journal itself (the corpus's one line that is not JSON
    // included), none about the cards, the manifest or the delivery journal; plus the note.
    const where = (d: { code: string; file?: string }) => `${d.code} ${d.file ?? ''}`;
    expect(printed(fromRelease).filter((d) => d.code !== 'REPORT_RELEASE_FOLDER').map(where)).toEqual(printed(fromJournal).map(where));
    expect(printed(fromRelease).filter((d) => d.code === 'REPORT_UNREADABLE_LINES').map((d) => path.relative(release, d.file!))).toEqual([path.join('journal', 'statements-000001.ndjson')]);
    const notes = printed(fromRelease).filter((d) => d.code === 'REPORT_RELEASE_FOLDER');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('only its journal/ folder was read (1 statement file)');
    expect(printed(fromJournal).map((d) => d.code)).not.toContain('REPORT_RELEASE_FOLDER');
    const objectives = async (out: string) => JSON.parse(await readFile(path.join(dir, out, 'report.json'), 'utf8')).objectives;
    expect(await objectives('from-release')).toEqual(await objectives('from-journal'));
    expect((await objectives('from-release')).some((o: { learning: { completed: number } }) => o.learning.completed > 0)).toBe(true);
  });

  it('exits 2 for a missing statements path, a bad date or no --out, and writes nothing', async () => {
    const out = path.join(dir, 'none');
    const missing = await runTandem(['report', SAMPLE, '--statements', path.join(dir, 'nope.ndjson'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('REPORT_STATEMENTS_NOT_FOUND');
    const badDate = await runTandem(['report', SAMPLE, '--statements', statements, '--since', '2026-02-30', '--out', out]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain("--since must be a date as YYYY-MM-DD, not '2026-02-30'");
    expect((await runTandem(['report', SAMPLE, '--statements', statements])).code).toBe(2);
    await expect(readFile(path.join(out, 'report.json'))).rejects.toThrow();
  });

  it('--ops: a bad row is an error at file:line:column (exit 1), the metric is in report.json, a missing file exits 2', async () => {
    const ops = path.join(dir, 'ops.csv');
    const metric = 'Refunds over $500 approved without evidence';
    await writeFile(ops, `date,objective_id,metric,value\n2026-11-16,OBJ-SUP-REFUND-500,${metric},8\n2026-11-23,OBJ-SUP-REFUND-500,${metric},six\n`);
    const out = path.join(dir, 'ops-out');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, '--ops', ops, ...PERIOD, '--out', out, '--format', 'github']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error file=${ops},line=3,col=75,title=OPS_VALUE_INVALID::`);
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(json.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500').execution.metrics).toEqual([
      { name: metric, layer: 'execution', baseline: 14, current: 8, change: -6, n: 1, ci95: null },
    ]);
    expect((await runTandem(['report', SAMPLE, '--statements', statements, '--ops', ops, ...PERIOD, '--out', out, '--fail-on', 'never'])).code).toBe(0);
    const missing = await runTandem(['report', SAMPLE, '--statements', statements, '--ops', path.join(dir, 'nope.csv'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('OPS_FILE_NOT_FOUND');
  });

  it('--min-learners lowers the bar: the corpus then raises weak-unit flags, which --fail-on warning gates on', async () => {
    const out = path.join(dir, 'flags');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, ...PERIOD, '--out', out, '--min-learners', '3', '--fail-on', 'warning', '--format', 'json']);
    expect(run.code).toBe(1);
    const printed = (JSON.parse(run.stdout) as { diagnostics: { code: string; file?: string }[] }).diagnostics;
    expect(printed.filter((d) => d.file?.endsWith('lesson.md') || d.file?.endsWith('refund-approval/unit.yaml')).map((d) => d.code).sort()).toEqual(
      ['ITEM_NEGATIVE_DISCRIMINATION', 'ITEM_NEGATIVE_DISCRIMINATION', 'LOW_COMPLETION', 'STALE_PRINTED_COPIES'],
    );
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const refund = json.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    expect(refund.flags.map((f: { code: string }) => f.code)).toEqual(['ITEM_NEGATIVE_DISCRIMINATION', 'ITEM_NEGATIVE_DISCRIMINATION', 'LOW_COMPLETION', 'STALE_PRINTED_COPIES']);
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain('<strong>LOW_COMPLETION</strong>');
  });

  it('--pilot-team/--pilot-start: a difference-in-differences estimate per ops metric, in report.json (valid) and report.html', async () => {
    const metric = 'Refunds over $500 approved without evidence';
    const ops = path.join(dir, 'pilot.csv');
    const rows = [
      ['2026-11-01', 'north', 10], ['2026-11-08', 'north', 12], ['2026-11-16', 'north', 6], ['2026-11-23', 'north', 8],
      ['2026-11-01', 'south', 10], ['2026-11-08', 'south', 11], ['2026-11-16', 'south', 9], ['2026-11-23', 'south', 10],
      ['2026-11-20', '', 50],
    ];
    await writeFile(ops, ['date,objective_id,team,metric,value', ...rows.map(([d, t, v]) => `${d},OBJ-SUP-REFUND-500,${t},${metric},${v}`)].join('\n'));
    const out = path.join(dir, 'pilot-out');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, '--ops', ops, ...PERIOD, '--pilot-team', 'north', '--pilot-start', '2026-11-15', '--out', out]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(await readFile('schemas/report.schema.json', 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const refund = json.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    // (7 − 11) − (9.5 − 10.5) = −3; SE = √(2/2 + 2/2 + 0.5/2 + 0.5/2) = √2.5; the row without a team is in no cell.
    expect(refund.pilot).toEqual({
      team: 'north',
      start: '2026-11-15',
      metrics: [{ name: metric, estimate: -3, ci95: [-6.099032, 0.099032], n: [2, 2, 2, 2], means: { pilotBefore: 11, pilotAfter: 7, restBefore: 10.5, restAfter: 9.5 } }],
    });
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain('<caption>Team north from 2026-11-15 against the other teams (difference in differences)</caption>');
    expect((await runTandem(['report', SAMPLE, '--statements', statements, '--pilot-team', 'north', '--out', out])).code).toBe(2);
  });

  it('reads paths after the course folder as statement sources too (--statements a b)', async () => {
    const out = path.join(dir, 'positional');
    const half = path.join(dir, 'half.ndjson');
    const lines = corpusLines();
    await writeFile(half, lines.slice(20).join('\n'));
    const first = path.join(dir, 'first.ndjson');
    await writeFile(first, lines.slice(0, 20).join('\n'));
    const run = await runTandem(['report', SAMPLE, '--statements', first, half, ...PERIOD, '--out', out]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(json.inputs).toEqual({ statementLines: 40, unreadableLines: 1, duplicates: 2, voided: 2, ignored: 1 });
  });
});

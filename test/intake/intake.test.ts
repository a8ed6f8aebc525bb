/**
 * Issue 16, intake: the ranking order, the positioned diagnostics, the backlog contract and the
 * GitHub issue form read back through the template `tandem init` writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runIntake } from '../../src/intake/index.js';
import { scaffoldCourse } from '../../src/init/scaffoldCourse.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-intake-');
const HEADER = 'id,title,source,workflow,impact,frequency,risk,severity,metric,baseline,requester,sme,date,training_is_fix';

function csv(rows: string[]): string {
  const file = path.join(tempDir(), 'requests.csv');
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}
const row = (id: string, impact: number, frequency: number, severity: string, date: string, fix = 'yes') =>
  `${id},Title ${id},ops,Workflow ${id},${impact},${frequency},Risk ${id},${severity},Metric ${id},10%,Req,SME Person,${date},${fix}`;

describe('tandem intake ranking', () => {
  it('orders by impact × frequency, then severity high > medium > low, then the older request, then the id', () => {
    const file = csv([
      row('R-low', 4, 5, 'low', '2026-01-01'), // 20, low
      row('R-b', 5, 4, 'high', '2026-03-01'), // 20, high, newer
      row('R-a', 5, 4, 'high', '2026-03-01'), // 20, high, same day: id decides
      row('R-old', 2, 10 / 5, 'high', '2025-01-01'), // 4
      row('R-med', 4, 5, 'medium', '2026-06-01'), // 20, medium
      row('R-first', 4, 5, 'high', '2026-02-01'), // 20, high, oldest of the highs
      row('R-top', 5, 5, 'low', '2026-09-09'), // 25
    ]);
    const result = runIntake(file);
    expect(result.diagnostics).toEqual([]);
    expect(result.entries.map((e) => `${e.rank} ${e.id} ${e.score}`)).toEqual([
      '1 R-top 25',
      '2 R-first 20',
      '3 R-a 20',
      '4 R-b 20',
      '5 R-med 20',
      '6 R-low 20',
      '7 R-old 4',
    ]);
  });

  it('is byte-stable: the same requests in another row order give the same four files', () => {
    const rows = [row('A', 3, 3, 'low', '2026-01-02', 'no'), row('B', 3, 3, 'low', '2026-01-02'), row('C', 5, 1, 'high', '2026-01-01'), 'D,"Title, with ""quotes""",ops,W,1,1,R,medium,M,B,Req,S,2026-01-01,yes'];
    const one = runIntake(csv(rows)).files;
    const two = runIntake(csv([...rows].reverse())).files;
    expect([...two.keys()]).toEqual(['backlog.json', 'backlog.csv', 'backlog.md', 'backlog.html']);
    for (const [name, text] of one) expect(two.get(name), name).toBe(text);
  });

  it('marks training_is_fix = no as job aid only, in every output', () => {
    const result = runIntake(csv([row('AID', 5, 5, 'high', '2026-01-01', 'no'), row('LESSON', 1, 1, 'low', '2026-01-01', 'yes')]));
    expect(result.entries.map((e) => [e.id, e.jobAidOnly, e.recommendation])).toEqual([
      ['AID', true, 'job aid only'],
      ['LESSON', false, 'lesson + job aid'],
    ]);
    expect(result.files.get('backlog.md')).toMatch(/\| 1 \| AID \|.*\| job aid only \|/);
    expect(result.files.get('backlog.csv')!.split('\n')[1]).toMatch(/^1,AID,25,.*,job aid only$/);
    expect(result.files.get('backlog.html')).toMatch(/<tr class="aid-only">\n<td>1<\/td><th scope="row">AID<\/th>[\s\S]*<strong>Job aid only<\/strong>/);
  });
});

describe('tandem intake diagnostics', () => {
  it('reports every problem at file:row:column with a permanent code; the valid rows are still ranked', () => {
    const file = csv([
      row('OK-1', 2, 2, 'low', '2026-01-01'),
      'BAD-1,Title,marketing,W,0,6,,severe,,,Req,,2026-02-30,maybe',
      'bad id,Title,ops,W,1,1,Risk,low,M,B,Req,S,2026-01-01,yes',
      ',,ops,,1,1,Risk,low,M,B,,S,,yes',
      row('OK-1', 5, 5, 'high', '2026-01-01'),
      row('OK-2', 3, 2, 'medium', '2026-01-01'),
    ]);
    const result = runIntake(file);
    const at = result.diagnostics.map((d) => `${d.code} ${path.basename(d.file!)}:${d.line}:${d.column}`);
    expect(at.sort()).toEqual([
      'INTAKE_BASELINE_MISSING requests.csv:3:38',
      'INTAKE_DATE_INVALID requests.csv:3:44',
      'INTAKE_FIELD_MISSING requests.csv:5:1',
      'INTAKE_FIELD_MISSING requests.csv:5:2',
      'INTAKE_FIELD_MISSING requests.csv:5:25',
      'INTAKE_FIELD_MISSING requests.csv:5:28',
      'INTAKE_FIELD_MISSING requests.csv:5:7',
      'INTAKE_ID_DUPLICATE requests.csv:6:1',
      'INTAKE_METRIC_MISSING requests.csv:3:37',
      'INTAKE_RISK_MISSING requests.csv:3:29',
      'INTAKE_SME_MISSING requests.csv:3:43',
      'INTAKE_SOURCE_UNKNOWN requests.csv:3:13',
      'INTAKE_VALUE_INVALID requests.csv:3:30',
      'INTAKE_VALUE_INVALID requests.csv:3:55',
      'INTAKE_VALUE_INVALID requests.csv:4:1',
      'INTAKE_VALUE_OUT_OF_RANGE requests.csv:3:25',
      'INTAKE_VALUE_OUT_OF_RANGE requests.csv:3:27',
    ]);
    expect(result.diagnostics.filter((d) => d.line === 5).map((d) => d.message)).toEqual([
      'Request at line 5 has no id; it is not ranked.',
      'Request at line 5 has no title; it is not ranked.',
      'Request at line 5 has no workflow; it is not ranked.',
      'Request at line 5 has no requester; it is not ranked.',
      'Request at line 5 has no date; it is not ranked.',
    ]);
    expect(result.diagnostics.find((d) => d.code === 'INTAKE_ID_DUPLICATE')!.message).toBe('The id OK-1 is already used on line 2; this request is not ranked.');
    expect(result.diagnostics.find((d) => d.code === 'INTAKE_DATE_INVALID')!.message).toContain('"2026-02-30"');
    expect(result.entries.map((e) => e.id)).toEqual(['OK-2', 'OK-1']);
  });

  it('points at the cell even after a quoted field with commas and a line break', () => {
    const file = csv([`Q-1,"Refunds, ""big"" ones\nover two lines",ops,W,9,1,Risk,low,M,B,Req,S,2026-01-01,yes`]);
    expect(runIntake(file).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['INTAKE_VALUE_OUT_OF_RANGE 3:23']);
  });

  it('a header without the request columns reads no row; an extra column is a warning', () => {
    const dir = tempDir();
    const missing = path.join(dir, 'a.csv');
    writeFileSync(missing, 'id,title,source\nR,T,ops\n');
    expect(runIntake(missing).diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual([
      'INTAKE_COLUMN_MISSING 1:1 The header row has no workflow, impact, frequency, risk, severity, metric, baseline, requester, sme, date, training_is_fix column; none of this file\'s rows were read.',
    ]);
    const extra = path.join(dir, 'b.csv');
    writeFileSync(extra, `${HEADER},owner\n${row('R', 1, 1, 'low', '2026-01-01')},x\n`);
    expect(runIntake(extra).diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`)).toEqual(['INTAKE_COLUMN_UNKNOWN warning 1:108']);
  });

  it('a quote never closed is reported where it starts, and the rows before it still count', () => {
    const file = csv([row('R-1', 1, 1, 'low', '2026-01-01'), 'R-2,"never closed,ops,W,1,1,R,low,M,B,Req,S,2026-01-01,yes']);
    const result = runIntake(file);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['INTAKE_FILE_MALFORMED']);
    expect(result.entries.map((e) => e.id)).toEqual(['R-1']);
  });

  it('the CLI: backlog.json is the contract (rank order, id, rank, score), exit 1 with invalid rows, exit 2 for no file', async () => {
    const file = csv([row('LOW', 1, 2, 'low', '2026-01-01'), 'BROKEN,T,ops,W,1,1,R,low,,B,Req,S,2026-01-01,yes', row('HIGH', 4, 4, 'high', '2026-01-01')]);
    const out = path.join(tempDir(), 'out');
    const run = await runTandem(['intake', file, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('requests.csv:3:');
    expect(run.stdout).toContain('INTAKE_METRIC_MISSING');
    const backlog = JSON.parse(readFileSync(path.join(out, 'backlog.json'), 'utf8'));
    expect(backlog.map((e: { id: string; rank: number; score: number }) => [e.id, e.rank, e.score])).toEqual([
      ['HIGH', 1, 16],
      ['LOW', 2, 2],
    ]);
    const top = await runTandem(['intake', file, '--out', out, '--top', '1']);
    expect(JSON.parse(readFileSync(path.join(out, 'backlog.json'), 'utf8')).map((e: { id: string }) => e.id)).toEqual(['HIGH']);
    expect(top.stderr).toContain('Ranked 1 of 2 valid request(s)');
    expect((await runTandem(['intake', path.join(out, 'none.csv')])).stdout).toContain('INTAKE_FILE_NOT_FOUND');
    expect((await runTandem(['intake', path.join(out, 'none.csv')])).code).toBe(2);
    expect((await runTandem(['intake', path.join(out, 'backlog.md')])).stdout).toContain('INTAKE_FORMAT_UNKNOWN');
    expect((await runTandem(['intake', file, '--top', '0'])).code).toBe(2);
  });

  it('backlog.html is one self-contained, accessible page', () => {
    const html = runIntake(csv([row('R<script>', 1, 1, 'low', '2026-01-01')])).files.get('backlog.html')!;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<caption>');
    expect(html).toContain('<th scope="col">Rank</th>');
    expect(html).not.toMatch(/<(script|link|img)\b|https?:\/\//);
  });
});

describe('tandem intake from GitHub issue forms', () => {
  /** An issue body as GitHub renders the form: `### <label>` then the answer, for each field of the template. */
  async function issueBodyFromTemplate(answers: Record<string, string>): Promise<string> {
    const course = path.join(tempDir(), 'course');
    expect((await scaffoldCourse(course)).ok).toBe(true);
    const form = parseYaml(readFileSync(path.join(course, '.github/ISSUE_TEMPLATE/training-request.yml'), 'utf8')) as { body: { id?: string; attributes: { label?: string } }[] };
    return form.body
      .filter((f) => f.id)
      .map((f) => `### ${f.attributes.label}\n\n${answers[f.id!] ?? '_No response_'}`)
      .join('\n\n');
  }

  it('reads every answer of the form tandem init writes, by its label', async () => {
    const answers = {
      workflow: 'Approving refunds',
      source: 'support',
      impact: '5 - critical (money, safety, compliance)',
      frequency: '4 - daily',
      risk: 'Refunds approved without photos',
      severity: 'high',
      metric: 'Refunds approved without evidence',
      baseline: '14% (Q1 audit)',
      requester: 'Ana Silva',
      sme: 'Priya Nair',
      training_is_fix: 'no - they know how; the gap is tools, process or incentives',
    };
    const complete = await issueBodyFromTemplate(answers);
    const missing = await issueBodyFromTemplate({ ...answers, metric: '', sme: '' });
    const file = path.join(tempDir(), 'issues.json');
    writeFileSync(
      file,
      JSON.stringify(
        [
          { number: 12, title: '[Training request]: Refunds over $500', body: complete, labels: [{ name: 'training-request' }], createdAt: '2026-10-02T09:00:00Z', author: { login: 'ana' } },
          { number: 13, title: 'Second', body: missing, labels: [], createdAt: '2026-10-03T09:00:00Z', author: { login: 'bo' } },
        ],
        null,
        2,
      ),
    );
    const result = runIntake(file);
    expect(result.entries).toMatchObject([
      { rank: 1, id: 'issue-12', score: 20, title: 'Refunds over $500', source: 'support', impact: 5, frequency: 4, severity: 'high', requester: 'Ana Silva', sme: 'Priya Nair', date: '2026-10-02', jobAidOnly: true },
    ]);
    // The answers have no line of their own inside the body string: the diagnostic points at the issue's body.
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['INTAKE_METRIC_MISSING 19:13', 'INTAKE_SME_MISSING 19:13']);
    expect(readFileSync(file, 'utf8').split('\n')[18]).toMatch(/^ {4}"body": /);
  });

  it('JSON that is not an issue list is INTAKE_FILE_MALFORMED, not a crash', () => {
    const dir = tempDir();
    for (const [name, text] of [['a.json', '{"number": 1}'], ['b.json', '[1, {"number": 2']] as const) {
      writeFileSync(path.join(dir, name), text);
      expect(runIntake(path.join(dir, name)).diagnostics.map((d) => d.code)).toEqual(['INTAKE_FILE_MALFORMED']);
    }
  });
});

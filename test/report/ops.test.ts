/** Operations CSV: metrics per window with baseline, change, n and 95% CI; positioned diagnostics for bad rows. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse, type Course } from '../../src/course/index.js';
import { buildReport, type ReportResult } from '../../src/report/index.js';
import { baselineNumber } from '../../src/report/ops/metricSummary.js';

const SAMPLE = path.resolve('fixtures/sample-course');
const METRIC = 'Refunds over $500 approved without evidence';
const LINES = [
  'date,objective_id,unit_id,team,metric,value,n',
  `2026-11-02,OBJ-SUP-REFUND-500,,north,${METRIC},12,50`,
  `2026-11-09,,refund-approval,north,${METRIC},10,50`,
  `2026-11-16,OBJ-SUP-REFUND-500,,north,${METRIC},8,50`,
  `2026-11-23,OBJ-SUP-REFUND-500,,north,${METRIC},6,50`,
  `2026-11-24,OBJ-SUP-REFUND-500,,south,${METRIC},7,`,
  `2026/11/25,OBJ-SUP-REFUND-500,,north,${METRIC},5,50`,
  `2026-11-25,OBJ-NOPE,,north,${METRIC},5,50`,
  '2026-11-25,OBJ-SUP-REFUND-500,,north,Refund time,3,50',
  `2026-11-25,OBJ-SUP-REFUND-500,,north,"${METRIC}","4,2",50`,
  `2026-11-26,OBJ-SUP-REFUND-500,,north,${METRIC},4,0.5`,
  '2026-11-20,,discount-approval,,Margin lost to unapproved discounts above 15%,250000,',
  `2026-09-01,OBJ-SUP-REFUND-500,,north,${METRIC},30,50`,
];
let course: Course;
let file: string;
let result: ReportResult;

beforeAll(async () => {
  course = (await loadCourse(SAMPLE)).course!;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-ops-'));
  file = path.join(dir, 'ops.csv');
  await writeFile(file, LINES.join('\n') + '\n');
  result = await buildReport(course, { statements: async function* () {}, ops: [file], since: '2026-10-01', until: '2026-11-28' });
});

describe('ops metrics', () => {
  it('summarises the period and each window: mean, baseline from unit.yaml, change, n, Student t 95% CI', () => {
    const refund = result.report.objectives.find((o) => o.objectiveId === 'OBJ-SUP-REFUND-500')!;
    // Period: 12, 10, 8, 6, 7 (the September row is before --since): s = √5.8, half-width 2.776 · s/√5 = 2.9898435.
    expect(refund.execution.metrics).toEqual([{ name: METRIC, layer: 'execution', baseline: 14, current: 8.6, change: -5.4, n: 5, ci95: [5.610156, 11.589844] }]);
    const [previous, current] = refund.windows;
    expect(previous!.execution.metrics[0]).toEqual({ name: METRIC, layer: 'execution', baseline: 14, current: 11, change: -3, n: 2, ci95: [-1.706, 23.706] });
    expect(current!.execution.metrics[0]).toEqual({ name: METRIC, layer: 'execution', baseline: 14, current: 7, change: -7, n: 3, ci95: [4.515662, 9.484338] });
    expect(refund.business.metrics).toEqual([]);
  });

  it('puts a business-layer metric under business, keyed by unit_id', () => {
    const discount = result.report.objectives.find((o) => o.objectiveId === 'OBJ-SAL-DISCOUNT-15')!;
    expect(discount.business.metrics).toEqual([{ name: 'Margin lost to unapproved discounts above 15%', layer: 'business', baseline: 310000, current: 250000, change: -60000, n: 1, ci95: null }]);
    expect(discount.execution.metrics).toEqual([]);
  });

  it('reports each bad row at file:line:column with a permanent code and leaves it out', () => {
    const at = (line: number, text: string) => ({ line, column: LINES[line - 1]!.indexOf(text) + 1 });
    const found = result.diagnostics.filter((d) => d.code.startsWith('OPS_')).map((d) => ({ code: d.code, file: d.file, line: d.line, column: d.column }));
    expect(found).toEqual([
      { code: 'OPS_DATE_INVALID', file, ...at(7, '2026/11/25') },
      { code: 'OPS_KEY_UNKNOWN', file, ...at(8, 'OBJ-NOPE') },
      { code: 'OPS_METRIC_UNKNOWN', file, ...at(9, 'Refund time') },
      { code: 'OPS_VALUE_INVALID', file, ...at(10, '"4,2"') },
      { code: 'OPS_VALUE_INVALID', file, ...at(11, '0.5') },
    ]);
    expect(found[2]!.column).toBe(38);
    expect(result.diagnostics.filter((d) => d.code.startsWith('OPS_'))[3]!.message).toBe('The value "4,2" is not a number, e.g. 4.2; the row was left out.');
  });

  it('refuses a file without the required columns, and one with a broken quote, without crashing', async () => {
    const dir = path.dirname(file);
    const noColumns = path.join(dir, 'no-columns.csv');
    await writeFile(noColumns, 'day,objective,value\n2026-11-02,OBJ-SUP-REFUND-500,3\n');
    const broken = path.join(dir, 'broken.csv');
    await writeFile(broken, `date,objective_id,metric,value\n2026-11-02,OBJ-SUP-REFUND-500,${METRIC},3\n2026-11-03,"OBJ-SUP-REFUND-500,${METRIC},4\n`);
    const all = await buildReport(course, { statements: async function* () {}, ops: [noColumns, broken], until: '2026-11-28' });
    const diagnostics = all.diagnostics.filter((d) => d.code.startsWith('OPS_'));
    expect(diagnostics.map((d) => [d.code, path.basename(d.file!), d.line])).toEqual([
      ['OPS_COLUMN_MISSING', 'no-columns.csv', 1],
      ['OPS_CSV_MALFORMED', 'broken.csv', 3],
    ]);
    expect(diagnostics[0]!.message).toContain('no date, metric, objective_id or unit_id column');
  });

  it("reads the number in unit.yaml's free-text baseline", () => {
    expect(baselineNumber('14% of audited cases (Q1 audit)')).toBe(14);
    expect(baselineNumber('$310,000 per quarter (Q4 pricing review)')).toBe(310000);
    expect(baselineNumber('none measured yet')).toBeNull();
  });
});

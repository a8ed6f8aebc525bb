/**
 * Every number of the report on the hand-computed corpus (test/report/corpus.ts), period
 * 2026-10-01..2026-11-28, 14-day windows: previous 2026-11-01..14, current 2026-11-15..28.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse, type Course } from '../../src/course/index.js';
import { buildReport, statementFiles, type ObjectiveReport, type Report } from '../../src/report/index.js';
import { corpusLines } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
let course: Course;
let report: Report;
let refund: ObjectiveReport;

/** Without ops data the unit's metric is still listed, with no observations. */
const NO_OPS = { name: 'Refunds over $500 approved without evidence', layer: 'execution', baseline: 14, current: null, change: null, n: 0, ci95: null };

function memoryStream(lines: string[]) {
  return async function* () {
    let line = 0;
    for (const text of lines) yield { file: 'memory.ndjson', line: ++line, text };
  };
}

beforeAll(async () => {
  const loaded = await loadCourse(SAMPLE);
  course = loaded.course!;
  ({ report } = await buildReport(course, { statements: memoryStream(corpusLines()), since: '2026-10-01', until: '2026-11-28', now: new Date('2026-11-29T00:00:00Z') }));
  refund = report.objectives.find((o) => o.objectiveId === 'OBJ-SUP-REFUND-500')!;
});

describe('report KPIs on the hand-computed corpus', () => {
  it('counts the inputs: one junk line, two duplicates, two voided statements, one foreign statement', () => {
    expect(report.inputs).toEqual({ statementLines: 40, unreadableLines: 1, duplicates: 2, voided: 2, ignored: 1 });
    expect(report.period).toEqual({ since: '2026-10-01', until: '2026-11-28' });
  });

  it('learning over the period: five learners, Ana in both passed and failed, Eve not passed (voided after the fact)', () => {
    expect(refund.unitId).toBe('refund-approval');
    expect(refund.learning).toEqual({
      learners: 5,
      launched: 5,
      completed: 3,
      passed: 3,
      failed: 1,
      completionRate: 0.6,
      firstAttemptPassRate: 0.666667,
      meanScore: 0.8,
      attemptsPerLearner: 1.333333,
      medianSeconds: 900,
      dropOff: { screen: 2, learners: 1 },
    });
  });

  it('items over the period: first answers by timestamp, voided answers left out, scoring by the answer key', () => {
    const byId = Object.fromEntries(refund.items.map((i) => [i.questionId, i]));
    expect(byId['matrix-who-approves']).toEqual({
      questionId: 'matrix-who-approves',
      n: 4,
      difficulty: 0.75,
      discrimination: -0.57735,
      options: [
        { option: 'a', share: 0.25 },
        { option: 'b', share: 0.75 },
        { option: 'c', share: 0 },
      ],
    });
    expect(byId['evidence-email-photos']).toEqual({
      questionId: 'evidence-email-photos',
      n: 3,
      difficulty: 0.666667,
      discrimination: -0.5,
      options: [
        { option: 'true', share: 0.333333 },
        { option: 'false', share: 0.666667 },
      ],
    });
    expect(byId['recap-threshold']).toMatchObject({ n: 0, difficulty: null, discrimination: null });
  });

  it('execution over the period: four views after de-duplication, two devices, half the scans stale', () => {
    expect(refund.execution).toEqual({ jobAidViews: 4, jobAidDevices: 2, viewsPerCompleter: 1.333333, printedScans: 2, staleScanShare: 0.5, jobAidViewsByChannel: [{ channel: 'unknown', views: 4 }], metrics: [NO_OPS] });
  });

  it('the previous window: Dee passed but has not completed yet', () => {
    const previous = refund.windows.find((w) => w.label === 'previous')!;
    expect([previous.since, previous.until]).toEqual(['2026-11-01', '2026-11-14']);
    expect(previous.learning).toEqual({
      learners: 3,
      launched: 3,
      completed: 1,
      passed: 2,
      failed: 1,
      completionRate: 0.333333,
      firstAttemptPassRate: 0.5,
      meanScore: 0.8,
      attemptsPerLearner: 1.5,
      medianSeconds: 600,
      dropOff: { screen: 2, learners: 1 },
    });
    const byId = Object.fromEntries(previous.items.map((i) => [i.questionId, i]));
    expect(byId['matrix-who-approves']).toMatchObject({ n: 3, difficulty: 1, discrimination: null });
    expect(byId['evidence-email-photos']).toMatchObject({ n: 2, difficulty: 0.5, discrimination: null });
    expect(previous.execution).toEqual({ jobAidViews: 0, jobAidDevices: 0, viewsPerCompleter: 0, printedScans: 0, staleScanShare: null, jobAidViewsByChannel: [], metrics: [NO_OPS] });
  });

  it("the current window: Dee's late completion counts here, Eve launched but her pass was voided", () => {
    const current = refund.windows.find((w) => w.label === 'current')!;
    expect([current.since, current.until]).toEqual(['2026-11-15', '2026-11-28']);
    expect(current.learning).toEqual({
      learners: 3,
      launched: 2,
      completed: 2,
      passed: 1,
      failed: 0,
      completionRate: 1,
      firstAttemptPassRate: 1,
      meanScore: 0.8,
      attemptsPerLearner: 1,
      medianSeconds: 1050,
      dropOff: null,
    });
    const byId = Object.fromEntries(current.items.map((i) => [i.questionId, i]));
    expect(byId['matrix-who-approves']).toMatchObject({ n: 1, difficulty: 0, discrimination: null });
    expect(byId['evidence-email-photos']).toMatchObject({ n: 1, difficulty: 1, discrimination: null });
    expect(current.execution).toEqual({ jobAidViews: 4, jobAidDevices: 2, viewsPerCompleter: 2, printedScans: 2, staleScanShare: 0.5, jobAidViewsByChannel: [{ channel: 'unknown', views: 4 }], metrics: [NO_OPS] });
  });

  it('with five learners only INSUFFICIENT_DATA is raised, though an item discriminates negatively', () => {
    expect(refund.flags.map((f) => f.code)).toEqual(['INSUFFICIENT_DATA']);
    expect(refund.flags[0]).toMatchObject({ value: 5, threshold: 20, n: 5 });
  });

  it('an objective without statements reports zeros and no rates, in every window', () => {
    const discount = report.objectives.find((o) => o.objectiveId === 'OBJ-SAL-DISCOUNT-15')!;
    for (const block of [discount, ...discount.windows]) {
      expect(block.learning).toMatchObject({ learners: 0, completed: 0, completionRate: null, firstAttemptPassRate: null, meanScore: null, medianSeconds: null, dropOff: null });
      expect(block.execution).toMatchObject({ jobAidViews: 0, viewsPerCompleter: null });
    }
  });

  it('reads the same numbers from a folder of plain and gzipped NDJSON segments', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-'));
    const lines = corpusLines();
    // A rotated journal: the older half gzipped under a name without .gz, the rest plain.
    await writeFile(path.join(dir, 'journal-0001'), gzipSync(lines.slice(0, 20).join('\n') + '\n'));
    await writeFile(path.join(dir, 'journal-0002.ndjson'), lines.slice(20).join('\r\n'));
    await writeFile(path.join(dir, '.lock'), 'not a statement file');
    const fromFiles = await buildReport(course, { statements: await statementFiles([dir]), since: '2026-10-01', until: '2026-11-28', now: new Date('2026-11-29T00:00:00Z') });
    expect(fromFiles.report).toEqual(report);
  });
});

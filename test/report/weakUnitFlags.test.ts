/** Weak-unit flags: each one raised at its threshold and not below it, and INSUFFICIENT_DATA silencing the rest. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse, type Unit } from '../../src/course/index.js';
import { weakUnitFlags, type ObjectiveReport, type MetricKpis } from '../../src/report/index.js';

let unit: Unit;
beforeAll(async () => {
  unit = (await loadCourse(path.resolve('fixtures/sample-course'))).course!.units.find((u) => u.id === 'refund-approval')!;
});

const METRIC = 'Refunds over $500 approved without evidence';
const metric = (current: number | null, n = 10): MetricKpis => ({ name: METRIC, layer: 'execution', baseline: 14, current, change: null, n, ci95: null });

/** A healthy objective: 40 learners, nothing to flag. Tests change one thing at a time. */
function healthy(): ObjectiveReport {
  const learning = { learners: 40, launched: 40, completed: 36, passed: 34, failed: 6, completionRate: 0.9, firstAttemptPassRate: 0.6, meanScore: 0.8, attemptsPerLearner: 1.2, medianSeconds: 600, dropOff: null };
  const execution = { jobAidViews: 80, jobAidDevices: 30, viewsPerCompleter: 2.2, printedScans: 10, staleScanShare: 0.1, jobAidViewsByChannel: [], metrics: [metric(10)] };
  const items = [{ questionId: 'matrix-who-approves', n: 40, difficulty: 0.7, discrimination: 0.3, options: [] }];
  const window = (label: string, value: number) => ({ label, since: '2026-11-01', until: '2026-11-14', learning, items, execution: { ...execution, metrics: [metric(value)] }, business: { metrics: [] } });
  return {
    objectiveId: 'OBJ-SUP-REFUND-500',
    unitId: 'refund-approval',
    unitVersion: '1.2.0',
    title: 't',
    learning,
    items,
    execution,
    business: { metrics: [] },
    flags: [],
    windows: [window('previous', 12), window('current', 9)],
  };
}

const codes = (o: ObjectiveReport) => weakUnitFlags(o, unit).map((f) => f.flag.code);

describe('weak-unit flags', () => {
  it('raises nothing for a healthy objective', () => {
    expect(codes(healthy())).toEqual([]);
  });

  it('INSUFFICIENT_DATA below 20 learners replaces every other flag', () => {
    const o = healthy();
    o.learning = { ...o.learning, learners: 19, completionRate: 0.1 };
    o.items = [{ ...o.items[0]!, difficulty: 0.1, discrimination: -0.4 }];
    const [only, ...rest] = weakUnitFlags(o, unit);
    expect(rest).toEqual([]);
    expect(only!.flag).toMatchObject({ code: 'INSUFFICIENT_DATA', severity: 'info', value: 19, threshold: 20, n: 19 });
    expect(only!.diagnostic).toMatchObject({ code: 'INSUFFICIENT_DATA', file: unit.unitFile });
    o.learning.learners = 20;
    expect(codes(o)).toEqual(['ITEM_TOO_HARD', 'ITEM_NEGATIVE_DISCRIMINATION', 'LOW_COMPLETION']);
  });

  it('item flags point at the question in lesson.md, with value, threshold and n', () => {
    const o = healthy();
    o.items = [{ ...o.items[0]!, difficulty: 0.96 }];
    const [easy] = weakUnitFlags(o, unit);
    expect(easy!.flag).toMatchObject({ code: 'ITEM_TOO_EASY', questionId: 'matrix-who-approves', value: 0.96, threshold: 0.95, n: 40 });
    expect(easy!.diagnostic).toMatchObject({ file: unit.lesson!.file, line: unit.lesson!.questions[0]!.line });
    expect(easy!.flag.message).toBe('Question "matrix-who-approves": 96% of 40 learners answered it right the first time (threshold 95%).');
    o.items = [{ ...o.items[0]!, difficulty: 0.95 }];
    expect(codes(o)).toEqual([]);
    o.items = [{ ...o.items[0]!, n: 19, difficulty: 0.1 }];
    expect(codes(o)).toEqual([]);
  });

  it('flags low completion, an unused job aid and stale printed copies', () => {
    const o = healthy();
    o.learning = { ...o.learning, completionRate: 0.5, dropOff: { screen: 3, learners: 12 } };
    o.execution = { ...o.execution, viewsPerCompleter: 0.4, staleScanShare: 0.3 };
    const flags = weakUnitFlags(o, unit);
    expect(flags.map((f) => f.flag.code)).toEqual(['LOW_COMPLETION', 'JOB_AID_UNUSED', 'STALE_PRINTED_COPIES']);
    expect(flags[0]!.flag.message).toBe('50% of 40 learners who launched the lesson completed it (threshold 70%); most who stopped got no further than screen 3.');
  });

  it('a flat metric is METRIC_NOT_MOVING, or LEARNING_WITHOUT_TRANSFER when learners pass', () => {
    const o = healthy();
    // 12 → 11.5 is a move of 0.5 against a baseline of 14: 3.6%, under 5%.
    o.windows[1]!.execution.metrics = [metric(11.5)];
    expect(weakUnitFlags(o, unit).map((f) => f.flag)).toMatchObject([{ code: 'METRIC_NOT_MOVING', metric: METRIC, value: 0.035714, threshold: 0.05, n: 20 }]);
    o.learning = { ...o.learning, firstAttemptPassRate: 0.85 };
    expect(weakUnitFlags(o, unit).map((f) => f.flag)).toMatchObject([{ code: 'LEARNING_WITHOUT_TRANSFER', metric: METRIC, value: 0.85, threshold: 0.8 }]);
    // No ops data in a window: nothing can be said.
    o.windows[1]!.execution.metrics = [metric(null, 0)];
    expect(codes(o)).toEqual([]);
  });
});

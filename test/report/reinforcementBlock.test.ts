/**
 * The reinforcement block of `tandem report` on a hand-computed corpus: nudge answers (the
 * `answered` statements of the nudge answer page) of four learners through two channels, with a
 * duplicate, a voided answer, a nudge answered twice under two ids, and one outside the period,
 * against the same learners' first lesson answers. Period 2026-11-01..2026-11-28.
 *
 * First lesson answers to the questions the nudges asked (matrix-who-approves, evidence-email-photos):
 *   matrix: ana ✓ (her later ✗ is not first), ben ✗, cy ✓, dee ✓; evidence: ana ✓, ben ✓ → 5 of 6 = 0.833333.
 * Nudges counted: ana.1 ✓ slack (her second statement for the same nudge, ✗, comes later: the first
 *   answer counts), ana.2 ✓ email, ben.1 ✗ slack (sent twice: one id), cy.1 ✗ email, dee.1 ✓ slack;
 *   eve.1 is voided; fay.1 is after the period.
 *   → answered 5, learners 4, correct 3, delayed 3/5 = 0.6; slack 3 (2 ✓, 0.666667), email 2 (1 ✓, 0.5);
 *   drop 0.833333 − 0.6 = 0.233333 > 0.2.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse, type Course } from '../../src/course/index.js';
import { buildReport, type Report } from '../../src/report/index.js';
import { runTandem } from '../support/cli.js';
import { ACTORS, answer, nextId, voiding } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
const BASE = 'https://learn.acme.example/xapi';
const UNIT = `${BASE}/units/refund-approval`;
const REFUND = 'OBJ-SUP-REFUND-500';
const NOW = new Date('2026-11-29T00:00:00Z');

type Actor = (typeof ACTORS)[keyof typeof ACTORS];

/** A nudge answer as src/serve/plugins/nudgeAnswerPlugin.ts records it. */
function nudge(actor: Actor, question: string, timestamp: string, success: boolean, nudgeId: string, channel: string, id = nextId()) {
  const [series, sequence] = [nudgeId.slice(0, nudgeId.lastIndexOf('.')), Number(nudgeId.slice(nudgeId.lastIndexOf('.') + 1))];
  return {
    id,
    timestamp,
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: `${UNIT}/reinforcement/questions/${question}` },
    result: { success, response: success ? 'b' : 'a' },
    context: {
      contextActivities: {
        parent: [{ objectType: 'Activity', id: `${BASE}/objectives/${REFUND}` }],
        grouping: [{ objectType: 'Activity', id: `${UNIT}/reinforcement` }, { objectType: 'Activity', id: UNIT }],
      },
      extensions: { [`${BASE}/extensions/nudge-series`]: series, [`${BASE}/extensions/nudge-sequence`]: sequence, [`${BASE}/extensions/channel`]: channel },
    },
  };
}

function corpus(): string[] {
  const benNudge = nudge(ACTORS.ben, 'matrix-who-approves', '2026-11-10T15:00:00.000Z', false, 'S-ben.1', 'slack');
  const eveNudge = nudge(ACTORS.eve, 'evidence-email-photos', '2026-11-12T15:00:00.000Z', true, 'S-eve.1', 'slack');
  const statements = [
    answer(ACTORS.ana, 'matrix-who-approves', '2026-11-02T10:00:00.000Z', 'b', true),
    answer(ACTORS.ana, 'evidence-email-photos', '2026-11-02T10:01:00.000Z', 'false', true),
    answer(ACTORS.ana, 'matrix-who-approves', '2026-11-03T10:00:00.000Z', 'a', false),
    answer(ACTORS.ben, 'matrix-who-approves', '2026-11-02T11:00:00.000Z', 'a', false),
    answer(ACTORS.ben, 'evidence-email-photos', '2026-11-02T11:01:00.000Z', 'false', true),
    answer(ACTORS.cy, 'matrix-who-approves', '2026-11-02T12:00:00.000Z', 'b', true),
    answer(ACTORS.dee, 'matrix-who-approves', '2026-11-02T13:00:00.000Z', 'b', true),
    nudge(ACTORS.ana, 'matrix-who-approves', '2026-11-09T15:00:00.000Z', true, 'S-ana.1', 'slack'),
    nudge(ACTORS.ana, 'matrix-who-approves', '2026-11-09T15:05:00.000Z', false, 'S-ana.1', 'slack'),
    nudge(ACTORS.ana, 'evidence-email-photos', '2026-11-21T15:00:00.000Z', true, 'S-ana.2', 'email'),
    benNudge,
    benNudge,
    nudge(ACTORS.cy, 'matrix-who-approves', '2026-11-10T16:00:00.000Z', false, 'S-cy.1', 'email'),
    nudge(ACTORS.dee, 'matrix-who-approves', '2026-11-10T17:00:00.000Z', true, 'S-dee.1', 'slack'),
    eveNudge,
    voiding(eveNudge.id, '2026-11-13T00:00:00.000Z'),
    nudge(ACTORS.fay, 'matrix-who-approves', '2026-12-01T09:00:00.000Z', true, 'S-fay.1', 'teams'),
  ];
  return statements.map((s) => JSON.stringify(s));
}

function memoryStream(lines: string[]) {
  return async function* () {
    let line = 0;
    for (const text of lines) yield { file: 'memory.ndjson', line: ++line, text };
  };
}

let course: Course;
let dir: string;

beforeAll(async () => {
  course = (await loadCourse(SAMPLE)).course!;
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-reinforcement-'));
});

async function report(minLearners: number, schedules?: string[]): Promise<Awaited<ReturnType<typeof buildReport>>> {
  return buildReport(course, { statements: memoryStream(corpus()), since: '2026-11-01', until: '2026-11-28', now: NOW, thresholds: { minLearners }, ...(schedules ? { schedules } : {}) });
}

const refundOf = (r: Report) => r.objectives.find((o) => o.objectiveId === REFUND)!;

describe('tandem report: the reinforcement block', () => {
  it('counts nudge answers once per nudge (duplicates by id, voided left out) against first lesson answers, per channel', async () => {
    const { report: r } = await report(4);
    expect(r.inputs).toMatchObject({ statementLines: 17, duplicates: 1, voided: 1, ignored: 0 });
    const refund = refundOf(r);
    expect(refund.reinforcement).toEqual({
      nudgesSent: null,
      answered: 5,
      learners: 4,
      correct: 3,
      delayedCorrectness: 0.6,
      firstAttemptCorrectness: 0.833333,
      firstAttemptAnswers: 6,
      questions: ['evidence-email-photos', 'matrix-who-approves'],
      drop: 0.233333,
      byChannel: [
        { channel: 'email', answered: 2, correct: 1, delayedCorrectness: 0.5 },
        { channel: 'slack', answered: 3, correct: 2, delayedCorrectness: 0.666667 },
      ],
    });
    // Nudge answers are not lesson answers: the items and the learners of the lesson are unchanged.
    expect(refund.learning.learners).toBe(4);
    expect(refund.items.find((i) => i.questionId === 'matrix-who-approves')).toMatchObject({ n: 4, difficulty: 0.75 });
  });

  it('flags REINFORCEMENT_RECALL_DROP with value, threshold and n when delayed correctness is 20 points below the first attempt', async () => {
    const { report: r, diagnostics } = await report(4);
    expect(refundOf(r).flags).toContainEqual(expect.objectContaining({ code: 'REINFORCEMENT_RECALL_DROP', severity: 'warning', metric: 'delayedCorrectness', value: 0.233333, threshold: 0.2, n: 5 }));
    const d = diagnostics.find((x) => x.code === 'REINFORCEMENT_RECALL_DROP')!;
    expect(d.message).toContain('60% of the time against 83.3% first time in the lesson');
    expect(d.file).toBe(course.units.find((u) => u.id === 'refund-approval')!.unitFile);
  });

  it('raises no recall drop under INSUFFICIENT_DATA, nor with fewer nudge answers than --min-learners would need', async () => {
    const { report: few, diagnostics } = await report(5);
    // The same 23-point drop is reported, but with 4 learners (threshold 5) not flagged.
    expect(refundOf(few).reinforcement!.drop).toBe(0.233333);
    expect(refundOf(few).flags.map((f) => f.code)).toEqual(['INSUFFICIENT_DATA']);
    expect(diagnostics.map((d) => d.code)).not.toContain('REINFORCEMENT_RECALL_DROP');
    const { report: r } = await report(4);
    expect(r.objectives.filter((o) => o.objectiveId !== REFUND).flatMap((o) => o.flags.map((f) => f.code))).not.toContain('REINFORCEMENT_RECALL_DROP');
  });

  it('counts as sent the scheduled nudges due in the period and before the report, each nudgeId once', async () => {
    const schedule = path.join(dir, 'schedule.json');
    const due = (nudgeId: string, objectiveId: string, at: string) => ({ learner: 'mailto:ana@acme.example', unitId: 'refund-approval', objectiveId, sequence: 1, due: at, nudgeId });
    await writeFile(
      schedule,
      JSON.stringify([
        due('a.1', REFUND, '2026-10-31T09:00:00-05:00'), // 14:00Z, before --since
        due('b.1', REFUND, '2026-11-05T09:00:00-06:00'),
        due('b.1', REFUND, '2026-11-05T09:00:00-06:00'), // the same nudge listed twice
        due('c.1', REFUND, '2026-11-28T17:00:00-06:00'), // 23:00Z on the 28th: in
        due('d.1', REFUND, '2026-11-28T19:00:00-06:00'), // 01:00Z on the 29th: after --until
        due('e.1', 'OBJ-OPS-LOTO-JAM', '2026-11-20T09:00:00-06:00'),
        { learner: 'mailto:x@acme.example', objectiveId: REFUND },
      ]),
    );
    const { report: r, diagnostics } = await report(4, [schedule]);
    expect(refundOf(r).reinforcement!.nudgesSent).toBe(2);
    const of = (id: string) => r.objectives.find((o) => o.objectiveId === id)!;
    expect(of('OBJ-OPS-LOTO-JAM').reinforcement).toMatchObject({ nudgesSent: 1, answered: 0, delayedCorrectness: null, firstAttemptCorrectness: null, drop: null, byChannel: [] });
    expect(of('OBJ-CMP-PII-TICKETS').reinforcement!.nudgesSent).toBe(0);
    // A unit without reinforcement has no block at all.
    expect(of('OBJ-SAL-DISCOUNT-15').reinforcement).toBeUndefined();
    expect(diagnostics.filter((d) => d.code === 'REPORT_SCHEDULE_UNREADABLE').map((d) => d.message)).toEqual(['Nudges left out of "nudges sent": 1 nudge of schedule.json without objectiveId or a valid due time.']);
  });

  it('writes the block into report.json (valid against its schema), kpi.csv and report.html through the CLI', async () => {
    const statements = path.join(dir, 'statements.ndjson');
    await writeFile(statements, corpus().join('\n') + '\n');
    const schedule = path.join(dir, 'cli-schedule.json');
    await writeFile(schedule, JSON.stringify([{ learner: 'mailto:ana@acme.example', unitId: 'refund-approval', objectiveId: REFUND, sequence: 1, due: '2026-11-05T09:00:00-06:00', nudgeId: 'b.1' }]));
    const out = path.join(dir, 'out');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, '--schedule', schedule, '--since', '2026-11-01', '--until', '2026-11-28', '--min-learners', '4', '--out', out, '--fail-on', 'never']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(await readFile('schemas/report.schema.json', 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.objectives.find((o: { objectiveId: string }) => o.objectiveId === REFUND).reinforcement).toMatchObject({ nudgesSent: 1, answered: 5, delayedCorrectness: 0.6 });

    const kpi = parse(await readFile(path.join(out, 'kpi.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const row = (name: string) => kpi.find((k) => k.objective_id === REFUND && k.window === 'period' && k.layer === 'reinforcement' && k.kpi === name);
    expect(row('nudges_sent')).toMatchObject({ value: '1', n: '' });
    expect(row('delayed_correctness')).toMatchObject({ value: '0.6', n: '5' });
    expect(row('first_attempt_correctness')).toMatchObject({ value: '0.833333', n: '6' });
    expect(row('delayed_correctness_slack')).toMatchObject({ value: '0.666667', n: '3' });
    expect(kpi.some((k) => k.window !== 'period' && k.layer === 'reinforcement')).toBe(false);

    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<caption>Nudges over the period</caption>');
    expect(html).toContain('<th scope="row">delayed correctness</th><td>60%</td><td>5</td>');
    expect(html).toContain('<th scope="row">first-attempt correctness, same questions</th><td>83.3%</td><td>6</td>');
    expect(html).toContain('<th scope="row">slack</th><td>3</td><td>2</td><td>66.7%</td>');
  });

  it('stops with REPORT_SCHEDULE_NOT_FOUND (exit 2) when a --schedule file does not exist', async () => {
    const statements = path.join(dir, 'statements.ndjson');
    await writeFile(statements, corpus().join('\n') + '\n');
    const run = await runTandem(['report', SAMPLE, '--statements', statements, '--schedule', path.join(dir, 'missing.json'), '--until', '2026-11-28', '--out', path.join(dir, 'out-missing'), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('REPORT_SCHEDULE_NOT_FOUND');
  });
});

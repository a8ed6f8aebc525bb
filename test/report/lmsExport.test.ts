/** Moodle's SCORM basic and interactions reports (CSV) as a statement source, through the CLI. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { moodleDate } from '../../src/report/lms/moodleScormReport.js';
import { runTandem } from '../support/cli.js';

const SAMPLE = path.resolve('fixtures/sample-course');
let dir: string;
let basic: string;
let interactions: string;

const BASIC = [
  'Name,Email address,Attempt,Started on,Last accessed on,Score,Approving refunds over $500',
  'Ana Ruiz,ana@acme.example,1,"3 November 2026, 10:00 AM","3 November 2026, 10:10 AM",60,Failed',
  'Ana Ruiz,ana@acme.example,2,"3 November 2026, 10:20 AM","3 November 2026, 10:30 AM",90,Passed',
  'Ben Ode,BEN@acme.example,1,"20 November 2026, 08:30 AM","20 November 2026, 09:00 AM",80,Passed',
  'Cy Lee,cy@acme.example,1,"10 November 2026, 09:00 AM","10 November 2026, 09:02 AM",,Incomplete',
  'Dee Park,dee@acme.example,1,yesterday,today,100,Passed',
];
const INTERACTIONS = [
  'Name,Email address,Attempt,Started on,Last accessed on,Score,Question 1,Response 1,Right answer 1,Result 1,Question 2,Response 2,Right answer 2,Result 2',
  'Ana Ruiz,ana@acme.example,1,"3 November 2026, 10:00 AM","3 November 2026, 10:10 AM",60,matrix-who-approves,b,b,correct,evidence-email-photos,true,false,wrong',
  'Ana Ruiz,ana@acme.example,2,"3 November 2026, 10:20 AM","3 November 2026, 10:30 AM",90,matrix-who-approves,b,b,correct,evidence-email-photos,false,false,correct',
  'Ben Ode,ben@acme.example,1,"20 November 2026, 08:30 AM","20 November 2026, 09:00 AM",80,matrix-who-approves,a,b,wrong,evidence-email-photos,false,false,correct',
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-lms-'));
  basic = path.join(dir, 'basic.csv');
  interactions = path.join(dir, 'interactions.csv');
  await writeFile(basic, BASIC.join('\n') + '\n');
  await writeFile(interactions, INTERACTIONS.join('\r\n') + '\r\n');
});

describe('tandem report --lms (Moodle SCORM reports)', () => {
  it('reads attempts from the basic report and answers from the interactions report, counting shared attempts once', async () => {
    const out = path.join(dir, 'out');
    const run = await runTandem(['report', SAMPLE, '--lms', `refund-approval=${basic}`, '--lms', `refund-approval=${interactions}`, '--since', '2026-10-01', '--until', '2026-11-28', '--out', out, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const refund = json.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'OBJ-SUP-REFUND-500');
    // Ana failed then passed, Ben passed, Cy is incomplete; Dee's row has no readable date.
    expect(refund.learning).toMatchObject({ learners: 3, launched: 3, completed: 2, passed: 2, failed: 1, completionRate: 0.666667, firstAttemptPassRate: 0.5, meanScore: 0.7, attemptsPerLearner: 1.5 });
    const items = Object.fromEntries(refund.items.map((i: { questionId: string }) => [i.questionId, i]));
    expect(items['matrix-who-approves']).toMatchObject({ n: 2, difficulty: 0.5 });
    // Ana's first answer (attempt 1) was wrong, her second right: difficulty uses the first.
    expect(items['evidence-email-photos']).toMatchObject({ n: 2, difficulty: 0.5 });
    // The three attempts in both exports start with the same initialized statement.
    expect(json.inputs.duplicates).toBe(3);
    const printed = JSON.parse(run.stdout).diagnostics as { code: string; file: string; line: number }[];
    expect(printed.filter((d) => d.code.startsWith('LMS_'))).toMatchObject([{ code: 'LMS_ROW_UNUSABLE', line: 6 }]);
  });

  it('refuses an export it does not recognise, and an unknown unit', async () => {
    const other = path.join(dir, 'other.csv');
    await writeFile(other, 'user,course,grade\nana,refunds,90\n');
    const out = path.join(dir, 'other-out');
    const run = await runTandem(['report', SAMPLE, '--lms', `refund-approval=${other}`, '--until', '2026-11-28', '--out', out, '--format', 'json']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout).diagnostics as { code: string }[]).filter((d) => d.code.startsWith('LMS_'))).toMatchObject([{ code: 'LMS_EXPORT_UNRECOGNISED', line: 1 }]);
    const unknown = await runTandem(['report', SAMPLE, '--lms', `no-such-unit=${basic}`, '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain('LMS_UNIT_UNKNOWN');
    expect((await runTandem(['report', SAMPLE, '--lms', basic, '--out', out])).code).toBe(2);
  });

  it("reads Moodle's date format and ISO dates as UTC", () => {
    expect(moodleDate('3 November 2026, 10:05 PM')).toBe(Date.UTC(2026, 10, 3, 22, 5));
    expect(moodleDate('Tuesday, 3 November 2026, 12:05 AM')).toBe(Date.UTC(2026, 10, 3, 0, 5));
    expect(moodleDate('2026-11-03T10:05:00Z')).toBe(Date.UTC(2026, 10, 3, 10, 5));
    expect(moodleDate('yesterday')).toBeUndefined();
  });
});

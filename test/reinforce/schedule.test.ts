/**
 * `tandem reinforce`: completions in, nudges out. Each case is a learner a user would recognise
 * (another time zone, a DST change, a weekend, a second attempt, correct answers), checked on the
 * schedule.json contract: learner, unitId, objectiveId, sequence and due with the local offset.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { runReinforce } from '../../src/reinforce/index.js';
import { runTandem } from '../support/cli.js';
import { completion, ndjson, nudgeAnswer } from '../support/reinforceStatements.js';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir, courseCopy } = useTempDirs('tandem-reinforce-');
const ROSTER_HEADER = 'learner,email,team,timezone\n';

interface Run {
  nudges: Record<string, any>[];
  out: string;
  diagnostics: string[];
}

async function schedule(statements: unknown[], roster?: string, course = 'fixtures/sample-course'): Promise<Run> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'statements.ndjson'), ndjson(statements));
  if (roster !== undefined) writeFileSync(path.join(dir, 'roster.csv'), roster);
  const out = path.join(dir, 'out');
  const result = await runReinforce({ courseDir: course, statements: [path.join(dir, 'statements.ndjson')], ...(roster !== undefined ? { roster: path.join(dir, 'roster.csv') } : {}), out });
  const nudges = result.files.length ? JSON.parse(readFileSync(path.join(out, 'schedule.json'), 'utf8')) : [];
  return { nudges, out, diagnostics: result.diagnostics.map((d) => `${d.severity} ${d.code}${d.line ? ` line ${d.line}` : ''}`) };
}
const dues = (run: Run, learner?: string) => run.nudges.filter((n) => !learner || n.learner === learner).map((n) => `${n.sequence} ${n.due}`);

describe('tandem reinforce', () => {
  it('schedules the first nudge after_days after completion at 09:00 local, then at expanding gaps, skipping weekends', async () => {
    // Lockout (after_days 3), completed Monday 2 Nov 2026 09:00 in Chicago; the sample course skips weekends.
    const run = await schedule([completion('ana@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z')], `${ROSTER_HEADER}mailto:ana@example.com,ana@example.com,line-3,America/Chicago\n`);
    expect(run.diagnostics).toEqual([]);
    expect(run.nudges[0]).toMatchObject({ learner: 'mailto:ana@example.com', unitId: 'lockout-tagout', objectiveId: 'OBJ-OPS-LOTO-JAM', sequence: 1, due: '2026-11-05T09:00:00-06:00', questionId: 'estop-enough', email: 'ana@example.com', team: 'line-3' });
    // Days 3, 8, 19, 47: Thu 5 Nov, Tue 10 Nov, Sat 21 Nov → Mon 23 Nov, Sat 19 Dec → Mon 21 Dec.
    expect(dues(run)).toEqual(['1 2026-11-05T09:00:00-06:00', '2 2026-11-10T09:00:00-06:00', '3 2026-11-23T09:00:00-06:00', '4 2026-12-21T09:00:00-06:00']);
  });

  it('keeps Saturday nudges when skip_weekends is off', async () => {
    const course = courseCopy();
    const config = path.join(course, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('skip_weekends: true', 'skip_weekends: false'));
    const run = await schedule([completion('ana@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z')], undefined, course);
    expect(dues(run)).toEqual(['1 2026-11-05T09:00:00-06:00', '2 2026-11-10T09:00:00-06:00', '3 2026-11-21T09:00:00-06:00', '4 2026-12-19T09:00:00-06:00']);
  });

  it('puts each learner\'s nudge at 09:00 in their own time zone, from their own local completion day; the course default for the rest', async () => {
    const at = '2026-11-02T20:00:00Z'; // Berlin: Mon 21:00; Tokyo: Tue 05:00; Chicago (default): Mon 14:00
    const run = await schedule(
      [completion('bea@example.com', 'lockout-tagout', at), completion('kenji@example.com', 'lockout-tagout', at), completion('cal@example.com', 'lockout-tagout', at)],
      `${ROSTER_HEADER}mailto:bea@example.com,,,Europe/Berlin\nmailto:kenji@example.com,,,Asia/Tokyo\n`,
    );
    expect(dues(run, 'mailto:bea@example.com')[0]).toBe('1 2026-11-05T09:00:00+01:00');
    expect(dues(run, 'mailto:kenji@example.com')[0]).toBe('1 2026-11-06T09:00:00+09:00');
    expect(dues(run, 'mailto:cal@example.com')[0]).toBe('1 2026-11-05T09:00:00-06:00');
    expect(run.nudges.find((n) => n.learner === 'mailto:kenji@example.com')!.timeZone).toBe('Asia/Tokyo');
    // Sorted by due (the instant), then learner: Tokyo's 09:00 comes first.
    expect(run.nudges.slice(0, 3).map((n) => n.learner)).toEqual(['mailto:bea@example.com', 'mailto:cal@example.com', 'mailto:kenji@example.com'].sort((a, b) => Date.parse(run.nudges.find((n) => n.learner === a)!.due) - Date.parse(run.nudges.find((n) => n.learner === b)!.due) || a.localeCompare(b)));
  });

  it('stays at 09:00 local across the end of daylight saving time (offset -05:00, then -06:00)', async () => {
    // Chicago leaves CDT on Sunday 1 Nov 2026. Completed Tue 27 Oct: nudges Fri 30 Oct (CDT), Wed 4 Nov (CST).
    const run = await schedule([completion('dee@example.com', 'lockout-tagout', '2026-10-27T14:00:00Z')]);
    expect(dues(run).slice(0, 2)).toEqual(['1 2026-10-30T09:00:00-05:00', '2 2026-11-04T09:00:00-06:00']);
    expect(run.nudges.slice(0, 2).map((n) => new Date(n.due).toISOString())).toEqual(['2026-10-30T14:00:00.000Z', '2026-11-04T15:00:00.000Z']);
  });

  it('a nudge hour that does not exist on the day clocks spring forward moves to the next hour', async () => {
    const course = courseCopy();
    const config = path.join(course, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('hour: 9', 'hour: 2').replace('skip_weekends: true', 'skip_weekends: false'));
    // Chicago skips 02:00–03:00 on Sunday 14 March 2027; completed Thursday 11 March, first nudge that Sunday.
    const run = await schedule([completion('hal@example.com', 'lockout-tagout', '2027-03-11T15:00:00Z')], undefined, course);
    expect(dues(run).slice(0, 2)).toEqual(['1 2027-03-14T03:00:00-05:00', '2 2027-03-19T02:00:00-05:00']);
  });

  it('a completed and a passed of one attempt start one series; a second attempt starts a new one and ends the first', async () => {
    const r1 = '6f1d6c2e-3b7a-4c1e-9a55-0b1f2c3d4e5f';
    const r2 = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const run = await schedule([
      completion('eva@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z', { registration: r1 }),
      completion('eva@example.com', 'lockout-tagout', '2026-11-02T15:00:05Z', { registration: r1, verb: 'passed' }),
      // No registration (an older Tin Can package): completed and passed seconds apart are one attempt too.
      completion('fay@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z'),
      completion('fay@example.com', 'lockout-tagout', '2026-11-02T15:00:03Z', { verb: 'passed' }),
      // Eva takes the lesson again on Thu 12 Nov.
      completion('eva@example.com', 'lockout-tagout', '2026-11-12T15:00:00Z', { registration: r2, verb: 'passed' }),
    ]);
    expect(dues(run, 'mailto:fay@example.com')).toEqual(['1 2026-11-05T09:00:00-06:00', '2 2026-11-10T09:00:00-06:00', '3 2026-11-23T09:00:00-06:00', '4 2026-12-21T09:00:00-06:00']);
    const eva = run.nudges.filter((n) => n.learner === 'mailto:eva@example.com');
    // First series: the nudges before the second attempt; second series: from Sun 15 Nov → Mon 16 Nov.
    expect(eva.map((n) => `${n.sequence} ${n.due}`)).toEqual([
      '1 2026-11-05T09:00:00-06:00',
      '2 2026-11-10T09:00:00-06:00',
      '1 2026-11-16T09:00:00-06:00',
      '2 2026-11-20T09:00:00-06:00',
      '3 2026-12-01T09:00:00-06:00',
      '4 2026-12-29T09:00:00-06:00',
    ]);
    expect(new Set(eva.map((n) => n.seriesId)).size).toBe(2);
    expect(new Set(eva.map((n) => n.nudgeId)).size).toBe(6);
  });

  it('one correct answer at the first nudge keeps the series going; a second correct answer ends it', async () => {
    const done = completion('gus@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z');
    const first = await schedule([done]);
    const series = first.nudges[0]!.seriesId;
    const afterOne = await schedule([done, nudgeAnswer('gus@example.com', 'lockout-tagout', series, 1, true, '2026-11-05T15:05:00Z')]);
    expect(afterOne.nudges.map((n) => n.sequence)).toEqual([1, 2, 3, 4]);
    const afterTwo = await schedule([
      done,
      nudgeAnswer('gus@example.com', 'lockout-tagout', series, 1, true, '2026-11-05T15:05:00Z'),
      nudgeAnswer('gus@example.com', 'lockout-tagout', series, 2, true, '2026-11-10T15:05:00Z'),
    ]);
    expect(afterTwo.nudges.map((n) => n.sequence)).toEqual([1, 2]);
    // A wrong answer does not count.
    const wrong = await schedule([done, nudgeAnswer('gus@example.com', 'lockout-tagout', series, 1, true, '2026-11-05T15:05:00Z'), nudgeAnswer('gus@example.com', 'lockout-tagout', series, 2, false, '2026-11-10T15:05:00Z')]);
    expect(wrong.nudges.map((n) => n.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('is deterministic: the same statements in another order give byte-identical files', async () => {
    const statements = [
      completion('ana@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z', { id: '00000000-0000-4000-8000-000000000001' }),
      completion('bea@example.com', 'refund-approval', '2026-11-03T10:00:00Z', { id: '00000000-0000-4000-8000-000000000002' }),
      completion('ana@example.com', 'customer-data-handling', '2026-11-04T10:00:00Z', { id: '00000000-0000-4000-8000-000000000003' }),
      // discount-approval has no reinforcement: no nudges.
      { ...completion('ana@example.com', 'refund-approval', '2026-11-04T10:00:00Z', { id: '00000000-0000-4000-8000-000000000004' }), context: { contextActivities: { parent: [{ id: 'https://learn.acme.example/xapi/objectives/OBJ-SAL-DISCOUNT-15' }] } } },
    ];
    const roster = `${ROSTER_HEADER}mailto:bea@example.com,bea@example.com,support,Europe/Berlin\n`;
    const a = await schedule(statements, roster);
    const b = await schedule([...statements].reverse(), roster);
    const files = (out: string) => ['schedule.json', 'schedule.csv', ...readdirSync(path.join(out, 'calendars')).map((f) => `calendars/${f}`)].map((f) => [f, readFileSync(path.join(out, f), 'utf8')]);
    expect(files(a.out)).toEqual(files(b.out));
    expect(new Set(a.nudges.map((n) => n.unitId))).toEqual(new Set(['lockout-tagout', 'refund-approval', 'customer-data-handling']));
    const order = a.nudges.map((n) => [Date.parse(n.due), n.learner, n.unitId]);
    expect(order).toEqual([...order].sort((x, y) => (x[0] as number) - (y[0] as number) || String(x[1]).localeCompare(String(y[1])) || String(x[2]).localeCompare(String(y[2]))));
    const csv = readFileSync(path.join(a.out, 'schedule.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('learner,email,team,time_zone,unit_id,objective_id,sequence,due,question_id,series_id,nudge_id');
    expect(csv).toHaveLength(a.nudges.length + 2);
  });

  it('writes one calendar per learner whose events are at the nudge time itself', async () => {
    const run = await schedule([completion('ana@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z'), completion('bea@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z')]);
    const calendars = readdirSync(path.join(run.out, 'calendars')).sort();
    expect(calendars).toHaveLength(2);
    expect(calendars[0]).toMatch(/^mailto_ana@example\.com-[0-9a-f]{8}\.ics$/);
    const ics = readFileSync(path.join(run.out, 'calendars', calendars[0]!), 'utf8');
    // Read back with a real iCalendar parser (ical.js), as a calendar app would.
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const ana = run.nudges.filter((n) => n.learner === 'mailto:ana@example.com');
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(ana.map((n) => new Date(n.due).toISOString()));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-11-05T15:00:00.000Z', '2026-11-10T15:00:00.000Z', '2026-11-23T15:00:00.000Z', '2026-12-21T15:00:00.000Z']);
    expect(events[0]!.summary).toBe('Quick check: Lock out and tag out before clearing a jam');
    expect(events[0]!.description).toContain('Pressing the emergency stop');
    expect(events.map((e) => e.uid)).toEqual(ana.map((n) => `${n.nudgeId}@tandem`));
    expect(ics).not.toMatch(/BEGIN:VALARM/);
  });

  it('reports roster problems with their line and keeps going; an unknown course time zone stops', async () => {
    const run = await schedule([completion('ana@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z')], `${ROSTER_HEADER}mailto:ana@example.com,,,Central Time\nmailto:ana@example.com,,,UTC\n`);
    expect(run.diagnostics).toEqual(['warning ROSTER_TIME_ZONE_UNKNOWN line 2', 'error ROSTER_INVALID line 3']);
    expect(run.nudges[0]!.due).toBe('2026-11-05T09:00:00-06:00');
    const bad = await schedule([], 'name,mail\nana,ana@example.com\n');
    expect(bad.diagnostics).toEqual(['error ROSTER_INVALID line 1']);
    const course = courseCopy();
    const config = path.join(course, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('America/Chicago', 'America/Springfield'));
    expect((await schedule([], undefined, course)).diagnostics).toEqual(['error REINFORCE_TIME_ZONE_UNKNOWN line 1']);
  });

  it('the CLI writes <out>/schedule.json as the contract says, and needs --statements and --out', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.ndjson'), ndjson([completion('ana@example.com', 'refund-approval', '2026-11-02T15:00:00Z')]));
    const result = await runTandem(['reinforce', 'fixtures/sample-course', '--statements', path.join(dir, 'a.ndjson'), '--out', path.join(dir, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Scheduled 4 nudge(s) for 1 learner(s) from 1 completion statement(s)');
    const nudges = JSON.parse(readFileSync(path.join(dir, 'out', 'schedule.json'), 'utf8'));
    expect(Object.keys(nudges[0]).slice(0, 5)).toEqual(['learner', 'unitId', 'objectiveId', 'sequence', 'due']);
    expect(nudges[0].due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect((await runTandem(['reinforce', 'fixtures/sample-course', '--out', dir])).code).toBe(2);
    expect((await runTandem(['reinforce', 'fixtures/sample-course', '--statements', path.join(dir, 'missing.ndjson'), '--out', dir])).stdout).toContain('REPORT_STATEMENTS_NOT_FOUND');
  });
});

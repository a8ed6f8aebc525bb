/**
 * Learner calendars are written event by event with each distinct line folded once, and must stay
 * the bytes ical-generator's `calendar.toString()` writes for the same events (the reference below
 * is how Tandem wrote them before): across time zones, daylight-saving changes, lines folded at
 * multi-byte characters and iCalendar escaping. ical.js (Mozilla's parser) reads every file back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ical from 'ical-generator';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarFileName, learnerCalendar, scheduleCsv, scheduleNudges, type Nudge } from '../../src/reinforce/index.js';
import type { NudgeText } from '../../src/reinforce/writeSchedule.js';
import { nudgeEvent, writeSchedule } from '../../src/reinforce/writeSchedule.js';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-calendar-');

/** ical-generator building the whole calendar of the same events and folding it in one go. */
function referenceCalendar(nudges: readonly Nudge[], text: (n: Nudge) => NudgeText): string {
  const calendar = ical({ prodId: { company: 'Tandem', product: 'reinforce', language: 'EN' }, name: 'Tandem nudges' });
  for (const n of nudges) calendar.createEvent(nudgeEvent(n, text(n)));
  return calendar.toString();
}

const ZONES = ['America/Chicago', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham', 'America/St_Johns', 'UTC'];
/** Completions on both sides of DST changes: Chicago and Berlin in March/October–November, Sydney in April/October. */
const COMPLETED = ['2026-10-22T14:00:00Z', '2026-10-28T23:30:00Z', '2027-03-10T15:00:00Z', '2027-03-26T08:00:00Z', '2026-04-01T22:00:00Z', '2026-09-30T13:00:00Z'];
const units = [
  { unitId: 'lockout-tagout', objectiveId: 'OBJ-OPS-LOTO-JAM', afterDays: 3, questionIds: ['estop-enough', 'who-locks'] },
  { unitId: 'refund-approval', objectiveId: 'OBJ-SUP-REFUND-500', afterDays: 5, questionIds: ['evidence-first'] },
];
const texts: Record<string, NudgeText> = {
  'estop-enough': { title: 'Quick check: Clearing a jam on the Line 3 case packer', prompt: 'An **E-stop** is pressed; is that enough to reach in? Yes, no; or "it depends"\\backslash', jobAidUrl: 'https://aids.acme.example/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=1.0.0' },
  // Multi-byte characters where lines fold: accents, CJK, an emoji (a surrogate pair) around octet 75.
  'who-locks': { title: 'Quick check: Verriegelung — Schlüssel, Schloß und Anhänger für jede Energiequelle', prompt: `${'é'.repeat(37)}😀${'漢字'.repeat(30)}\nZweite Zeile;\r\nDritte, mit Komma` },
  'evidence-first': { title: 'Quick check: Refunds over 500', prompt: 'x'.repeat(74) },
};
const text = (n: Nudge) => texts[n.questionId]!;

function nudgesFor(skipWeekends: boolean): Nudge[] {
  const completions = ZONES.flatMap((zone, z) => COMPLETED.flatMap((at, c) => units.map((u) => ({ learner: `mailto:learner${z}@example.com`, unitId: u.unitId, registration: `r-${z}-${c}-${u.unitId}`, at: Date.parse(at) + c * 3_600_000 * 24 * 30 }))));
  const roster = new Map(ZONES.map((zone, z) => [`mailto:learner${z}@example.com`, { timeZone: zone }]));
  return scheduleNudges(units, completions, [], roster, { timeZone: 'America/Chicago', hour: 9, skipWeekends });
}

afterEach(() => vi.unstubAllGlobals());

describe('learner calendars', () => {
  it('are byte for byte what ical-generator writes for the whole calendar, across zones, DST changes, folding and escaping', () => {
    for (const skipWeekends of [true, false]) {
      const nudges = nudgesFor(skipWeekends);
      expect(nudges.length).toBeGreaterThan(150);
      const zonesWithDstShift = new Set(nudges.filter((n) => n.due.slice(-6) !== nudges.find((m) => m.timeZone === n.timeZone)!.due.slice(-6)).map((n) => n.timeZone));
      expect([...zonesWithDstShift].sort()).toEqual(['America/Chicago', 'America/St_Johns', 'Australia/Sydney', 'Europe/Berlin', 'Pacific/Chatham']);
      for (const zone of ZONES) {
        const mine = nudges.filter((n) => n.timeZone === zone);
        const calendar = learnerCalendar(mine, text);
        expect(calendar, zone).toBe(referenceCalendar(mine, text));
        // Events at the nudge instant: what a calendar app shows at the learner's local hour.
        const events = new ICAL.Component(ICAL.parse(calendar)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
        expect(events.map((e) => e.startDate.toJSDate().getTime())).toEqual(mine.map((n) => Date.parse(n.due)));
        expect(events.find((e) => e.description.startsWith('é'))?.description).toContain('漢字漢字\nZweite Zeile;\nDritte, mit Komma');
      }
    }
    expect(learnerCalendar([], text)).toBe(referenceCalendar([], text));
  });

  it('a calendar folds long lines at 75 octets without splitting a character', () => {
    const calendar = learnerCalendar(nudgesFor(false).filter((n) => n.questionId === 'who-locks').slice(0, 1), text);
    for (const line of calendar.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(calendar).not.toMatch(/\uFFFD/);
    expect(calendar).toContain('😀');
  });

  it('folding is done once per distinct line, not again for every learner with the same nudges (it was 90 % of writing 40,000 calendars)', () => {
    // ical-generator measures each character of a line it folds with a new TextEncoder: count them.
    let encoders = 0;
    const Real = globalThis.TextEncoder;
    vi.stubGlobal('TextEncoder', class extends Real {
      constructor() {
        super();
        encoders++;
      }
    });
    const calendars: { nudges: Nudge[]; calendar: string; encoders: number }[] = [];
    for (let l = 0; l < 50; l++) {
      const nudges = [1, 2, 3, 4].map((sequence) => ({ learner: `mailto:l${l}@example.com`, unitId: 'lockout-tagout', objectiveId: 'OBJ-FOLD-ONCE', sequence, due: new Date(Date.UTC(2026, 10, 2 + l + sequence * 3, 15)).toISOString(), questionId: 'who-locks', seriesId: `s${l}`, nudgeId: `s${l}.${sequence}`, timeZone: 'UTC', completedAt: '2026-11-01T12:00:00.000Z' }));
      const before = encoders;
      const calendar = learnerCalendar(nudges, text);
      calendars.push({ nudges, calendar, encoders: encoders - before });
    }
    vi.unstubAllGlobals();
    // The first learner's lines are folded (character by character); the 49 others reuse them.
    expect(calendars[0]!.encoders).toBeGreaterThan(100);
    expect(calendars.slice(1).map((c) => c.encoders)).toEqual(Array(49).fill(0));
    for (const { nudges, calendar } of calendars) expect(calendar).toBe(referenceCalendar(nudges, text));
  });

  it('writeSchedule writes one calendar per learner, each with only that learner\'s nudges, whatever the number in flight', async () => {
    const nudges = nudgesFor(true);
    const out = tempDir();
    const files = await writeSchedule(out, nudges, text);
    const calendars = readdirSync(path.join(out, 'calendars')).sort();
    expect(calendars).toEqual(ZONES.map((_, z) => calendarFileName(`mailto:learner${z}@example.com`)).sort());
    expect(files).toEqual(['schedule.json', 'schedule.csv', ...[...ZONES.keys()].map((z) => `mailto:learner${z}@example.com`).sort().map((l) => `calendars/${calendarFileName(l)}`)]);
    for (const [z] of ZONES.entries()) {
      const learner = `mailto:learner${z}@example.com`;
      const mine = nudges.filter((n) => n.learner === learner);
      expect(readFileSync(path.join(out, 'calendars', calendarFileName(learner)), 'utf8')).toBe(referenceCalendar(mine, text));
    }
    // Streamed in pieces of 200 nudges, the same bytes as the whole schedule at once.
    expect(nudges.length).toBeGreaterThan(200);
    expect(readFileSync(path.join(out, 'schedule.json'), 'utf8')).toBe(`${JSON.stringify(nudges, null, 2)}\n`);
    expect(readFileSync(path.join(out, 'schedule.csv'), 'utf8')).toBe(scheduleCsv(nudges));
  });
});

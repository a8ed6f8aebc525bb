/**
 * The schedule's files: schedule.json (the contract: learner, unitId, objectiveId, sequence, due…),
 * schedule.csv for the email or SMS tool a company already runs, and one iCalendar file per
 * learner under calendars/, whose events are at the nudge time itself (calendar apps ignore alarms
 * in imported files). Every byte follows from the schedule: no "now" anywhere.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import ical, { foldLines, ICalEvent, ICalEventTransparency, type ICalCalendar, type ICalEventData } from 'ical-generator';
import type { Nudge } from './scheduleNudges.js';

export interface NudgeText {
  /** `Quick check: <unit title>` */
  title: string;
  prompt: string;
  jobAidUrl?: string;
}

const CSV_COLUMNS = ['learner', 'email', 'team', 'time_zone', 'unit_id', 'objective_id', 'sequence', 'due', 'question_id', 'series_id', 'nudge_id'] as const;

export function scheduleCsv(nudges: readonly Nudge[], header = true): string {
  const rows = nudges.map((n) => [n.learner, n.email ?? '', n.team ?? '', n.timeZone, n.unitId, n.objectiveId, n.sequence, n.due, n.questionId, n.seriesId, n.nudgeId]);
  return stringify(header ? [[...CSV_COLUMNS], ...rows] : rows, { record_delimiter: 'unix' });
}

/**
 * Nudges per piece written: small, so each piece is short-lived garbage. Pieces of 10,000 were
 * strings of several MB, allocated outside V8's young generation; until a full collection came,
 * they took RSS to 900 MB on 100,000 completions.
 */
const CHUNK = 200;

/** Streams `render` of each chunk of `items` into `file`, waiting whenever the file stream is full; `empty` when there are none. */
async function putChunks<T>(file: string, items: readonly T[], render: (chunk: readonly T[], first: boolean, last: boolean) => string, empty?: string): Promise<void> {
  function* pieces() {
    if (!items.length) yield empty ?? '';
    for (let i = 0; i < items.length; i += CHUNK) yield render(items.slice(i, i + CHUNK), i === 0, i + CHUNK >= items.length);
  }
  await pipeline(Readable.from(pieces()), createWriteStream(file));
}

/** `mailto:ana@example.com` → `mailto_ana@example.com-1a2b3c4d.ics`: file-safe, and unique even when two IFIs clean up alike. */
export function calendarFileName(learner: string): string {
  const clean = learner.replace(/[^A-Za-z0-9@._-]+/g, '_').slice(0, 80);
  return `${clean}-${createHash('sha256').update(learner).digest('hex').slice(0, 8)}.ics`;
}

/** The calendar every learner's events go in, as ical-generator writes it before the first event. */
let envelope: { calendar: ICalCalendar; head: string } | undefined;
const CALENDAR_END = 'END:VCALENDAR';

function calendarEnvelope(): { calendar: ICalCalendar; head: string } {
  if (!envelope) {
    const calendar = ical({ prodId: { company: 'Tandem', product: 'reinforce', language: 'EN' }, name: 'Tandem nudges' });
    const empty = calendar.toString();
    if (!empty.endsWith(`\r\n${CALENDAR_END}`)) throw new Error(`ical-generator wrote an empty calendar that does not end with ${CALENDAR_END}.`);
    envelope = { calendar, head: empty.slice(0, -CALENDAR_END.length) };
  }
  return envelope;
}

/**
 * ical-generator folds every line at 75 octets (RFC 5545 §3.1) by encoding each character with a
 * new TextEncoder: that was 90 % of writing 40,000 calendars. Folding is line by line, and the
 * long lines repeat (a nudge's summary and description are the same for every learner), so each
 * distinct line is folded once, by ical-generator's own `foldLines`.
 */
const foldedLines = new Map<string, string>();
const FOLDED_LINES_KEPT = 20_000;

function foldLine(line: string): string {
  // foldLines starts a new line when the octets so far pass 74: a line of 74 octets or fewer stays as it is.
  if (line.length <= 74 && Buffer.byteLength(line) <= 74) return line;
  let folded = foldedLines.get(line);
  if (folded === undefined) {
    if (foldedLines.size >= FOLDED_LINES_KEPT) foldedLines.clear();
    foldedLines.set(line, (folded = foldLines(line)));
  }
  return folded;
}

/** A nudge as a calendar event: five minutes at the nudge time, free (not busy), its question in the description. */
export function nudgeEvent(n: Nudge, t: NudgeText): ICalEventData {
  const start = new Date(n.due);
  return {
    id: `${n.nudgeId}@tandem`,
    start,
    end: new Date(start.getTime() + 5 * 60_000),
    // DTSTAMP from the schedule, not the clock: the same schedule gives the same file.
    stamp: new Date(n.completedAt),
    summary: t.title,
    description: `${t.prompt}\n\nThe question comes as a nudge in your email or team channel; answer it there with one click.${t.jobAidUrl ? `\nJob aid: ${t.jobAidUrl}` : ''}\n\nObjective ${n.objectiveId}, nudge ${n.sequence}.`,
    transparency: ICalEventTransparency.TRANSPARENT,
  };
}

/**
 * One learner's calendar: one event per nudge, at the nudge time. The bytes of ical-generator's
 * `calendar.toString()` with these events (test/reinforce/calendar.test.ts compares them): each
 * event is ical-generator's, and the whole is folded line by line as it folds it.
 */
export function learnerCalendar(nudges: readonly Nudge[], text: (n: Nudge) => NudgeText): string {
  const { calendar, head } = calendarEnvelope();
  let out = head;
  for (const n of nudges) {
    const event = new ICalEvent(nudgeEvent(n, text(n)), calendar);
    // Not added to `calendar`: it is shared, and each event is written here, once.
    out += event.toString().split('\r\n').map(foldLine).join('\r\n');
  }
  return out + CALENDAR_END;
}

/** Calendar files written at once: enough to keep the disk busy, few enough to keep memory flat. */
const CALENDAR_WRITES = 16;

/**
 * Writes schedule.json, schedule.csv and calendars/ as it goes: the JSON and CSV a chunk of
 * nudges at a time, each calendar as soon as it is rendered with at most CALENDAR_WRITES in
 * flight, so memory holds the nudges and a few files, never all the files' contents.
 */
export async function writeSchedule(out: string, nudges: readonly Nudge[], text: (n: Nudge) => NudgeText): Promise<string[]> {
  await mkdir(path.join(out, 'calendars'), { recursive: true });
  const files: string[] = [];
  // Streamed in chunks: 100,000 completions make ~330,000 nudges, and one string of them all would
  // hold hundreds of MB. The bytes are those of JSON.stringify(nudges, null, 2) and of scheduleCsv(nudges).
  await putChunks(path.join(out, 'schedule.json'), nudges, (chunk, first, last) =>
    // A chunk as an array, without its brackets: its items as they sit in the whole array.
    `${first ? '[\n' : ''}${JSON.stringify(chunk, null, 2).slice(2, -2)}${last ? '\n]\n' : ',\n'}`,
  nudges.length ? undefined : '[]\n');
  files.push('schedule.json');
  await putChunks(path.join(out, 'schedule.csv'), nudges, (chunk, first) => scheduleCsv(chunk, first), scheduleCsv([]));
  files.push('schedule.csv');
  const byLearner = new Map<string, Nudge[]>();
  for (const n of nudges) {
    const list = byLearner.get(n.learner);
    if (list) list.push(n);
    else byLearner.set(n.learner, [n]);
  }
  const learners = [...byLearner.keys()].sort();
  let next = 0;
  const writer = async () => {
    while (next < learners.length) {
      const learner = learners[next++]!;
      await writeFile(path.join(out, 'calendars', calendarFileName(learner)), learnerCalendar(byLearner.get(learner)!, text));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CALENDAR_WRITES, learners.length) }, writer));
  for (const learner of learners) files.push(`calendars/${calendarFileName(learner)}`);
  return files;
}

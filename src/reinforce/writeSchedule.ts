/**
 * The schedule's files: schedule.json (the contract: learner, unitId, objectiveId, sequence, due…),
 * schedule.csv for the email or SMS tool a company already runs, and one iCalendar file per
 * learner under calendars/, whose events are at the nudge time itself (calendar apps ignore alarms
 * in imported files). Every byte follows from the schedule: no "now" anywhere.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import ical, { ICalEventTransparency } from 'ical-generator';
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

const CHUNK = 10_000;

/** Writes `render` of each chunk of `items` in turn; `empty` when there are none. */
async function putChunks<T>(file: string, items: readonly T[], render: (chunk: readonly T[], first: boolean, last: boolean) => string, empty?: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    if (!items.length) {
      await handle.write(empty ?? '');
      return;
    }
    for (let i = 0; i < items.length; i += CHUNK) await handle.write(render(items.slice(i, i + CHUNK), i === 0, i + CHUNK >= items.length));
  } finally {
    await handle.close();
  }
}

/** `mailto:ana@example.com` → `mailto_ana@example.com-1a2b3c4d.ics`: file-safe, and unique even when two IFIs clean up alike. */
export function calendarFileName(learner: string): string {
  const clean = learner.replace(/[^A-Za-z0-9@._-]+/g, '_').slice(0, 80);
  return `${clean}-${createHash('sha256').update(learner).digest('hex').slice(0, 8)}.ics`;
}

export function learnerCalendar(nudges: readonly Nudge[], text: (n: Nudge) => NudgeText): string {
  const calendar = ical({ prodId: { company: 'Tandem', product: 'reinforce', language: 'EN' }, name: 'Tandem nudges' });
  for (const n of nudges) {
    const t = text(n);
    const start = new Date(n.due);
    calendar.createEvent({
      id: `${n.nudgeId}@tandem`,
      start,
      end: new Date(start.getTime() + 5 * 60_000),
      // DTSTAMP from the schedule, not the clock: the same schedule gives the same file.
      stamp: new Date(n.completedAt),
      summary: t.title,
      description: `${t.prompt}\n\nThe question comes as a nudge in your email or team channel; answer it there with one click.${t.jobAidUrl ? `\nJob aid: ${t.jobAidUrl}` : ''}\n\nObjective ${n.objectiveId}, nudge ${n.sequence}.`,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

export async function writeSchedule(out: string, nudges: readonly Nudge[], text: (n: Nudge) => NudgeText): Promise<string[]> {
  await mkdir(path.join(out, 'calendars'), { recursive: true });
  const files: string[] = [];
  const put = async (name: string, content: string) => {
    await writeFile(path.join(out, name), content);
    files.push(name);
  };
  // Written in chunks: 100,000 completions make ~330,000 nudges, and one string of them all would
  // hold hundreds of MB. The bytes are those of JSON.stringify(nudges, null, 2) and of scheduleCsv.
  await putChunks(path.join(out, 'schedule.json'), nudges, (chunk, first, last) =>
    `${first ? '[\n' : ''}${chunk.map((n) => `  ${JSON.stringify(n, null, 2).replace(/\n/g, '\n  ')}`).join(',\n')}${last ? '\n]\n' : ',\n'}`,
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
  for (const learner of [...byLearner.keys()].sort()) await put(`calendars/${calendarFileName(learner)}`, learnerCalendar(byLearner.get(learner)!, text));
  return files;
}

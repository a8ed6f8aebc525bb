/**
 * Reads the `schedule.json` of `tandem reinforce`: an array of nudges. An entry without what a
 * delivery needs (learner, unitId, questionId, nudgeId, a parseable `due`) is skipped and counted,
 * never sent half-formed; a file that is not such an array is a problem the caller reports.
 */
import { readFile } from 'node:fs/promises';
import type { Nudge } from '../reinforce/index.js';

export type ScheduleRead = { ok: true; nudges: DueNudge[]; skipped: number } | { ok: false; problem: string };

/** A nudge of the schedule with its due time as epoch milliseconds. */
export interface DueNudge extends Nudge {
  dueMs: number;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export async function readSchedule(file: string): Promise<ScheduleRead> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, problem: (error as NodeJS.ErrnoException).code ? 'the file cannot be read' : 'it is not valid JSON' };
  }
  if (!Array.isArray(data)) return { ok: false, problem: 'it is not a JSON array of nudges' };
  const nudges: DueNudge[] = [];
  let skipped = 0;
  for (const item of data as Record<string, unknown>[]) {
    const dueMs = typeof item?.due === 'string' ? Date.parse(item.due) : NaN;
    if (!item || !isText(item.learner) || !isText(item.unitId) || !isText(item.questionId) || !isText(item.nudgeId) || Number.isNaN(dueMs)) {
      skipped++;
      continue;
    }
    nudges.push({ ...(item as unknown as Nudge), dueMs });
  }
  return { ok: true, nudges, skipped };
}

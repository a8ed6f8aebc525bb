/**
 * `--schedule <schedule.json>`: the nudges `tandem reinforce` scheduled, counted per objective as
 * "sent" when they were due within the report period and before the report was made. The
 * schedule says when a nudge was due, not that a channel accepted it: until delivery records are
 * read, "sent" means "scheduled and due" (README, the reinforcement block). A nudge listed in two
 * schedules (by `nudgeId`) counts once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';
import type { DateRange } from '../reportWindows.js';
import { inRange } from '../reportWindows.js';

export interface ScheduleCounts {
  /** objective id → nudges due in the period and not after `now`. */
  sent: Map<string, number>;
  diagnostics: Diagnostic[];
}

export async function readSchedules(files: readonly string[], period: DateRange, now: number): Promise<ScheduleCounts> {
  const seen = new Set<string>();
  const sent = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const at = { file: path.resolve(file) };
    let nudges: unknown;
    try {
      nudges = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      diagnostics.push(diagnose('REPORT_SCHEDULE_UNREADABLE', { reason: `${path.basename(file)} is not JSON (${(error as Error).message.split('\n')[0]})` }, at));
      continue;
    }
    if (!Array.isArray(nudges)) {
      diagnostics.push(diagnose('REPORT_SCHEDULE_UNREADABLE', { reason: `${path.basename(file)} is not an array of nudges` }, at));
      continue;
    }
    let bad = 0;
    for (const [i, nudge] of nudges.entries()) {
      const n = nudge as { objectiveId?: unknown; due?: unknown; nudgeId?: unknown; learner?: unknown; sequence?: unknown } | null;
      const due = typeof n?.due === 'string' ? Date.parse(n.due) : NaN;
      if (typeof n?.objectiveId !== 'string' || Number.isNaN(due)) {
        bad++;
        continue;
      }
      const key = typeof n.nudgeId === 'string' ? n.nudgeId : `${file}#${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (inRange(period, due) && due <= now) sent.set(n.objectiveId, (sent.get(n.objectiveId) ?? 0) + 1);
    }
    if (bad) diagnostics.push(diagnose('REPORT_SCHEDULE_UNREADABLE', { reason: `${bad} nudge${bad === 1 ? '' : 's'} of ${path.basename(file)} without objectiveId or a valid due time` }, at));
  }
  return { sent, diagnostics };
}

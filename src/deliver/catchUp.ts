/**
 * Which due nudges are still worth sending. While `tandem serve` runs, nudges come due one at a
 * time; after downtime (a stopped server, a schedule written late) several of one learner's series
 * can be due at once. Sending them all would hand the learner nudge 1 and nudge 2 in the same
 * minute, which defeats the spacing the schedule exists for, so only the latest due nudge of each
 * series is sent and the earlier ones are superseded. Team posts get the same rule per unit and
 * question: after downtime the channel gets the latest day's card, not one card per missed day.
 */
import type { DueNudge } from './readSchedule.js';

export interface CatchUp {
  /** Due nudges that are not superseded by a later due nudge of their series, in schedule order. */
  current: DueNudge[];
  /** Due nudges a later due nudge of the same series replaces. */
  superseded: DueNudge[];
}

export function catchUp(nudges: readonly DueNudge[], now: number): CatchUp {
  const latest = new Map<string, number>();
  for (const nudge of nudges) {
    if (nudge.dueMs > now) continue;
    latest.set(nudge.seriesId, Math.max(latest.get(nudge.seriesId) ?? -Infinity, nudge.sequence));
  }
  const current: DueNudge[] = [];
  const superseded: DueNudge[] = [];
  for (const nudge of nudges) {
    if (nudge.dueMs > now) continue;
    (nudge.sequence < latest.get(nudge.seriesId)! ? superseded : current).push(nudge);
  }
  return { current, superseded };
}

/** The UTC day a team post belongs to: one post per channel, unit, question and day. */
export function postDay(nudge: DueNudge): string {
  return new Date(nudge.dueMs).toISOString().slice(0, 10);
}

/** The latest post day among `nudges` for each unit and question (`<unitId>:<questionId>` → day). */
export function latestPostDays(nudges: readonly DueNudge[]): Map<string, string> {
  const days = new Map<string, string>();
  for (const nudge of nudges) {
    const key = `${nudge.unitId}:${nudge.questionId}`;
    const day = postDay(nudge);
    if (!days.has(key) || days.get(key)! < day) days.set(key, day);
  }
  return days;
}

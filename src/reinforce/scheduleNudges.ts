/**
 * The nudge schedule: per learner, unit and attempt, a series of nudges at expanding gaps, each
 * due at a set local hour in the learner's time zone. Pure and deterministic: the same
 * completions, answers, roster and settings give the same nudges in the same order, whatever the
 * clock or the order statements were read in.
 *
 * - First nudge `after_days` after the completion's local date, then about 2.5× the previous gap
 *   from completion (3 → 3, 8, 19, 47 days): expanding retrieval practice.
 * - A series stops after the learner's second correct nudge answer.
 * - A `completed` and a `passed` of one attempt start one series: the same registration, or
 *   (statements without one) completions within an hour of each other. A later attempt starts a
 *   new series and ends the earlier one, so a learner never gets two nudges for one unit at once.
 * - Weekends (Saturday, Sunday) move to the Monday after, when the course says so.
 */
import { createHash } from 'node:crypto';
import { DateTime, IANAZone } from 'luxon';
import type { Completion, NudgeAnswer } from './readCompletions.js';

export interface ScheduledUnit {
  unitId: string;
  objectiveId: string;
  afterDays: number;
  /** The nudge questions, asked in turn. */
  questionIds: string[];
}

export interface ScheduleSettings {
  /** IANA zone of learners without one. */
  timeZone: string;
  hour: number;
  skipWeekends: boolean;
}

export interface LearnerInfo {
  email?: string;
  team?: string;
  timeZone?: string;
}

export interface Nudge {
  learner: string;
  unitId: string;
  objectiveId: string;
  sequence: number;
  /** ISO 8601 with the learner's offset, e.g. 2026-12-02T09:00:00-06:00. */
  due: string;
  questionId: string;
  /** One per learner, unit and attempt: the `nudge-series` extension of answers. */
  seriesId: string;
  /** Unique per nudge (`<seriesId>.<sequence>`): what `tandem serve` journals so each nudge is sent once. */
  nudgeId: string;
  timeZone: string;
  email?: string;
  team?: string;
  /** When the attempt that started the series was completed, UTC. */
  completedAt: string;
}

/** Nudges per series at most; with two correct answers most series end sooner. */
export const MAX_NUDGES = 4;
export const GAP_FACTOR = 2.5;
const SAME_ATTEMPT_MS = 60 * 60 * 1000;

/** Days from completion to nudge `sequence` (1-based). */
export function nudgeOffsetDays(afterDays: number, sequence: number): number {
  return Math.round(afterDays * GAP_FACTOR ** (sequence - 1));
}

/** A name-based id in UUID form (RFC 9562 version 8: custom), from a SHA-256 of `name`. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  // join() gives one flat string; a template literal here was a chain of ten string pieces (~300
  // bytes per series) kept as long as the schedule.
  return [h.slice(0, 8), h.slice(8, 12), `8${h.slice(13, 16)}`, `${variant}${h.slice(17, 20)}`, h.slice(20, 32)].join('-');
}

interface Attempt {
  start: number;
  last: number;
  registration?: string;
}

/** One learner's completions by unit. */
function byUnit(completions: readonly Completion[]): Map<string, Completion[]> {
  const units = new Map<string, Completion[]>();
  for (const c of completions) {
    const group = units.get(c.unitId);
    if (group) group.push(c);
    else units.set(c.unitId, [c]);
  }
  return units;
}

/** Completions of one learner and unit, merged into attempts (see the module comment). */
function attemptsOf(completions: Completion[]): Attempt[] {
  if (completions.length === 1) {
    // Most groups: one completion, one attempt (no sort, no Map).
    const c = completions[0]!;
    return [{ start: c.at, last: c.at, ...(c.registration ? { registration: c.registration } : {}) }];
  }
  const sorted = [...completions].sort((a, b) => a.at - b.at || (a.registration ?? '').localeCompare(b.registration ?? ''));
  const attempts: Attempt[] = [];
  const byRegistration = new Map<string, Attempt>();
  let previous: Attempt | undefined;
  for (const c of sorted) {
    if (c.registration) {
      const known = byRegistration.get(c.registration);
      if (known) {
        known.last = c.at;
        continue;
      }
    } else {
      if (previous && c.at - previous.last <= SAME_ATTEMPT_MS) {
        previous.last = c.at;
        continue;
      }
    }
    const attempt: Attempt = { start: c.at, last: c.at, ...(c.registration ? { registration: c.registration } : {}) };
    attempts.push(attempt);
    if (c.registration) byRegistration.set(c.registration, attempt);
    else previous = attempt;
  }
  return attempts.sort((a, b) => a.start - b.start);
}

/**
 * Local days and due times, fast enough for 100,000 completions: a completion's local day comes
 * from the zone's UTC offset (cached per zone and UTC day), and each due time is computed once per zone and local day with luxon, which handles
 * DST: the hour is set on the local date, so a nudge is at 09:00 local on both sides of a change
 * (an hour that does not exist that day moves forward).
 */
class DueClock {
  /** Per zone: UTC day → offset in minutes (NaN: it changes that day), and local day → due time. Numeric keys: no strings to collect. */
  private readonly zones = new Map<string, { zone: IANAZone; offsets: Map<number, number>; dues: Map<number, Due> }>();
  constructor(private readonly settings: ScheduleSettings) {}

  private zone(name: string) {
    let z = this.zones.get(name);
    if (!z) this.zones.set(name, (z = { zone: IANAZone.create(name), offsets: new Map(), dues: new Map() }));
    return z;
  }

  /** Days since 1970-01-01 of the local date of `at` in `zone`. */
  localDay(at: number, zone: string): number {
    const z = this.zone(zone);
    // An offset changes at most once in a UTC day: when the day starts and ends with the same
    // offset, it holds all day (cached per day); otherwise ask the zone for this instant.
    const utcDay = Math.floor(at / DAY_MS);
    let offset = z.offsets.get(utcDay);
    if (offset === undefined) {
      const start = z.zone.offset(utcDay * DAY_MS);
      offset = start === z.zone.offset(utcDay * DAY_MS + DAY_MS - 1) ? start : NaN;
      z.offsets.set(utcDay, offset);
    }
    if (Number.isNaN(offset)) offset = z.zone.offset(at);
    return Math.floor((at + offset * 60_000) / DAY_MS);
  }

  /** The due time `offsetDays` after local day `localDay`. */
  due(localDay: number, zone: string, offsetDays: number): Due {
    let day = localDay + offsetDays;
    // 1970-01-01 was a Thursday: weekday 1 (Monday) … 7 (Sunday), as luxon numbers them.
    const weekday = ((day + 3) % 7) + 1;
    if (this.settings.skipWeekends && weekday > 5) day += 8 - weekday;
    const z = this.zone(zone);
    let due = z.dues.get(day);
    if (!due) {
      const date = new Date(day * DAY_MS);
      const when = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: this.settings.hour }, { zone });
      due = { iso: when.toISO({ suppressMilliseconds: true })!, ms: when.toMillis() };
      z.dues.set(day, due);
    }
    return due;
  }
}

interface Due {
  iso: string;
  ms: number;
}

const DAY_MS = 86_400_000;

export function scheduleNudges(
  units: readonly ScheduledUnit[],
  completions: readonly Completion[],
  answers: readonly NudgeAnswer[],
  roster: ReadonlyMap<string, LearnerInfo>,
  settings: ScheduleSettings,
): Nudge[] {
  const unitsById = new Map(units.map((u) => [u.unitId, u]));
  // learner → completions; split by unit one learner at a time (a Map per learner kept for all
  // 40,000 learners was memory the schedule did not need).
  const groups = new Map<string, Completion[]>();
  for (const c of completions) {
    if (!unitsById.get(c.unitId)?.questionIds.length) continue;
    const group = groups.get(c.learner);
    if (group) group.push(c);
    else groups.set(c.learner, [c]);
  }
  // The sequence of the second correct answer, per series: later nudges of the series are not sent.
  const stopAfter = new Map<string, number>();
  const correctBySeries = new Map<string, number[]>();
  for (const a of answers) {
    if (!a.correct) continue;
    const list = correctBySeries.get(a.series);
    if (list) list.push(a.sequence);
    else correctBySeries.set(a.series, [a.sequence]);
  }
  for (const [series, sequences] of correctBySeries) {
    const distinct = [...new Set(sequences)].sort((x, y) => x - y);
    if (distinct.length >= 2) stopAfter.set(series, distinct[1]!);
  }

  const clock = new DueClock(settings);
  // Learners and units ranked once, so the sort compares numbers (334,000 nudges from 100,000 completions).
  const learnerRank = new Map([...groups.keys()].sort(cmp).map((l, i) => [l, i]));
  const unitRank = new Map([...unitsById.keys()].sort(cmp).map((u, i) => [u, i]));
  const offsets = new Map(units.map((u) => [u.unitId, Array.from({ length: MAX_NUDGES }, (_, k) => nudgeOffsetDays(u.afterDays, k + 1))]));
  // Sort keys beside the nudges, not in a wrapper object per nudge: 334,000 fewer objects to collect.
  const nudges: Nudge[] = [];
  const dueMs: number[] = [];
  const learnerRanks: number[] = [];
  const unitRanks: number[] = [];
  for (const [learner, all] of groups) for (const [unitId, group] of byUnit(all)) {
    const unit = unitsById.get(unitId)!;
    const info = roster.get(learner);
    const zone = info?.timeZone ?? settings.timeZone;
    const days = offsets.get(unitId)!;
    const attempts = attemptsOf(group);
    const ranks = { learner: learnerRank.get(learner)!, unit: unitRank.get(unitId)! };
    attempts.forEach((attempt, i) => {
      const next = attempts[i + 1]?.start ?? Infinity;
      const seriesId = stableUuid(`${learner}\n${unitId}\n${attempt.registration ?? `at:${attempt.start}`}`);
      const last = Math.min(MAX_NUDGES, stopAfter.get(seriesId) ?? MAX_NUDGES);
      const localDay = clock.localDay(attempt.start, zone);
      const completedAt = new Date(attempt.start).toISOString();
      for (let sequence = 1; sequence <= last; sequence++) {
        const due = clock.due(localDay, zone, days[sequence - 1]!);
        if (due.ms >= next) break;
        const questionId = unit.questionIds[(sequence - 1) % unit.questionIds.length]!;
        const nudgeId = [seriesId, sequence].join('.');
        // With both roster fields, one object literal: no second store for properties added later (334,000 nudges).
        const nudge: Nudge =
          info?.email && info.team
            ? { learner, unitId, objectiveId: unit.objectiveId, sequence, due: due.iso, questionId, seriesId, nudgeId, timeZone: zone, completedAt, email: info.email, team: info.team }
            : { learner, unitId, objectiveId: unit.objectiveId, sequence, due: due.iso, questionId, seriesId, nudgeId, timeZone: zone, completedAt };
        if (info?.email && !info.team) nudge.email = info.email;
        if (info?.team && !info.email) nudge.team = info.team;
        nudges.push(nudge);
        dueMs.push(due.ms);
        learnerRanks.push(ranks.learner);
        unitRanks.push(ranks.unit);
      }
    });
  }
  const order = new Uint32Array(nudges.length).map((_, i) => i);
  order.sort((x, y) => dueMs[x]! - dueMs[y]! || learnerRanks[x]! - learnerRanks[y]! || unitRanks[x]! - unitRanks[y]! || nudges[x]!.sequence - nudges[y]!.sequence || cmp(nudges[x]!.seriesId, nudges[y]!.seriesId));
  return Array.from(order, (i) => nudges[i]!);
}

/** Code-unit order, not locale order: the same bytes on every machine. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

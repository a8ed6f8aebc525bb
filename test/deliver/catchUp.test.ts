/**
 * Catch-up after downtime: when several nudges of one learner's series are due at once, only the
 * latest is sent; team posts of one unit and question go out for the latest due day only.
 */
import { describe, expect, it } from 'vitest';
import { catchUp, latestPostDays } from '../../src/deliver/catchUp.js';
import type { DueNudge } from '../../src/deliver/readSchedule.js';

function nudge(seriesId: string, sequence: number, due: string, questionId = 'q1'): DueNudge {
  return {
    learner: `mailto:${seriesId}@example.com`,
    unitId: 'lockout-tagout',
    objectiveId: 'OBJ-OPS-LOTO-JAM',
    sequence,
    due,
    dueMs: Date.parse(due),
    questionId,
    seriesId,
    nudgeId: `${seriesId}.${sequence}`,
    timeZone: 'UTC',
    completedAt: '2026-03-02T09:00:00Z',
  };
}

const now = Date.parse('2026-03-20T12:00:00Z');

describe('catchUp', () => {
  it('sends only the latest due nudge of a series and supersedes the earlier ones', () => {
    const schedule = [nudge('ana', 1, '2026-03-05T09:00:00Z'), nudge('ana', 2, '2026-03-12T09:00:00Z'), nudge('ana', 3, '2026-04-02T09:00:00Z')];
    const { current, superseded } = catchUp(schedule, now);
    expect(current.map((n) => n.nudgeId)).toEqual(['ana.2']);
    expect(superseded.map((n) => n.nudgeId)).toEqual(['ana.1']);
  });

  it('leaves a series with one due nudge, and nudges not yet due, alone', () => {
    const schedule = [nudge('ana', 1, '2026-03-19T09:00:00Z'), nudge('ana', 2, '2026-03-27T09:00:00Z'), nudge('ben', 1, '2026-03-05T09:00:00Z')];
    const { current, superseded } = catchUp(schedule, now);
    expect(current.map((n) => n.nudgeId)).toEqual(['ana.1', 'ben.1']);
    expect(superseded).toEqual([]);
  });

  it('judges series apart, in schedule order, whatever order the file lists them in', () => {
    const schedule = [nudge('ben', 2, '2026-03-14T09:00:00Z'), nudge('ana', 2, '2026-03-12T09:00:00Z'), nudge('ben', 1, '2026-03-06T09:00:00Z'), nudge('ana', 1, '2026-03-05T09:00:00Z')];
    const { current, superseded } = catchUp(schedule, now);
    expect(current.map((n) => n.nudgeId)).toEqual(['ben.2', 'ana.2']);
    expect(superseded.map((n) => n.nudgeId)).toEqual(['ben.1', 'ana.1']);
  });

  it('names the latest UTC day per unit and question for team posts', () => {
    const days = latestPostDays([nudge('ana', 2, '2026-03-12T09:00:00Z'), nudge('ben', 1, '2026-03-14T23:30:00-05:00'), nudge('cy', 1, '2026-03-13T09:00:00Z', 'q2')]);
    expect(Object.fromEntries(days)).toEqual({ 'lockout-tagout:q1': '2026-03-15', 'lockout-tagout:q2': '2026-03-13' });
  });
});

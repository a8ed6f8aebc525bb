/**
 * Area `reinforce`: `tandem reinforce`, the nanolearning schedule. Reads completions (`completed`
 * and `passed` of units with reinforcement) and nudge answers from the statement sources
 * `tandem report` reads, through report's readers; schedules nudges per learner, unit and attempt
 * (first after `after_days`, then expanding, stopping after two correct answers, at a local hour
 * in the learner's time zone from the roster); writes schedule.json, schedule.csv and per-learner
 * iCalendar files. Deterministic: the same inputs give the same files, byte for byte.
 *
 * May import: the foundations (course, diagnostics, xapi) and report's entry. `tandem serve`
 * reads the schedule through this module to send due nudges.
 */
export { runReinforce, scheduledUnits, type ReinforceOptions, type ReinforceResult } from './runReinforce.js';
export { scheduleNudges, nudgeOffsetDays, stableUuid, MAX_NUDGES, type Nudge, type ScheduleSettings, type ScheduledUnit, type LearnerInfo } from './scheduleNudges.js';
export { readCompletions, learnerIfi, type Completion, type NudgeAnswer } from './readCompletions.js';
export { readRoster } from './readRoster.js';
export { scheduleCsv, learnerCalendar, calendarFileName } from './writeSchedule.js';

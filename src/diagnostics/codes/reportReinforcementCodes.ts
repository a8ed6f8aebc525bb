/** Codes of the reinforcement block of `tandem report`: nudge answers against first attempts, and --schedule. */
import { entry } from '../catalogueEntry.js';

export const REPORT_REINFORCEMENT_CODES = {
  REINFORCEMENT_RECALL_DROP: entry<{ first: number; value: number; drop: number; threshold: number; n: number }>({
    severity: 'warning',
    summary: 'Nudges are answered right far less often than the same questions in the lesson (more than 20 points below the first attempt).',
    message: (p) =>
      `Nudge answers are correct ${pct(p.value)} of the time against ${pct(p.first)} first time in the lesson: a drop of ${pct(p.drop)} (threshold ${pct(p.threshold)}, ${p.n} nudge answer${p.n === 1 ? '' : 's'}).`,
    hint: () => 'Make the job-aid step the question protects easier to find at work, add a nudge (reinforcement.questions) or move the first one closer to the lesson (after_days); look at which questions are missed in the nudges.',
  }),
  REPORT_SCHEDULE_NOT_FOUND: entry<{ path: string }>({
    severity: 'error',
    summary: 'A --schedule file of `tandem report` does not exist.',
    message: (p) => `No schedule at ${p.path}.`,
    hint: () => 'Pass the schedule.json that `tandem reinforce --out <dir>` wrote.',
  }),
  REPORT_SCHEDULE_UNREADABLE: entry<{ reason: string }>({
    severity: 'warning',
    summary: 'A --schedule file (or some of its nudges) could not be read; nudges sent leave them out.',
    message: (p) => `Nudges left out of "nudges sent": ${p.reason}.`,
    hint: () => 'Pass schedule.json exactly as `tandem reinforce` wrote it: an array of nudges, each with objectiveId and due (ISO 8601 with offset).',
  }),
} as const;

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Codes of `tandem status` (what is due on the lifecycle board) and the job aid's `review_by` date. */
import { entry } from '../catalogueEntry.js';

export const STATUS_CODES = {
  JOB_AID_REVIEW_BY_INVALID: entry<{ value: string }>({
    severity: 'error',
    summary: 'A job aid’s `review_by` front-matter field is not a real YYYY-MM-DD day.',
    message: (p) => `\`review_by\` is "${p.value}", which is not a day written YYYY-MM-DD.`,
    hint: () => 'Write the day the job aid must be checked against the work again, e.g. `review_by: 2027-03-01`, or remove the field.',
  }),
  JOB_AID_REVIEW_DUE: entry<{ unit: string; day: string; owner: string }>({
    severity: 'warning',
    summary: 'A job aid is past its `review_by` date: nobody has checked it against the work since.',
    message: (p) => `The job aid of ${p.unit} was due for review on ${p.day}.`,
    hint: (p) => `${p.owner} (ops manager) checks it against the work; update it or move \`review_by\` on in job-aid.md, then re-approve what changed.`,
  }),
  REVIEW_OVERDUE: entry<{ unit: string; days: number | null; owner: string }>({
    severity: 'warning',
    summary: 'The biweekly review is overdue: the last report covering a released unit is older than 14 days, or there is none.',
    message: (p) => (p.days === null ? `No report covers ${p.unit} since it was released: its biweekly review is overdue.` : `The last report covering ${p.unit} is ${p.days} days old: its biweekly review is overdue (every 14 days).`),
    hint: (p) => `${p.owner} (analyst) runs \`tandem report\` and the team reviews its flags.`,
  }),
} as const;

/** Codes of nudge delivery by `tandem serve --schedule`: reasons delivery does not start (exit 2). */
import { entry } from '../catalogueEntry.js';

export const DELIVERY_CODES = {
  // --- tandem serve --schedule: sending due nudges by email, Slack and Teams -----------------
  // Wording never carries a webhook URL, an SMTP password or any other secret: only the name of
  // the setting or environment variable that holds it.
  DELIVERY_SETTING_INVALID: entry<{ setting: string; problem: string }>({
    severity: 'error',
    summary: 'A nudge delivery setting (reinforcement.delivery, an environment variable or an option) is unusable.',
    message: (p) => `${p.setting}: ${p.problem}.`,
    hint: () => "See 'tandem help serve' and \"The reinforcement loop\" in the README: secrets come from the environment only.",
  }),
  DELIVERY_NO_CHANNEL: entry({
    severity: 'error',
    summary: '`tandem serve --schedule` was given but no delivery channel is configured.',
    message: () => 'Nudges cannot be sent: reinforcement.delivery names no email server, Slack or Teams webhook.',
    hint: () => 'Add `email:` (host, port, from), `slack_webhook_env:` or `teams_webhook_env:` under `reinforcement.delivery` in tandem.config.yaml.',
  }),
  DELIVERY_SCHEDULE_UNREADABLE: entry<{ file: string; problem: string }>({
    severity: 'error',
    summary: 'The --schedule file of `tandem serve` cannot be read as a `tandem reinforce` schedule.',
    message: (p) => `The schedule ${p.file} cannot be used: ${p.problem}.`,
    hint: () => "Pass the schedule.json that 'tandem reinforce … --out <dir>' wrote (a JSON array of nudges).",
  }),
} as const;

/** Codes of the reinforcement loop: nudge questions in unit.yaml, channel cards, `tandem reinforce` and nudge delivery. */
import { entry } from '../catalogueEntry.js';

export const REINFORCEMENT_CODES = {
  // --- Unit contract -------------------------------------------------------------------------
  REINFORCEMENT_DAYS_OUTSIDE_RANGE: entry<{ days: number; direction: 'sooner' | 'later' }>({
    severity: 'warning',
    summary: '`reinforcement.after_days` is outside 3–7 days.',
    message: (p) => `The first nudge comes ${p.days} day(s) after the lesson, ${p.direction} than the 3–7 days that help retention most.`,
    hint: () =>
      'Cepeda et al. (2008) found that for a test about a month away, a gap of 3–7 days between study and review gives the best retention; sooner adds little, later lets more fade. Set `after_days` between 3 and 7 unless you have a reason.',
  }),
  NUDGE_QUESTION_MISSING: entry<{ detail: string }>({
    severity: 'error',
    summary: 'A unit with reinforcement has no question its nudges can ask.',
    message: (p) => `A nudge has no question to ask: ${p.detail}.`,
    hint: () =>
      'Add a single-choice or true/false question to the lesson, or write one under `reinforcement.questions` (`prompt:`, `choices:` with one `correct: true`); see docs/format.md.',
  }),
  NUDGE_QUESTION_NOT_ONE_CLICK: entry<{ id: string; type: string }>({
    severity: 'error',
    summary: 'A nudge question cannot be answered with one click.',
    message: (p) => `Question ${p.id} is ${p.type}: a nudge in Slack, Teams or email is answered with one click, so only single-choice and true/false questions work.`,
    hint: () => 'Name a single-choice or true/false question of the lesson, or write a single-choice question under `reinforcement.questions`.',
  }),
  NUDGE_QUESTION_INVALID: entry<{ detail: string }>({
    severity: 'error',
    summary: 'An entry of `reinforcement.questions` is incomplete or contradicts itself.',
    message: (p) => `This nudge question cannot be used: ${p.detail}.`,
    hint: () => 'Each entry is either `lesson: <question id>` or `prompt:` with two to six `choices:` of which exactly one is `correct: true`; `step:` numbers a step of the job aid.',
  }),

  // --- Channel cards (tandem build --target cards) -------------------------------------------
  CARD_OVER_BUDGET: entry<{ channel: string; card: string; what: string; length: number; limit: number; part: string }>({
    severity: 'error',
    summary: 'A Slack, Teams or email card would be over the channel\'s limit, so it is not written.',
    message: (p) => `The ${p.channel} card ${p.card} is over the channel's limit: ${p.what} is ${p.length}, at most ${p.limit}. ${p.channel === 'teams' ? 'Teams' : 'Slack'} would reject it at send time.`,
    hint: (p) => `Shorten ${p.part} (by at least ${p.length - p.limit}), or split the unit; the other channels' cards are still written.`,
  }),
  CARD_INVALID: entry<{ card: string; detail: string }>({
    severity: 'error',
    summary: 'A Teams card is not a valid Adaptive Card 1.5.',
    message: (p) => `The Teams card ${p.card} is not a valid Adaptive Card 1.5: ${p.detail}.`,
    hint: () => 'This is a Tandem bug unless the unit holds unusual text; please report it with the unit. Teams would show nothing for this card.',
  }),
  CARDS_NO_ANSWER_URL: entry({
    severity: 'info',
    summary: 'No nanolearning cards are built because reinforcement.answer_url is not set.',
    message: () => 'Units with reinforcement get no nanolearning cards: `reinforcement.answer_url` is not set in tandem.config.yaml, so answer links would lead nowhere.',
    hint: () => 'Set `reinforcement.answer_url` to the address where `tandem serve` is reachable, e.g. https://learn.acme.example.',
  }),

  // --- tandem reinforce ----------------------------------------------------------------------
  ROSTER_INVALID: entry<{ detail: string }>({
    severity: 'error',
    summary: 'The --roster CSV of `tandem reinforce` cannot be used as written.',
    message: (p) => `The roster cannot be used as written: ${p.detail}.`,
    hint: () => 'The roster is a CSV file with the header learner,email,team,timezone; `learner` is the actor\'s IFI as in statements (e.g. mailto:ana@example.com), `timezone` an IANA name such as Europe/Berlin.',
  }),
  ROSTER_TIME_ZONE_UNKNOWN: entry<{ zone: string; learner: string }>({
    severity: 'warning',
    summary: 'A roster row names a time zone that does not exist; the course default is used.',
    message: (p) => `The time zone "${p.zone}" of ${p.learner} is not an IANA time zone; their nudges use the course's default time zone.`,
    hint: () => 'Write an IANA name such as America/Chicago or Europe/Berlin (not an abbreviation like CST or a UTC offset).',
  }),
  REINFORCE_TIME_ZONE_UNKNOWN: entry<{ zone: string }>({
    severity: 'error',
    summary: '`reinforcement.time_zone` in tandem.config.yaml is not an IANA time zone.',
    message: (p) => `\`reinforcement.time_zone\` is "${p.zone}", which is not an IANA time zone, so no nudge can be given a local time.`,
    hint: () => 'Write an IANA name such as America/Chicago or Europe/Berlin.',
  }),
} as const;

/**
 * `cards`: the job aid and the nanolearning nudges as channel cards, per unit and channel:
 * `cards/<unit>/slack-*.json` (Block Kit message), `cards/<unit>/teams-*.json` (Teams Workflows
 * message with an Adaptive Card 1.5) and `cards/<unit>/email-*.html` + `email-*.txt`. Each
 * channel is one job, so a card over one channel's budget leaves the other channels' cards.
 */
import { diagnose } from '../../../diagnostics/diagnostic.js';
import { CARDS_DIR, CHANNELS, type Channel } from '../../cards/cardContent.js';
import { renderCards } from '../../cards/renderCards.js';
import type { Target } from '../target.js';

export const cardsTarget: Target = {
  name: 'cards',
  description: 'Job aid and nudge cards for Slack, Teams and email (cards/<unit>/{slack,teams,email}-*)',
  planUnit(unit, { course }) {
    if (!unit.jobAid && !(unit.contract.reinforcement && course.config.reinforcement.answerUrl)) return [];
    return CHANNELS.map((channel) => ({
      target: 'cards',
      subject: { kind: 'unit' as const, unit },
      // The first file of the channel names the job; the job writes all of the channel's cards.
      output: `${CARDS_DIR}/${unit.id}/${channel}-${unit.jobAid ? 'job-aid' : 'nudges'}.${channel === 'email' ? 'html' : 'json'}`,
      variant: channel,
    }));
  },
  notes({ course }) {
    if (course.config.reinforcement.answerUrl || !course.units.some((u) => u.contract.reinforcement)) return [];
    return [diagnose('CARDS_NO_ANSWER_URL', {}, { file: course.configFile, line: 1, column: 1 })];
  },
  async build(job, ctx) {
    if (job.subject.kind !== 'unit') return { artifacts: [] };
    const { unit } = job.subject;
    const channel = CHANNELS.find((c) => c === job.variant) as Channel | undefined;
    if (!channel) throw new Error(`cards job for ${job.output} has no channel.`);
    const { files, diagnostics } = renderCards(ctx.course, unit, channel);
    const encoder = new TextEncoder();
    return { artifacts: files.map((f) => ({ path: f.path, bytes: encoder.encode(f.text), text: f.text, target: 'cards', unitIds: [unit.id] })), diagnostics };
  },
};

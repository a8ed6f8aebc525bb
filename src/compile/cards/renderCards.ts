/**
 * Every card of one unit for one channel, as files under `cards/<unit>/`, with the diagnostics of
 * any card over the channel's budget (that card is not written). `tandem serve` renders the same
 * cards per learner through this module (with the nudge's id in each answer link).
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Course } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';
import type { BudgetProblem, CardSource } from './cardBudget.js';
import { CARDS_DIR, jobAidCard, nudgeCards, type AnswerParams, type Card, type Channel } from './cardContent.js';
import { lexedOnceFor } from './channelText.js';
import { emailCard } from './emailCard.js';
import { slackMessage, type CardSources } from './slackCard.js';
import { adaptiveCardProblems, teamsMessage, teamsSizeProblem } from './teamsCard.js';

export interface CardFile {
  /** `cards/<unit>/slack-job-aid.json` */
  path: string;
  text: string;
  card: Card;
}

export interface RenderedCards {
  files: CardFile[];
  diagnostics: Diagnostic[];
}

function cardSources(unit: Unit, card: Card): CardSources {
  const aid = unit.jobAid;
  const aidFile = aid?.file ?? unit.unitFile;
  const at = (part: string, file: string, line: number): CardSource => ({ part, file, line });
  const question = card.kind === 'nudge' ? unit.lesson?.questions.find((q) => q.id === card.question.id) : undefined;
  const questionAt = (part: string) => (question && unit.lesson ? at(part, unit.lesson.file, question.line) : at(part, unit.unitFile, 1));
  return {
    title: card.kind === 'job-aid' ? at('the job aid title', aidFile, 1) : at('the unit title', unit.unitFile, 1),
    whenToUse: at('the "When to use" section of the job aid', aidFile, aid?.context?.line ?? 1),
    step: (n) => at(`step ${n} of the job aid`, aidFile, aid?.steps?.line ?? 1),
    tableRow: (i) => at(`row ${i + 1} of the decision table`, aidFile, aid?.decisionTable?.line ?? 1),
    escalation: at('the "Escalation" section of the job aid', aidFile, aid?.escalation?.line ?? 1),
    prompt: questionAt(`the prompt of question ${card.kind === 'nudge' ? card.question.id : ''}`),
    choice: (id) => questionAt(`choice ${id} of question ${card.kind === 'nudge' ? card.question.id : ''}`),
  };
}

const overBudget = (unit: Unit, channel: Channel, file: string, problem: BudgetProblem): Diagnostic =>
  diagnose(
    'CARD_OVER_BUDGET',
    { channel, card: file, what: problem.what, length: problem.length, limit: problem.limit, part: problem.source.part },
    { file: problem.source.file, line: problem.source.line, column: 1, unitId: unit.id },
  );

/** The unit's cards for `channel`: the job-aid card, then one nudge card per nudge question. */
export function unitCards(course: Course, unit: Unit, channel: Channel, extra?: (questionId: string) => AnswerParams): Card[] {
  const aid = jobAidCard(course, unit, channel);
  return [...(aid ? [aid] : []), ...nudgeCards(course, unit, channel, extra)];
}

export function renderCards(course: Course, unit: Unit, channel: Channel, extra?: (questionId: string) => AnswerParams): RenderedCards {
  return lexedOnceFor(unit, () => renderUnitCards(course, unit, channel, extra));
}

function renderUnitCards(course: Course, unit: Unit, channel: Channel, extra?: (questionId: string) => AnswerParams): RenderedCards {
  const files: CardFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const card of unitCards(course, unit, channel, extra)) {
    const base = `${CARDS_DIR}/${unit.id}/${channel}-${card.name}`;
    const sources = cardSources(unit, card);
    if (channel === 'slack') {
      const { message, problems } = slackMessage(card, sources);
      const file = `${base}.json`;
      if (problems.length) diagnostics.push(...problems.map((p) => overBudget(unit, channel, file, p)));
      else files.push({ path: file, text: `${JSON.stringify(message, null, 2)}\n`, card });
    } else if (channel === 'teams') {
      const message = teamsMessage(card);
      const text = `${JSON.stringify(message, null, 2)}\n`;
      const file = `${base}.json`;
      // Teams measures the message as sent: compact JSON.
      const problems = teamsSizeProblem(Buffer.byteLength(JSON.stringify(message)), sources, card);
      const invalid = adaptiveCardProblems((message.attachments as { content: unknown }[])[0]!.content);
      if (problems.length) diagnostics.push(...problems.map((p) => overBudget(unit, channel, file, p)));
      if (invalid.length) diagnostics.push(diagnose('CARD_INVALID', { card: file, detail: invalid.join('; ') }, { file: unit.unitFile, line: 1, column: 1, unitId: unit.id }));
      if (!problems.length && !invalid.length) files.push({ path: file, text, card });
    } else {
      const email = emailCard(card, unit.contract.language, course.config.brand);
      files.push({ path: `${base}.html`, text: email.html, card }, { path: `${base}.txt`, text: email.text, card });
    }
  }
  return { files, diagnostics };
}

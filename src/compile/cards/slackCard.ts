/**
 * Slack Block Kit messages (the JSON an incoming webhook accepts) for a job-aid card and a nudge
 * card, and the Block Kit limits checked on every message built (api.slack.com/reference/block-kit:
 * 50 blocks per message, section text 3,000 characters, at most 10 fields of 2,000, header text
 * 150, button text 75, a URL 3,000).
 */
import type { BudgetProblem, CardSource } from './cardBudget.js';
import type { Card, JobAidCard, NudgeCard } from './cardContent.js';
import { channelLine, channelText } from './channelText.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, headerText: 150, buttonText: 75, url: 3000 } as const;

type Text = { type: 'mrkdwn' | 'plain_text'; text: string; emoji?: boolean };
type Button = { type: 'button'; text: Text; url: string; action_id: string };
type Block =
  | { type: 'header'; text: Text }
  | { type: 'section'; text?: Text; fields?: Text[]; accessory?: Button }
  | { type: 'actions'; elements: Button[] }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' };

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Blocks with the source each came from, so a limit names what to shorten. */
class Blocks {
  readonly blocks: Block[] = [];
  readonly sources: CardSource[] = [];
  add(block: Block, source: CardSource): void {
    this.blocks.push(block);
    this.sources.push(source);
  }
}

const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });
const plain = (text: string): Text => ({ type: 'plain_text', text, emoji: true });
const button = (text: string, url: string, actionId: string): Button => ({ type: 'button', text: plain(text), url, action_id: actionId });

export interface CardSources {
  title: CardSource;
  whenToUse: CardSource;
  step: (n: number) => CardSource;
  tableRow: (i: number) => CardSource;
  escalation: CardSource;
  prompt: CardSource;
  choice: (id: string) => CardSource;
}

export function slackMessage(card: Card, sources: CardSources): { message: SlackMessage; problems: BudgetProblem[] } {
  const b = new Blocks();
  if (card.kind === 'job-aid') jobAidBlocks(card, b, sources);
  else nudgeBlocks(card, b, sources);
  b.add({ type: 'context', elements: [mrkdwn(card.footer)] }, sources.title);
  const text = card.kind === 'job-aid' ? card.title : `Quick check: ${channelLine(card.question.prompt)}`;
  const message = { text, blocks: b.blocks };
  return { message, problems: slackProblems(b) };
}

function jobAidBlocks(card: JobAidCard, b: Blocks, s: CardSources): void {
  b.add({ type: 'header', text: plain(channelLine(card.title)) }, s.title);
  if (card.whenToUse) b.add({ type: 'section', text: mrkdwn(`*When to use*\n${channelText(card.whenToUse, 'mrkdwn')}`) }, s.whenToUse);
  // Steps fill as few sections as fit the 3,000-character limit; only a single step that is longer is over budget.
  let chunk: string[] = [];
  let first = 0;
  const flush = () => {
    if (chunk.length) b.add({ type: 'section', text: mrkdwn(`${first === card.steps[0]?.number ? '*Steps*\n' : ''}${chunk.join('\n')}`) }, s.step(first));
    chunk = [];
  };
  for (const step of card.steps) {
    const line = `${step.number}. ${channelText(step.markdown, 'mrkdwn').replace(/\n/g, '\n   ')}`;
    if (chunk.length && [...chunk, line].join('\n').length + 10 > SLACK_LIMITS.sectionText) flush();
    if (!chunk.length) first = step.number;
    chunk.push(line);
  }
  flush();
  if (card.table) {
    const [lead = '', ...others] = card.table.header;
    const rows = card.table.rows.map((row, i) => ({ i, text: `*${channelText(row[0] ?? '', 'mrkdwn')}*\n${row.slice(1).map((cell, c) => (others[c] ? `${channelText(others[c], 'mrkdwn')}: ` : '') + channelText(cell, 'mrkdwn')).join('\n')}` }));
    for (let i = 0; i < rows.length; i += SLACK_LIMITS.fields) {
      const part = rows.slice(i, i + SLACK_LIMITS.fields);
      b.add({ type: 'section', ...(i === 0 ? { text: mrkdwn(`*Decision table*${lead ? ` (${channelText(lead, 'mrkdwn')})` : ''}`) } : {}), fields: part.map((r) => mrkdwn(r.text)) }, s.tableRow(part[0]!.i));
    }
  }
  if (card.escalation) b.add({ type: 'section', text: mrkdwn(`*Escalation*\n${channelText(card.escalation, 'mrkdwn')}`) }, s.escalation);
  if (card.jobAidUrl) b.add({ type: 'actions', elements: [button('Open the job aid', card.jobAidUrl, 'open-job-aid')] }, s.title);
}

function nudgeBlocks(card: NudgeCard, b: Blocks, s: CardSources): void {
  b.add({ type: 'header', text: plain(`Quick check: ${channelLine(card.unitTitle)}`) }, s.title);
  b.add({ type: 'section', text: mrkdwn(channelText(card.question.prompt, 'mrkdwn')) }, s.prompt);
  // One section per answer with its own link button: answering is a single click.
  for (const answer of card.answers) {
    b.add({ type: 'section', text: mrkdwn(channelText(answer.text, 'mrkdwn')), accessory: button('Answer', answer.url, `answer-${answer.choiceId}`) }, s.choice(answer.choiceId));
  }
  const step = card.question.step;
  b.add({ type: 'context', elements: [mrkdwn(`${step.number ? `Job-aid step ${step.number}` : 'The step it protects'}: ${channelText(step.text, 'mrkdwn')}`)] }, s.prompt);
  if (card.jobAidUrl) b.add({ type: 'actions', elements: [button('Open the job aid', card.jobAidUrl, 'open-job-aid')] }, s.title);
}

/** Every Block Kit limit the message breaks, each with the part of the course to shorten. */
export function slackProblems(b: { blocks: readonly Block[]; sources: readonly CardSource[] }): BudgetProblem[] {
  const problems: BudgetProblem[] = [];
  const over = (what: string, length: number, limit: number, source: CardSource) => {
    if (length > limit) problems.push({ what, length, limit, source });
  };
  over('blocks in the message', b.blocks.length, SLACK_LIMITS.blocks, b.sources[0]!);
  b.blocks.forEach((block, i) => {
    const source = b.sources[i]!;
    if (block.type === 'header') over('header text', block.text.text.length, SLACK_LIMITS.headerText, source);
    if (block.type === 'section') {
      if (block.text) over('section text', block.text.text.length, SLACK_LIMITS.sectionText, source);
      over('fields in a section', block.fields?.length ?? 0, SLACK_LIMITS.fields, source);
      for (const field of block.fields ?? []) over('field text', field.text.length, SLACK_LIMITS.fieldText, source);
      if (block.accessory) over('button link', block.accessory.url.length, SLACK_LIMITS.url, source);
    }
    if (block.type === 'context') for (const e of block.elements) over('context text', e.text.length, SLACK_LIMITS.sectionText, source);
    if (block.type === 'actions') for (const e of block.elements) over('button link', e.url.length, SLACK_LIMITS.url, source);
  });
  return problems;
}

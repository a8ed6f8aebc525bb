/**
 * Microsoft Teams: an Adaptive Card 1.5 inside the message a Teams Workflows webhook accepts
 * (`{ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", … }] }`).
 * Teams rejects a message over 28 KB, and a card that does not parse as 1.5 renders as nothing;
 * both are checked here, the second by Microsoft's own parser (the `adaptivecards` package),
 * not by rules written again.
 */
import { createRequire } from 'node:module';
import type { BudgetProblem } from './cardBudget.js';
import type { Card, JobAidCard, NudgeCard } from './cardContent.js';
import { channelLine, channelText } from './channelText.js';
import type { CardSources } from './slackCard.js';

/** learn.microsoft.com/microsoftteams/platform: "message size limit of 28 KB" for cards sent through webhooks. */
export const TEAMS_LIMIT_BYTES = 28 * 1024;

type Element = Record<string, unknown>;

const text = (t: string, extra: Element = {}): Element => ({ type: 'TextBlock', text: t, wrap: true, ...extra });
const openUrl = (title: string, url: string): Element => ({ type: 'Action.OpenUrl', title, url });

export function adaptiveCard(card: Card): Element {
  const body = card.kind === 'job-aid' ? jobAidBody(card) : nudgeBody(card);
  body.push(text(card.footer, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(card.jobAidUrl ? { actions: [openUrl('Open the job aid', card.jobAidUrl)] } : {}),
  };
}

export function teamsMessage(card: Card): Element {
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: adaptiveCard(card) }] };
}

function jobAidBody(card: JobAidCard): Element[] {
  const body: Element[] = [text(channelLine(card.title), { size: 'Large', weight: 'Bolder', style: 'heading' })];
  if (card.whenToUse) body.push(text('When to use', { weight: 'Bolder', spacing: 'Medium' }), text(channelText(card.whenToUse, 'teams')));
  if (card.steps.length) {
    body.push(text('Steps', { weight: 'Bolder', spacing: 'Medium' }));
    // One TextBlock per step keeps each number with its step however Teams wraps lists.
    for (const step of card.steps) body.push(text(`${step.number}. ${channelText(step.markdown, 'teams')}`, { spacing: 'Small' }));
  }
  if (card.table) {
    const cell = (t: string, bold = false): Element => ({ type: 'TableCell', items: [text(channelText(t, 'teams'), bold ? { weight: 'Bolder' } : {})] });
    body.push(text('Decision table', { weight: 'Bolder', spacing: 'Medium' }), {
      type: 'Table',
      firstRowAsHeader: true,
      columns: card.table.header.map(() => ({ width: 1 })),
      rows: [card.table.header, ...card.table.rows].map((row, i) => ({ type: 'TableRow', cells: card.table!.header.map((_, c) => cell(row[c] ?? '', i === 0)) })),
    });
  }
  if (card.escalation) body.push(text('Escalation', { weight: 'Bolder', spacing: 'Medium' }), text(channelText(card.escalation, 'teams')));
  return body;
}

function nudgeBody(card: NudgeCard): Element[] {
  const { question } = card;
  const body: Element[] = [text(`Quick check: ${channelLine(card.unitTitle)}`, { weight: 'Bolder', style: 'heading' }), text(channelText(question.prompt, 'teams'))];
  // Each answer is a tappable container: one click opens the answer page, however long the text.
  for (const answer of card.answers) {
    body.push({ type: 'Container', style: 'emphasis', spacing: 'Small', selectAction: openUrl(channelLine(answer.text), answer.url), items: [text(channelText(answer.text, 'teams'))] });
  }
  const step = question.step;
  body.push(text(`${step.number ? `Job-aid step ${step.number}` : 'The step it protects'}: ${channelText(step.text, 'teams')}`, { isSubtle: true, spacing: 'Medium' }));
  return body;
}

interface AdaptiveCardsModule {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: { v1_5: unknown };
}
let adaptiveCards: AdaptiveCardsModule | undefined;

/**
 * What Microsoft's Adaptive Cards library says is wrong with `card` as version 1.5: parse events
 * (unknown elements, properties of a later version) and validation failures (a missing url…).
 * The package's ES build has extension-less imports Node cannot resolve; its UMD bundle works.
 */
export function adaptiveCardProblems(card: unknown): string[] {
  adaptiveCards ??= createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;
  const { AdaptiveCard, SerializationContext, Versions } = adaptiveCards;
  const parsed = new AdaptiveCard();
  const context = new SerializationContext(Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

export function teamsSizeProblem(bytes: number, sources: CardSources, card: Card): BudgetProblem[] {
  if (bytes <= TEAMS_LIMIT_BYTES) return [];
  return [{ what: 'card size in bytes', length: bytes, limit: TEAMS_LIMIT_BYTES, source: card.kind === 'job-aid' ? sources.step(card.steps[0]?.number ?? 1) : sources.prompt }];
}

/**
 * An email per card: HTML whose CSS is inlined by juice (see inlineEmailCss; Gmail and Outlook drop or ignore
 * <style> blocks in many cases, so every rule must sit on the element), and the text/plain part
 * mail clients fall back to. Links are plain anchors, one per answer, so answering is a single
 * click in any client. The colours and font are the course's brand (DEFAULT_BRAND when the course
 * sets none, as for its lessons and job aids); the footer names the brand when it has a name.
 */
import { escapeHtml } from '../../course/html/escapeHtml.js';
import { installedFontStack } from '../../course/html/installedFontStack.js';
import type { Brand } from '../../course/model/brand.js';
import type { Card, JobAidCard, NudgeCard } from './cardContent.js';
import { channelLine, channelText } from './channelText.js';
import { inlineEmailCss } from './inlineEmailCss.js';

const styles = new WeakMap<Brand, string>();

/**
 * The email stylesheet in `brand`'s colours and font: buttons, answer links, links, headings and the
 * step box in the primary colour (button text in on_primary), as the job aid sets its headings and
 * links. Only type, class and descendant selectors (inlineEmailCss reuses juice's work per element
 * kind), and no @font-face or url(): mail clients do not load web fonts reliably and Gmail strips
 * embedded fonts and data-URL images, so the brand font is named for readers who have it installed
 * (a bundled font by its name; a course font file has no name Tandem can vouch for, so its email
 * uses the fallbacks) and the logo stays out of emails.
 */
export function emailStyle(brand: Brand): string {
  let css = styles.get(brand);
  if (css === undefined) {
    const primary = cssColour(brand.primary, 'primary');
    const onPrimary = cssColour(brand.onPrimary, 'onPrimary');
    const font = installedFontStack(brand);
    css = `
body { margin: 0; padding: 0; background: #f4f5f7; font-family: ${font}; color: #1d2330; }
.card { max-width: 600px; margin: 0 auto; padding: 24px; background: #ffffff; }
h1 { font-size: 22px; line-height: 1.3; margin: 0 0 16px; color: ${primary}; }
h2 { font-size: 16px; margin: 20px 0 6px; color: ${primary}; }
p, li { font-size: 16px; line-height: 1.5; }
ol { padding-left: 24px; }
a { color: ${primary}; }
table.decisions { border-collapse: collapse; width: 100%; }
table.decisions th, table.decisions td { border: 1px solid #c9ced6; padding: 6px 8px; text-align: left; vertical-align: top; font-size: 15px; }
table.decisions th { background: #eef1f5; }
a.answer { display: block; margin: 8px 0; padding: 12px 16px; border: 2px solid ${primary}; border-radius: 6px; color: ${primary}; text-decoration: none; font-size: 16px; }
a.button { display: inline-block; margin-top: 16px; padding: 10px 18px; background: ${primary}; color: ${onPrimary}; text-decoration: none; border-radius: 6px; }
.step { margin-top: 16px; padding: 10px 12px; background: #eef1f5; border-left: 4px solid ${primary}; }
.footer { margin-top: 24px; font-size: 13px; color: #5b6475; }
`;
    styles.set(brand, css);
  }
  return css;
}

/**
 * A brand colour as checked by the config (`#rrggbb`), or a thrown bug: the value goes into CSS that
 * is inlined into HTML attributes, where anything else could end the rule or the attribute.
 */
function cssColour(value: string, field: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`brand.${field} is ${JSON.stringify(value)}, not a checked #rrggbb colour: the brand must come from the course config (checkBrand).`);
  return value;
}

export interface EmailCard {
  subject: string;
  html: string;
  text: string;
}

export function emailCard(card: Card, language: string, brand: Brand): EmailCard {
  const { subject, document } = emailDocument(card, language, brand);
  return { subject, html: inlineEmailCss(document, emailStyle(brand)), text: plainText(card, brand) };
}

/** "Acme Logistics · Objective … · version …": the card's footer, after the brand's name if it has one. */
const footer = (card: Card, brand: Brand) => (brand.name ? `${brand.name} · ${card.footer}` : card.footer);

/** The email's HTML before its <style> is inlined. */
export function emailDocument(card: Card, language: string, brand: Brand): { subject: string; document: string } {
  const subject = card.kind === 'job-aid' ? channelLine(card.title) : `Quick check: ${channelLine(card.unitTitle)}`;
  const body = card.kind === 'job-aid' ? jobAidHtml(card) : nudgeHtml(card);
  const jobAid = card.jobAidUrl ? `<p><a class="button" href="${escapeHtml(card.jobAidUrl)}">Open the job aid</a></p>` : '';
  const document = `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="tandem-objective" content="${escapeHtml(card.objectiveId)}">
<meta name="tandem-version" content="${escapeHtml(card.version)}">
<title>${escapeHtml(subject)}</title>
<style>${emailStyle(brand)}</style>
</head>
<body>
<div class="card">
${body}
${jobAid}
<p class="footer">${escapeHtml(footer(card, brand))}</p>
</div>
</body>
</html>
`;
  return { subject, document };
}

function jobAidHtml(card: JobAidCard): string {
  const parts = [`<h1>${escapeHtml(channelLine(card.title))}</h1>`];
  if (card.whenToUse) parts.push('<h2>When to use</h2>', channelText(card.whenToUse, 'html'));
  if (card.steps.length) parts.push(`<h2>Steps</h2><ol>${card.steps.map((s) => `<li value="${s.number}">${channelText(s.markdown, 'html').replace(/^<p>|<\/p>$/g, '')}</li>`).join('')}</ol>`);
  if (card.table) {
    const head = card.table.header.map((h) => `<th>${channelText(h, 'html').replace(/^<p>|<\/p>$/g, '')}</th>`).join('');
    const rows = card.table.rows.map((r) => `<tr>${card.table!.header.map((_, c) => `<td>${channelText(r[c] ?? '', 'html').replace(/^<p>|<\/p>$/g, '')}</td>`).join('')}</tr>`).join('');
    parts.push(`<h2>Decision table</h2><table class="decisions" role="table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
  }
  if (card.escalation) parts.push('<h2>Escalation</h2>', channelText(card.escalation, 'html'));
  return parts.join('\n');
}

function nudgeHtml(card: NudgeCard): string {
  const step = card.question.step;
  return [
    `<h1>Quick check: ${escapeHtml(channelLine(card.unitTitle))}</h1>`,
    channelText(card.question.prompt, 'html'),
    ...card.answers.map((a) => `<a class="answer" href="${escapeHtml(a.url)}">${channelText(a.text, 'html').replace(/^<p>|<\/p>$/g, '')}</a>`),
    `<div class="step"><strong>${step.number ? `Job-aid step ${step.number}` : 'The step it protects'}:</strong> ${channelText(step.text, 'html').replace(/^<p>|<\/p>$/g, '')}</div>`,
  ].join('\n');
}

function plainText(card: Card, brand: Brand): string {
  const lines: string[] = [];
  if (card.kind === 'job-aid') {
    lines.push(channelLine(card.title), '');
    if (card.whenToUse) lines.push('WHEN TO USE', channelText(card.whenToUse, 'plain'), '');
    if (card.steps.length) lines.push('STEPS', ...card.steps.map((s) => `${s.number}. ${channelText(s.markdown, 'plain').replace(/\n/g, '\n   ')}`), '');
    if (card.table) lines.push('DECISION TABLE', ...card.table.rows.map((r) => `- ${r.map((c) => channelText(c, 'plain')).join(': ')}`), '');
    if (card.escalation) lines.push('ESCALATION', channelText(card.escalation, 'plain'), '');
  } else {
    lines.push(`Quick check: ${channelLine(card.unitTitle)}`, '', channelText(card.question.prompt, 'plain'), '', 'Answer with one click:');
    for (const a of card.answers) lines.push(`- ${channelLine(a.text)}: ${a.url}`);
    const step = card.question.step;
    lines.push('', `${step.number ? `Job-aid step ${step.number}` : 'The step it protects'}: ${channelText(step.text, 'plain')}`, '');
  }
  if (card.jobAidUrl) lines.push(`Open the job aid: ${card.jobAidUrl}`, '');
  lines.push(footer(card, brand));
  return `${lines.join('\n')}\n`;
}

/**
 * One role's review page: self-contained HTML (styles inline, images as data: URIs, no script) a
 * reviewer without git opens from a mail or a shared drive. It shows the approval status, what
 * changed in the role's parts since the base (a word diff from the `diff` package), the content
 * rendered as learners see it (lesson screens, job-aid steps, escalation) or as the contract states
 * it (objective, risk, metric), the slice hash, and the exact `tandem approve` command.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diffWordsWithSpace } from 'diff';
import { Marked } from 'marked';
import { stringify } from 'yaml';
import { sanitizeAuthorHtml } from '../course/html/authorHtml.js';
import { OWNER_ROLES, type OwnerRole, type Unit } from '../course/model/unit.js';
import { sliceContent, type RoleState, type SliceContent } from '../release/index.js';
import { escapeHtml as esc } from '../course/html/escapeHtml.js';

const marked = new Marked({ gfm: true });

export interface ReviewPageInput {
  unit: Unit;
  state: RoleState;
  /** What this role's content is compared with; absent when there is nothing earlier to compare. */
  base?: { content: SliceContent; label: string };
  /** Why there is no base, in words. */
  noBase?: string;
  approveCommand: string;
}

export function renderReviewPage(input: ReviewPageInput): string {
  const { unit, state } = input;
  const role = state.role;
  const now = sliceContent(unit)[role];
  const before = input.base ? input.base.content[role] : undefined;
  const status =
    state.status === 'current'
      ? `Approved by ${esc(state.approval.by)} on ${esc(state.approval.date)} (version ${esc(state.approval.version)}), and nothing you own has changed since.`
      : state.status === 'stale'
        ? `Approved by ${esc(state.approval.by)} on ${esc(state.approval.date)} (version ${esc(state.approval.version)}); since then <strong>${esc(state.changed.join(', '))}</strong> changed, so that approval no longer counts.`
        : 'Not approved yet: everything below is for you to review.';
  const changes = Object.keys(now).map((part) => {
    const a = before ? partText(before[part]) : undefined;
    const b = partText(now[part]);
    if (a === undefined) return `<section><h3>${esc(part)}</h3><pre class="text">${esc(b)}</pre></section>`;
    if (a === b) return `<section><h3>${esc(part)}</h3><p class="muted">Unchanged since ${esc(input.base!.label)}.</p></section>`;
    const diff = diffWordsWithSpace(a, b)
      .map((c) => (c.added ? `<ins>${esc(c.value)}</ins>` : c.removed ? `<del>${esc(c.value)}</del>` : esc(c.value)))
      .join('');
    return `<section><h3>${esc(part)} <span class="badge">changed</span></h3><pre class="text diff">${diff}</pre></section>`;
  });
  const title = `Review for ${OWNER_ROLES[role]}: ${unit.contract.title} (${unit.id} ${unit.contract.version})`;
  return `<!doctype html>
<html lang="${esc(unit.contract.language || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: var(--tandem-font, system-ui, sans-serif); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1, h2 { color: var(--tandem-primary, #1d4e89); }
.muted { color: #555; }
.badge { font-size: 0.75em; background: #fff0c2; border: 1px solid #c9a227; border-radius: 0.3em; padding: 0 0.4em; }
pre.text { white-space: pre-wrap; background: #f6f6f6; padding: 0.75rem; border-radius: 0.3rem; }
ins { background: #d7f5dd; text-decoration: underline; }
del { background: #fbdcdc; }
.command { font-family: ui-monospace, monospace; background: #1a1a1a; color: #fff; padding: 0.75rem; border-radius: 0.3rem; overflow-wrap: anywhere; }
.screen { border: 1px solid #ccc; border-radius: 0.4rem; padding: 0 1rem; margin: 1rem 0; }
img { max-width: 100%; }
table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: 0.3rem; }
</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p>${status}</p>
<p>You answer for: ${esc(Object.keys(now).join(', '))}. Slice hash: <code>${state.slice.hash}</code></p>
<h2>What changed${input.base ? ` since ${esc(input.base.label)}` : ''}</h2>
${input.noBase ? `<p class="muted">${esc(input.noBase)}</p>` : ''}
${changes.join('\n')}
<h2>As learners see it</h2>
${rendered(unit, role)}
<h2>To approve</h2>
<p>When this is right, run this in the course repository (or ask the L&amp;D lead to run it for you):</p>
<p class="command">${esc(input.approveCommand)}</p>
</main>
</body>
</html>
`;
}

/** A part as plain, diffable text. */
function partText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '(none)';
  return stringify(value, { lineWidth: 100 }).trimEnd();
}

function rendered(unit: Unit, role: OwnerRole): string {
  const md = (text: string) => inlineImages(sanitizeAuthorHtml(marked.parse(text, { async: false })).html, unit.dir);
  const out: string[] = [];
  const c = unit.contract;
  if (role === 'sme' || role === 'ld_lead')
    for (const s of unit.lesson?.screens ?? [])
      out.push(
        `<section class="screen" aria-label="Screen ${s.index}"><h3>${s.index}. ${esc(s.title)}</h3>${s.blocks
          .map((b) => (b.kind === 'markdown' ? md(b.markdown) : b.kind === 'question' ? `<p><strong>Question (${esc(b.question.type)}):</strong> ${esc(b.question.prompt)}</p>` : ''))
          .join('\n')}</section>`,
      );
  if ((role === 'sme' || role === 'ops_manager') && unit.jobAid?.steps) out.push(`<section class="screen"><h3>Job aid: ${esc(unit.jobAid.steps.heading)}</h3>${md(unit.jobAid.steps.markdown)}</section>`);
  if (role === 'ops_manager') {
    for (const s of [unit.jobAid?.context, unit.jobAid?.decisionTable, unit.jobAid?.watchOuts, unit.jobAid?.escalation]) if (s) out.push(`<section class="screen"><h3>Job aid: ${esc(s.heading)}</h3>${md(s.markdown)}</section>`);
  }
  if (role === 'ld_lead') out.unshift(`<dl><dt>Objective ${esc(c.objective.id)}</dt><dd>${esc(c.objective.statement)}</dd><dt>Risk (${esc(c.risk.severity)})</dt><dd>${esc(c.risk.statement)}</dd></dl>`);
  if (role === 'analyst')
    out.push(
      `<dl><dt>Metric (${esc(c.metric.layer)})</dt><dd>${esc(c.metric.name)}</dd><dt>Baseline</dt><dd>${esc(c.metric.baseline)}</dd><dt>Target</dt><dd>${esc(c.metric.target)}</dd>` +
        `<dt>Reinforcement</dt><dd>${c.reinforcement ? `after ${c.reinforcement.afterDays} days: <ul>${c.reinforcement.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : 'none'}</dd></dl>`,
    );
  return out.join('\n');
}

const MIME: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/** Images of the unit as data: URIs, so the page is one file; anything else keeps its reference. */
function inlineImages(html: string, dir: string): string {
  return html.replace(/(<img\b[^>]*\bsrc=")([^"]+)(")/g, (whole, open: string, src: string, close: string) => {
    const rel = src.replace(/&amp;/g, '&');
    const mime = MIME[path.extname(rel).toLowerCase()];
    if (!mime || /^[a-z][a-z0-9+.-]*:/i.test(rel) || rel.includes('..')) return whole;
    try {
      return `${open}data:${mime};base64,${readFileSync(path.join(dir, rel)).toString('base64')}${close}`;
    } catch {
      return whole;
    }
  });
}


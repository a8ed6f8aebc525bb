/**
 * The preview's own pages: the course index, a unit's page (the lesson in its LMS frame beside
 * the panel) and a unit's job aid (HTML, print previews, QR self-test). Plain HTML around one
 * bundled script (runtime/preview, served at /_preview/preview.js), which reads its settings from
 * the JSON block `#preview-config`.
 */
import type { CourseSummary, PlayAdapter, UnitSummary } from '../unitBuilds.js';
import { PREVIEW_STYLES } from './previewStyles.js';
import type { PreviewConfig } from '../../runtime/contract/previewMessages.js';

export const ADAPTER_LABELS: Record<PlayAdapter, string> = { scorm12: 'SCORM 1.2', xapi: 'Tin Can', cmi5: 'cmi5' };

const PAPER_LABELS: Record<string, string> = { a4: 'A4', letter: 'US Letter', pocket: 'Pocket card (A6)' };

export function indexPage(course: CourseSummary): string {
  const rows = course.units
    .map(
      (u) => `<li data-unit="${esc(u.id)}"><a href="/units/${encodeURIComponent(u.id)}/">${esc(u.title)}</a> <code>${esc(u.id)}</code>
  <span class="build" data-build-status="${esc(u.id)}"></span>
  <p>${esc(u.objective)}</p>
  ${u.hasJobAid ? `<a href="/units/${encodeURIComponent(u.id)}/job-aid">Job aid</a>` : ''}</li>`,
    )
    .join('\n');
  return page(`${course.title} — preview`, `<header><h1>${esc(course.title)}</h1><span class="muted">Tandem preview · ${course.units.length} unit(s)</span></header>
<main class="index"><ol class="units">${rows}</ol></main>`, { page: 'index' });
}

/** `shown`: the build the page opens on, and whether it has a lesson to play (not when its first build failed). */
export function unitPage(course: CourseSummary, unit: UnitSummary, adapter: PlayAdapter, shown: { generation: number; playable: boolean }): string {
  const id = encodeURIComponent(unit.id);
  const modes = (Object.keys(ADAPTER_LABELS) as PlayAdapter[])
    .map((a) => (a === adapter ? `<strong aria-current="page">${ADAPTER_LABELS[a]}</strong>` : `<a href="/units/${id}/?adapter=${a}">${ADAPTER_LABELS[a]}</a>`))
    .join(' · ');
  const scormOnly = adapter === 'scorm12';
  const body = `<header><a href="/">${esc(course.title)}</a> › <h1>${esc(unit.title)}</h1>
  <nav aria-label="Tracking">${modes}</nav>
  ${unit.hasJobAid ? `<a href="/units/${id}/job-aid">Job aid</a>` : ''}
  <output class="build" data-build-status role="status" aria-live="polite">building</output></header>
<main class="split">
  <section class="stage"><iframe id="lesson" title="Lesson: ${esc(unit.title)}"></iframe></section>
  <aside class="panel" aria-label="Tracking panel">
    <section data-diagnostics hidden aria-label="Problems"></section>
    <div class="controls">
      <button type="button" data-action="reset">Reset learner</button>
      <button type="button" data-action="resume">Resume</button>
      <label>Mode <select data-launch-mode>
        <option value="normal">normal</option><option value="review">review</option><option value="browse">browse</option>
      </select></label>
    </div>
    ${scormOnly ? `<div class="budget"><label for="budget">suspend_data</label> <meter id="budget" data-suspend-budget min="0" max="4096" low="3072" high="3900" optimum="0" value="0"></meter> <span data-suspend-text>0 / 4096</span></div>` : ''}
    <p class="summary"><span data-violation-count>0</span> violation(s) · <span data-entry-count>0</span> ${scormOnly ? 'call(s)' : 'statement(s)'}</p>
    <ol class="log" data-log aria-label="${scormOnly ? 'CMI calls' : 'Statements'}"></ol>
  </aside>
</main>`;
  return page(`${unit.title} — preview`, body, {
    page: 'unit',
    unitId: unit.id,
    adapter,
    masteryScore: unit.masteryScore,
    generation: shown.generation,
    playable: shown.playable,
  }, scormOnly ? ['/_preview/scorm12.js'] : []);
}

export function jobAidPage(course: CourseSummary, unit: UnitSummary, expectedQr: string | undefined): string {
  const id = encodeURIComponent(unit.id);
  const papers = course.papers
    .map((p) => `<figure class="paper"><figcaption>${esc(PAPER_LABELS[p] ?? p)} (print preview)</figcaption>
  <iframe title="${esc(unit.title)} printed on ${esc(PAPER_LABELS[p] ?? p)}" data-paper="${esc(p)}" src="/job-aid/${id}/${encodeURIComponent(p)}.pdf" loading="lazy"></iframe></figure>`)
    .join('\n');
  const body = `<header><a href="/">${esc(course.title)}</a> › <a href="/units/${id}/">${esc(unit.title)}</a> › <h1>Job aid</h1>
  <output class="build" data-build-status role="status" aria-live="polite"></output></header>
<main class="jobaid">
  <section><h2>HTML</h2><p data-qr-check class="qr-check" role="status">Checking the QR code…</p>
    <iframe id="job-aid" title="Job aid: ${esc(unit.title)}" src="/job-aid/${id}.html"></iframe></section>
  <section><h2>Printed</h2>${papers}</section>
</main>`;
  return page(`${unit.title} — job aid preview`, body, { page: 'job-aid', unitId: unit.id, expectedQr: expectedQr ?? null });
}

export function messagePage(title: string, text: string): string {
  return page(title, `<header><a href="/">Preview</a> › <h1>${esc(title)}</h1></header><main><pre class="diagnostic">${esc(text)}</pre></main>`, { page: 'message' });
}

function page(title: string, body: string, config: PreviewConfig, scripts: string[] = []): string {
  // `</` cannot end the JSON block early: every `<` in it is escaped.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${PREVIEW_STYLES}</style>
<script type="application/json" id="preview-config">${json}</script>
${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
<script src="/_preview/preview.js" defer></script></head>
<body>${body}</body></html>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The ranked backlog in four forms: backlog.json (the contract scripts read: an array in rank
 * order, each with `id`, `rank` and `score`), backlog.csv (for a spreadsheet), backlog.md (for an
 * issue or a wiki) and backlog.html (one self-contained, accessible page to share). Byte-stable:
 * the same requests give the same bytes (no clock, no absolute paths).
 */
import { stringify } from 'csv-stringify/sync';
import type { RankedRequest } from './rankRequests.js';
import { escapeHtml as esc } from '../course/html/escapeHtml.js';

export const BACKLOG_FILES = ['backlog.json', 'backlog.csv', 'backlog.md', 'backlog.html'] as const;

/** One backlog entry as backlog.json writes it. */
export interface BacklogEntry {
  rank: number;
  id: string;
  score: number;
  title: string;
  source: string;
  workflow: string;
  impact: number;
  frequency: number;
  severity: string;
  risk: string;
  metric: string;
  baseline: string;
  requester: string;
  sme: string;
  date: string;
  trainingIsFix: boolean;
  jobAidOnly: boolean;
  /** What to build: `lesson + job aid`, or `job aid only` when the gap is not knowledge. */
  recommendation: string;
}

export function backlogEntries(ranked: readonly RankedRequest[]): BacklogEntry[] {
  return ranked.map((r) => ({
    rank: r.rank,
    id: r.id,
    score: r.score,
    title: r.title,
    source: r.source,
    workflow: r.workflow,
    impact: r.impact,
    frequency: r.frequency,
    severity: r.severity,
    risk: r.risk,
    metric: r.metric,
    baseline: r.baseline,
    requester: r.requester,
    sme: r.sme,
    date: r.date,
    trainingIsFix: r.trainingIsFix,
    jobAidOnly: r.jobAidOnly,
    recommendation: r.jobAidOnly ? 'job aid only' : 'lesson + job aid',
  }));
}

export function backlogJson(entries: readonly BacklogEntry[]): string {
  return JSON.stringify(entries, null, 2) + '\n';
}

const CSV_COLUMNS: (keyof BacklogEntry)[] = ['rank', 'id', 'score', 'title', 'source', 'workflow', 'impact', 'frequency', 'severity', 'risk', 'metric', 'baseline', 'requester', 'sme', 'date', 'recommendation'];

export function backlogCsv(entries: readonly BacklogEntry[]): string {
  return stringify(entries.map((e) => CSV_COLUMNS.map((c) => String(e[c]))), { header: true, columns: CSV_COLUMNS, record_delimiter: '\n' });
}

export function backlogMarkdown(entries: readonly BacklogEntry[], title: string): string {
  const cell = (s: string | number) => String(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const rows = entries.map((e) => `| ${e.rank} | ${cell(e.id)} | ${e.score} | ${cell(e.title)} | ${cell(e.workflow)} | ${e.source} | ${e.impact} × ${e.frequency} | ${e.severity} | ${cell(e.metric)} (baseline: ${cell(e.baseline)}) | ${cell(e.sme)} | ${e.date} | ${e.recommendation} |`);
  return [
    `# ${title}`,
    '',
    'Ranked by impact × frequency; ties by risk severity (high first), then the older request, then the id.',
    'Requests marked *job aid only* answered `training_is_fix: no`: people know how, the gap is tools, process or incentives.',
    '',
    '| Rank | Id | Score | Title | Workflow | Source | Impact × frequency | Severity | Metric | SME | Date | Build |',
    '| ---: | --- | ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    entries.length ? `Next: \`tandem new <unit-id> --from-request ${entries[0]!.id} --requests <this requests file>\` scaffolds the top request as a unit.` : 'No valid request to rank.',
    '',
  ].join('\n');
}

export function backlogHtml(entries: readonly BacklogEntry[], title: string): string {
  const rows = entries
    .map(
      (e) => `<tr${e.jobAidOnly ? ' class="aid-only"' : ''}>
<td>${e.rank}</td><th scope="row">${esc(e.id)}</th><td>${e.score}</td><td>${esc(e.title)}<br><span class="muted">${esc(e.workflow)}</span></td>
<td>${esc(e.source)}</td><td>${e.impact} × ${e.frequency}</td><td>${esc(e.severity)}</td><td>${esc(e.risk)}</td>
<td>${esc(e.metric)}<br><span class="muted">baseline: ${esc(e.baseline)}</span></td><td>${esc(e.sme)}</td><td><time datetime="${esc(e.date)}">${esc(e.date)}</time></td>
<td>${e.jobAidOnly ? '<strong>Job aid only</strong>' : 'Lesson + job aid'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: var(--tandem-font, system-ui, sans-serif); margin: 2rem; color: #1a1a1a; line-height: 1.4; }
h1 { color: var(--tandem-primary, #1d4e89); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 0.5rem 0; color: #444; }
th, td { border: 1px solid #c8c8c8; padding: 0.4rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: var(--tandem-primary, #1d4e89); color: var(--tandem-on-primary, #fff); }
tr.aid-only { background: #fff7e0; }
.muted { color: #555; font-size: 0.9em; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p>Ranked by impact × frequency; ties by risk severity (high first), then the older request, then the id. Rows marked “Job aid only” answered <code>training_is_fix: no</code>: people know how, the gap is tools, process or incentives.</p>
<table>
<caption>${entries.length} request${entries.length === 1 ? '' : 's'}, highest priority first</caption>
<thead><tr><th scope="col">Rank</th><th scope="col">Id</th><th scope="col">Score</th><th scope="col">Title and workflow</th><th scope="col">Source</th><th scope="col">Impact × frequency</th><th scope="col">Severity</th><th scope="col">Risk</th><th scope="col">Metric</th><th scope="col">SME</th><th scope="col">Date</th><th scope="col">Build</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

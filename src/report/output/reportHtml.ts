/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network), printable, and
 * readable without the charts: every chart is a <figure> followed by the table it was drawn from,
 * tables have captions and header cells, and the page has one h1 and an h2 per objective.
 */
import type { ExecutionKpis, ItemKpis, LearningKpis, MetricKpis, ObjectiveReport, ReinforcementKpis, Report } from '../reportModel.js';
import { difficultySpec, funnelSpec, renderChart } from './reportCharts.js';
import { escapeHtml as esc } from '../../course/html/escapeHtml.js';

export async function reportHtml(report: Report): Promise<string> {
  const sections: string[] = [];
  for (const objective of report.objectives) sections.push(await objectiveSection(objective));
  const period = `${report.period.since ?? 'the first statement'} to ${report.period.until}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.course.title)}: KPI report, ${esc(period)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(report.course.title)}: KPI report</h1>
<p>Period ${esc(period)} (UTC, inclusive), windows of ${count(report.windowDays, 'day')}. Generated ${esc(report.generatedAt)}.</p>
<p>Read ${count(report.inputs.statementLines, 'statement line')}: ${count(report.inputs.duplicates, 'duplicate')} and ${count(report.inputs.voided, 'voided statement')} left out,
${count(report.inputs.unreadableLines, 'unreadable line')}, ${count(report.inputs.ignored, 'statement')} about other activities.</p>
<nav aria-label="Objectives"><ul>${report.objectives.map((o) => `<li><a href="#${anchor(o)}">${esc(o.objectiveId)}</a> (${count(o.flags.length, 'flag')})</li>`).join('')}</ul></nav>
</header>
<main>
${sections.join('\n')}
</main>
<footer><p>Definitions: a learner is one actor by IFI; completed, passed and failed count learners with at least one such statement;
difficulty is the share of learners whose first answer (by timestamp) was correct; discrimination is the corrected item-total correlation;
job-aid views count statements after de-duplication by id; voided statements are left out before anything is counted.</p></footer>
</body>
</html>
`;
}

async function objectiveSection(o: ObjectiveReport): Promise<string> {
  const windows = o.windows.map((w) => ({ heading: `${w.label} ${w.since} to ${w.until}`, learning: w.learning, execution: w.execution }));
  const columns = [{ heading: 'period', learning: o.learning, execution: o.execution }, ...windows];
  // A chart of nothing is an axis labelled 0.000000: say there is nothing to draw instead (the table stays).
  const reached = o.windows.some((w) => w.learning.launched + w.learning.completed + w.learning.passed > 0);
  const funnel = reached
    ? `<figure>${await renderChart(funnelSpec(o))}<figcaption>Learners launched, completed and passed per window (table below).</figcaption></figure>`
    : '<p class="empty">No learner launched, completed or passed this lesson in the windows: no chart to draw.</p>';
  const answered = o.items.some((i) => i.difficulty !== null);
  return `<section aria-labelledby="${anchor(o)}">
<h2 id="${anchor(o)}">${esc(o.objectiveId)}: ${esc(o.title)}</h2>
<p>Unit <code>${esc(o.unitId)}</code>, version ${esc(o.unitVersion)}.</p>
${flagList(o)}
<h3>Learning</h3>
${funnel}
${learningTable(o, columns)}
<h3>Items</h3>
${answered ? `<figure>${await renderChart(difficultySpec(o))}<figcaption>First answer correct, per question (table below).</figcaption></figure>` : '<p class="empty">No question was answered in the period: no chart to draw.</p>'}
${itemTable(o.items)}
<h3>Execution</h3>
${executionTable(columns)}
${metricTable('Execution metrics', o.execution.metrics)}
<h3>Business</h3>
${metricTable('Business metrics', o.business.metrics)}
${o.pilot ? pilotTable(o.pilot) : ''}
${o.reinforcement ? reinforcementTables(o.reinforcement) : ''}
</section>`;
}

function flagList(o: ObjectiveReport): string {
  if (!o.flags.length) return '<p>No flags.</p>';
  return `<ul class="flags">${o.flags
    .map((f) => `<li class="${f.severity}"><strong>${esc(f.code)}</strong> (${f.severity}): ${esc(f.message)} <em>${esc(f.hint)}</em></li>`)
    .join('')}</ul>`;
}

type Column = { heading: string; learning: LearningKpis; execution: ExecutionKpis };

const LEARNING_ROWS: [string, (l: LearningKpis) => string][] = [
  ['learners reached', (l) => num(l.learners)],
  ['launched', (l) => num(l.launched)],
  ['completed', (l) => num(l.completed)],
  ['passed', (l) => num(l.passed)],
  ['failed', (l) => num(l.failed)],
  ['completion rate', (l) => pct(l.completionRate)],
  ['first-attempt pass rate', (l) => pct(l.firstAttemptPassRate)],
  ['mean score', (l) => pct(l.meanScore)],
  ['attempts per learner', (l) => num(l.attemptsPerLearner)],
  ['median time', (l) => (l.medianSeconds === null ? '–' : `${Math.round(l.medianSeconds / 60)} min`)],
  ['drop-off screen', (l) => (l.dropOff ? `screen ${l.dropOff.screen} (${count(l.dropOff.learners, 'learner')})` : '–')],
];

function learningTable(o: ObjectiveReport, columns: Column[]): string {
  return table(`Learning KPIs for ${o.objectiveId}`, ['KPI', ...columns.map((c) => c.heading)], LEARNING_ROWS.map(([name, cell]) => [name, ...columns.map((c) => cell(c.learning))]));
}

function executionTable(columns: Column[]): string {
  const rows: [string, (e: ExecutionKpis) => string][] = [
    ['job-aid views', (e) => num(e.jobAidViews)],
    ['distinct devices', (e) => num(e.jobAidDevices)],
    ['views per completer', (e) => num(e.viewsPerCompleter)],
    ['printed copies scanned', (e) => num(e.printedScans)],
    ['scans of a superseded copy', (e) => pct(e.staleScanShare)],
  ];
  const channels = [...new Set(columns.flatMap((c) => c.execution.jobAidViewsByChannel.map((v) => v.channel)))].sort();
  for (const channel of channels) rows.push([`views from ${channel}`, (e) => num(e.jobAidViewsByChannel.find((v) => v.channel === channel)?.views ?? 0)]);
  return table('Job-aid use', ['KPI', ...columns.map((c) => c.heading)], rows.map(([name, cell]) => [name, ...columns.map((c) => cell(c.execution))]));
}

function itemTable(items: ItemKpis[]): string {
  return table(
    'Items over the period',
    ['question', 'n', 'difficulty', 'discrimination', 'options chosen'],
    items.map((i) => [i.questionId, num(i.n), pct(i.difficulty), num(i.discrimination), i.options.map((o) => `${o.option}: ${pct(o.share)}`).join(', ') || '–']),
  );
}

function reinforcementTables(r: ReinforcementKpis): string {
  const overall = table(
    'Nudges over the period',
    ['KPI', 'value', 'n'],
    [
      ['nudges sent (scheduled and due)', r.nudgesSent === null ? 'no --schedule' : num(r.nudgesSent), '–'],
      ['nudges answered', num(r.answered), '–'],
      ['learners who answered', num(r.learners), '–'],
      ['answered correctly', num(r.correct), num(r.answered)],
      ['delayed correctness', pct(r.delayedCorrectness), num(r.answered)],
      ['first-attempt correctness, same questions', pct(r.firstAttemptCorrectness), num(r.firstAttemptAnswers)],
    ],
  );
  const channels = table(
    'Nudge answers per channel',
    ['channel', 'answered', 'correct', 'delayed correctness'],
    r.byChannel.map((c) => [c.channel, num(c.answered), num(c.correct), pct(c.delayedCorrectness)]),
  );
  return `<h3>Reinforcement</h3>\n${overall}\n${channels}`;
}

function metricTable(caption: string, metrics: MetricKpis[]): string {
  if (!metrics.length) return `<p>${esc(caption)}: no operations data for this objective.</p>`;
  return table(
    caption,
    ['metric', 'baseline', 'current', 'change', 'n', '95% CI'],
    metrics.map((m) => [m.name, num(m.baseline), num(m.current), num(m.change), num(m.n), m.ci95 ? `${num(m.ci95[0])} to ${num(m.ci95[1])}` : '–']),
  );
}

function pilotTable(pilot: NonNullable<ObjectiveReport['pilot']>): string {
  return `<h3>Pilot vs rest</h3>${table(
    `Team ${pilot.team} from ${pilot.start} against the other teams (difference in differences)`,
    ['metric', 'pilot before', 'pilot after', 'rest before', 'rest after', 'estimate', '95% CI', 'rows'],
    pilot.metrics.map((m) => [
      m.name,
      num(m.means.pilotBefore),
      num(m.means.pilotAfter),
      num(m.means.restBefore),
      num(m.means.restAfter),
      num(m.estimate),
      m.ci95 ? `${num(m.ci95[0])} to ${num(m.ci95[1])}` : '–',
      m.n.join(' / '),
    ]),
  )}`;
}

function table(caption: string, head: string[], rows: string[][]): string {
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr><th scope="row">${esc(r[0]!)}</th>${r.slice(1).map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function num(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 1000) / 1000);
}

function pct(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 1000) / 10}%`;
}

const PLURAL = new Intl.PluralRules('en');

/** `1 statement`, `2 statements`, `0 statements`: the page is in English (lang="en"). */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${n} ${PLURAL.select(n) === 'one' ? one : other}`;
}

function anchor(o: ObjectiveReport): string {
  return `objective-${o.objectiveId.toLowerCase()}`;
}


const CSS = `
body{font-family:system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-top:2px solid #1f4e79;padding-top:.75rem;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8a8a;padding:.2rem .5rem;text-align:right}th[scope=row],thead th:first-child{text-align:left}
figure{margin:.5rem 0}figcaption{font-size:.85rem;color:#444}
.empty{color:#444;font-style:italic}.flags li.warning{color:#7a4a00}.flags li.error{color:#8b0000}a{color:#1f4e79}
@media print{section{break-before:page}nav{display:none}a{color:inherit}}
`;

/**
 * The report's charts: Vega-Lite specs compiled and rendered to SVG in Node by Vega's headless
 * view (`renderer: 'none'` + `toSVG()`), so report.html carries them inline and works offline.
 * Every chart is drawn from the same rows as the table printed beside it (report.html), and
 * carries a description that Vega puts in the SVG's aria-label.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ObjectiveReport } from '../reportModel.js';

export async function renderChart(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // The SVG sits inside a <figure> with its own caption; role="img" makes screen readers read its label once.
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(spec.description ?? '')}" `);
  } finally {
    view.finalize();
  }
}

/** Learners launched, completed and passed, per window: the funnel of the learning layer. */
export function funnelSpec(objective: ObjectiveReport): TopLevelSpec {
  const values = objective.windows.flatMap((w) =>
    (['launched', 'completed', 'passed'] as const).map((stage) => ({ window: `${w.label} (${w.since} to ${w.until})`, stage, learners: w.learning[stage] })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${objective.objectiveId}: learners launched, completed and passed, per window`,
    data: { values },
    width: 360,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'stage', type: 'nominal', sort: ['launched', 'completed', 'passed'], title: null },
      yOffset: { field: 'window', type: 'nominal' },
      x: { field: 'learners', type: 'quantitative', title: 'learners', axis: { tickMinStep: 1 } },
      color: { field: 'window', type: 'nominal', title: 'window', scale: { range: ['#9bb7d4', '#1f4e79'] } },
    },
  };
}

/** Each question's difficulty (share correct on the first answer) over the period. */
export function difficultySpec(objective: ObjectiveReport): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${objective.objectiveId}: share of learners whose first answer was correct, per question`,
    data: { values: objective.items.filter((i) => i.difficulty !== null).map((i) => ({ question: i.questionId, difficulty: i.difficulty, n: i.n })) },
    width: 360,
    mark: { type: 'bar', color: '#1f4e79' },
    encoding: {
      y: { field: 'question', type: 'nominal', sort: null, title: null },
      x: { field: 'difficulty', type: 'quantitative', title: 'first answer correct', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

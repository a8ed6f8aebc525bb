/**
 * kpi.csv and items.csv: the report in long format for spreadsheets and BI tools. One row per
 * objective × window × KPI (kpi.csv) or × question (items.csv); `window` is `period` for the whole
 * requested period. Written with csv-stringify (RFC 4180 quoting).
 */
import { stringify } from 'csv-stringify/sync';
import type { ExecutionKpis, ItemKpis, LearningKpis, MetricKpis, ObjectiveReport, Report } from '../reportModel.js';

interface Block {
  window: string;
  since: string;
  until: string;
  learning: LearningKpis;
  items: ItemKpis[];
  execution: ExecutionKpis;
  business: MetricKpis[];
}

function blocks(report: Report, o: ObjectiveReport): Block[] {
  return [
    { window: 'period', since: report.period.since ?? '', until: report.period.until, learning: o.learning, items: o.items, execution: o.execution, business: o.business.metrics },
    ...o.windows.map((w) => ({ window: w.label, since: w.since, until: w.until, learning: w.learning, items: w.items, execution: w.execution, business: [] })),
  ];
}

export function kpiCsv(report: Report): string {
  const rows: (string | number | null)[][] = [['objective_id', 'unit_id', 'window', 'since', 'until', 'layer', 'kpi', 'value', 'n']];
  for (const o of report.objectives) {
    for (const b of blocks(report, o)) {
      const row = (layer: string, kpi: string, value: number | null, n: number | null) => rows.push([o.objectiveId, o.unitId, b.window, b.since, b.until, layer, kpi, value, n]);
      const l = b.learning;
      row('learning', 'learners', l.learners, l.learners);
      row('learning', 'launched', l.launched, l.learners);
      row('learning', 'completed', l.completed, l.learners);
      row('learning', 'passed', l.passed, l.learners);
      row('learning', 'failed', l.failed, l.learners);
      row('learning', 'completion_rate', l.completionRate, l.launched);
      row('learning', 'first_attempt_pass_rate', l.firstAttemptPassRate, null);
      row('learning', 'mean_score', l.meanScore, null);
      row('learning', 'attempts_per_learner', l.attemptsPerLearner, null);
      row('learning', 'median_seconds', l.medianSeconds, l.completed);
      row('learning', 'drop_off_screen', l.dropOff?.screen ?? null, l.dropOff?.learners ?? 0);
      const e = b.execution;
      row('execution', 'job_aid_views', e.jobAidViews, e.jobAidViews);
      row('execution', 'job_aid_devices', e.jobAidDevices, e.jobAidDevices);
      row('execution', 'views_per_completer', e.viewsPerCompleter, l.completed);
      row('execution', 'stale_scan_share', e.staleScanShare, e.printedScans);
      for (const v of e.jobAidViewsByChannel) row('execution', `job_aid_views_${v.channel}`, v.views, e.jobAidViews);
      for (const m of [...e.metrics, ...b.business]) row(m.layer, m.name, m.current, m.n);
      // The reinforcement block is computed for the whole period only.
      const r = b.window === 'period' ? o.reinforcement : undefined;
      if (r) {
        row('reinforcement', 'nudges_sent', r.nudgesSent, null);
        row('reinforcement', 'nudges_answered', r.answered, r.answered);
        row('reinforcement', 'nudge_learners', r.learners, r.learners);
        row('reinforcement', 'nudges_correct', r.correct, r.answered);
        row('reinforcement', 'delayed_correctness', r.delayedCorrectness, r.answered);
        row('reinforcement', 'first_attempt_correctness', r.firstAttemptCorrectness, r.firstAttemptAnswers);
        for (const c of r.byChannel) row('reinforcement', `delayed_correctness_${c.channel}`, c.delayedCorrectness, c.answered);
      }
    }
  }
  return stringify(rows);
}

export function itemsCsv(report: Report): string {
  const rows: (string | number | null)[][] = [['objective_id', 'unit_id', 'window', 'since', 'until', 'question_id', 'n', 'difficulty', 'discrimination', 'option', 'option_share']];
  for (const o of report.objectives) {
    for (const b of blocks(report, o)) {
      for (const item of b.items) {
        const base = [o.objectiveId, o.unitId, b.window, b.since, b.until, item.questionId, item.n, item.difficulty, item.discrimination];
        if (!item.options.length) rows.push([...base, '', null]);
        for (const option of item.options) rows.push([...base, option.option, option.share]);
      }
    }
  }
  return stringify(rows);
}

/**
 * An ops metric over a window: the mean of its observations with a 95% confidence interval, set
 * against the baseline written in unit.yaml. Observations are the rows of the ops CSV (one per
 * date and team); `n` is how many rows the mean is over. The interval is Student's t
 * (mean ± t₀.₉₇₅,ₙ₋₁ · s/√n), which stays honest for the handful of rows a 14-day window holds.
 */
import type { UnitContract } from '../../course/index.js';

type MetricLayer = UnitContract['metric']['layer'];
import type { MetricKpis } from '../reportModel.js';
import { round } from '../kpi/objectiveAccumulator.js';

/** t₀.₉₇₅ for 1–30 degrees of freedom; above 30 the normal 1.96 is within 2%. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function metricSummary(name: string, layer: MetricLayer, baseline: number | null, values: readonly number[]): MetricKpis {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : null;
  let ci95: [number, number] | null = null;
  if (n >= 2 && mean !== null) {
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
    const half = (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
    ci95 = [round(mean - half), round(mean + half)];
  }
  return {
    name,
    layer,
    baseline,
    current: mean === null ? null : round(mean),
    change: mean === null || baseline === null ? null : round(mean - baseline),
    n,
    ci95,
  };
}

/**
 * The number in unit.yaml's free-text baseline ("6.1% of sampled escalations" → 6.1,
 * "$310,000 per quarter" → 310000), or null when it has none. Ops values are compared in the same
 * unit the baseline is written in.
 */
export function baselineNumber(text: string): number | null {
  const m = /-?\d[\d,]*(?:\.\d+)?/.exec(text);
  if (!m) return null;
  const value = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

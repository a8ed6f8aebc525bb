/**
 * The backlog order: impact × frequency (the seed's rule), ties broken by risk severity
 * (high > medium > low), then the older request, then the id (code-point order, not the locale's,
 * so every machine writes the same bytes).
 */
import type { TrainingRequest } from './request.js';

export interface RankedRequest extends TrainingRequest {
  /** 1-based position in the backlog. */
  rank: number;
  /** impact × frequency, 1 to 25. */
  score: number;
  /** The gap is not knowledge (`training_is_fix: no`): write a job aid, not a lesson. */
  jobAidOnly: boolean;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

export function rankRequests(requests: readonly TrainingRequest[], top?: number): RankedRequest[] {
  const scored = requests.map((r) => ({ r, score: r.impact * r.frequency }));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      SEVERITY_ORDER[a.r.severity] - SEVERITY_ORDER[b.r.severity] ||
      compare(a.r.date, b.r.date) ||
      compare(a.r.id, b.r.id),
  );
  const picked = top === undefined ? scored : scored.slice(0, top);
  return picked.map(({ r, score }, i) => ({ ...r, rank: i + 1, score, jobAidOnly: !r.trainingIsFix }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Pilot vs rest (the 30-day rollout: pilot with one team, then scale): a difference-in-differences
 * estimate per ops metric, from the ops rows' `team` and the pilot's start date:
 *
 *     estimate = (pilot after − pilot before) − (rest after − rest before)
 *
 * each term the mean of its rows in the requested period. The 95% interval is the normal one with
 * the four means' variances added (s²/n per cell); it needs two rows in every cell, else the
 * estimate is null. Trends shared by every team (season, volume) cancel out; what is left is the
 * change the pilot team saw beyond the others.
 */
import { round } from '../kpi/objectiveAccumulator.js';
import type { PilotDifference } from '../reportModel.js';

export interface PilotCells {
  pilotBefore: number[];
  pilotAfter: number[];
  restBefore: number[];
  restAfter: number[];
}

export function emptyCells(): PilotCells {
  return { pilotBefore: [], pilotAfter: [], restBefore: [], restAfter: [] };
}

export function pilotDifference(name: string, cells: PilotCells): PilotDifference {
  const stats = (values: number[]) => {
    const n = values.length;
    const mean = n ? values.reduce((a, b) => a + b, 0) / n : null;
    const variance = n >= 2 && mean !== null ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : null;
    return { n, mean, variance };
  };
  const pb = stats(cells.pilotBefore);
  const pa = stats(cells.pilotAfter);
  const rb = stats(cells.restBefore);
  const ra = stats(cells.restAfter);
  const all = [pb, pa, rb, ra];
  const complete = all.every((c) => c.variance !== null);
  const estimate = complete ? pa.mean! - pb.mean! - (ra.mean! - rb.mean!) : null;
  const se = complete ? Math.sqrt(all.reduce((a, c) => a + c.variance! / c.n, 0)) : null;
  return {
    name,
    estimate: estimate === null ? null : round(estimate),
    ci95: estimate === null || se === null ? null : [round(estimate - 1.96 * se), round(estimate + 1.96 * se)],
    n: [pb.n, pa.n, rb.n, ra.n],
    means: {
      pilotBefore: pb.mean === null ? null : round(pb.mean),
      pilotAfter: pa.mean === null ? null : round(pa.mean),
      restBefore: rb.mean === null ? null : round(rb.mean),
      restAfter: ra.mean === null ? null : round(ra.mean),
    },
  };
}

/** Rates as report.json writes them: six decimals, null when there is nothing to divide by. */

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole) : null;
}

/** Six decimals: enough for any rate, and no 0.30000000000000004 in report.json. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

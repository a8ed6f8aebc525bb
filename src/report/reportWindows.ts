/**
 * The period a report covers and the windows it breaks it into. Dates are `YYYY-MM-DD`, UTC,
 * inclusive; internally a window is [start, end) in epoch milliseconds.
 */
const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateRange {
  label: string;
  start: number;
  end: number;
}

export interface ReportPeriod {
  /** Null: open start (everything up to `until`). */
  since: string | null;
  until: string;
  range: DateRange;
  /** The window before the current one, then the current one (the last `days` days). */
  windows: DateRange[];
  days: number;
}

/** Milliseconds at the start of a UTC date, or undefined when it is not a real YYYY-MM-DD date. */
export function parseDay(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === text ? at : undefined;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function reportPeriod(options: { since?: string; until: string; days: number }): ReportPeriod {
  const untilStart = parseDay(options.until);
  if (untilStart === undefined) throw new Error(`Not a YYYY-MM-DD date: ${options.until}`);
  const sinceStart = options.since === undefined ? undefined : parseDay(options.since);
  if (options.since !== undefined && sinceStart === undefined) throw new Error(`Not a YYYY-MM-DD date: ${options.since}`);
  const end = untilStart + DAY;
  const start = sinceStart ?? Number.NEGATIVE_INFINITY;
  const clip = (label: string, s: number, e: number): DateRange => ({ label, start: Math.max(s, start), end: Math.min(e, end) });
  const currentStart = end - options.days * DAY;
  const windows = [clip('previous', currentStart - options.days * DAY, currentStart), clip('current', currentStart, end)].filter((w) => w.end > w.start);
  return { since: options.since ?? null, until: options.until, range: { label: 'period', start, end }, windows, days: options.days };
}

export function inRange(range: DateRange, at: number): boolean {
  return at >= range.start && at < range.end;
}

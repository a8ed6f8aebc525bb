/**
 * The roster CSV: `learner,email,team,timezone`, `learner` being the actor's IFI string as in the
 * schedule (`mailto:ana@example.com`). A learner's time zone puts nudges at the local hour; an
 * unknown zone is reported and the course's default is used, so one typo does not stop the run.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { IANAZone } from 'luxon';
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import type { LearnerInfo } from './scheduleNudges.js';

const HEADER = ['learner', 'email', 'team', 'timezone'] as const;

export async function readRoster(file: string): Promise<{ roster: Map<string, LearnerInfo>; diagnostics: Diagnostic[] }> {
  const roster = new Map<string, LearnerInfo>();
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { roster, diagnostics: [diagnose('ROSTER_INVALID', { detail: `it could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }, { file, line: 1, column: 1 })] };
  }
  let rows: { record: string[]; line: number }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, on_record: (record: string[], context: { lines: number }) => ({ record, line: context.lines }) } as never) as unknown as { record: string[]; line: number }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { roster, diagnostics: [diagnose('ROSTER_INVALID', { detail: (error as Error).message }, { file, line, column: 1 })] };
  }
  const header = rows[0]?.record.map((h) => h.toLowerCase()) ?? [];
  const missing = HEADER.filter((h) => !header.includes(h));
  if (missing.length) return { roster, diagnostics: [diagnose('ROSTER_INVALID', { detail: `the header has no ${missing.join(', ')} column (expected ${HEADER.join(',')})` }, { file, line: 1, column: 1 })] };
  const col = Object.fromEntries(HEADER.map((h) => [h, header.indexOf(h)])) as Record<(typeof HEADER)[number], number>;
  // luxon builds an Intl.DateTimeFormat per check: asked once per zone, not once per row (40,000 rows took 1 GB).
  const validZones = new Map<string, boolean>();
  const isZone = (zone: string) => {
    let valid = validZones.get(zone);
    if (valid === undefined) validZones.set(zone, (valid = IANAZone.isValidZone(zone)));
    return valid;
  };
  for (const { record, line } of rows.slice(1)) {
    const learner = record[col.learner] ?? '';
    if (!learner) continue;
    const zone = record[col.timezone] ?? '';
    // mailto: IRIs compare case-insensitively in xAPI; the schedule writes them lower-cased.
    const key = learner.toLowerCase().startsWith('mailto:') ? learner.toLowerCase() : learner;
    if (roster.has(key)) {
      diagnostics.push(diagnose('ROSTER_INVALID', { detail: `learner ${learner} is listed twice; the first row is used` }, { file, line, column: 1 }));
      continue;
    }
    const entry: LearnerInfo = {};
    if (record[col.email]) entry.email = record[col.email];
    if (record[col.team]) entry.team = record[col.team];
    if (zone && isZone(zone)) entry.timeZone = zone;
    else if (zone) diagnostics.push(diagnose('ROSTER_TIME_ZONE_UNKNOWN', { zone, learner }, { file, line, column: header.indexOf('timezone') + 1 }));
    roster.set(key, entry);
  }
  return { roster, diagnostics };
}

/**
 * Operations data: CSV in long format, one observation per row (README, "Operations data"):
 *
 *     date,objective_id,team,metric,value,n
 *     2026-11-03,OBJ-SUP-REFUND-500,north,Refunds over $500 approved without evidence,4.2,120
 *
 * `date` (YYYY-MM-DD), `objective_id` or `unit_id`, `metric` and `value` are required; `team` and
 * `n` (the cases behind the value) are optional. Parsed as a stream with csv-parse, so a year of
 * daily rows per team costs nothing; every problem is a diagnostic at file:line:column and the row
 * is left out, the rest still count, as `tandem check` reports a broken unit and checks the others.
 */
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';
import type { CourseIndex, IndexedObjective } from '../courseIndex.js';
import { parseDay } from '../reportWindows.js';

export interface OpsRow {
  objective: IndexedObjective;
  metric: string;
  /** Epoch ms at the start of the UTC day. */
  at: number;
  value: number;
  team?: string;
  n?: number;
}

const REQUIRED = ['date', 'metric', 'value'] as const;

export async function readOpsCsv(file: string, index: CourseIndex, onRow: (row: OpsRow) => void): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const byUnit = new Map(index.objectives.map((o) => [o.unit.id, o]));
  let columns: Map<string, number> | undefined;
  const parser = createReadStream(file).pipe(parse({ info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }));
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const line = record.info.lines;
      if (!columns) {
        columns = new Map(record.record.map((name, i) => [name.toLowerCase(), i]));
        const missing = [...REQUIRED.filter((c) => !columns!.has(c)), ...(columns.has('objective_id') || columns.has('unit_id') ? [] : ['objective_id or unit_id'])];
        if (missing.length) {
          diagnostics.push(diagnose('OPS_COLUMN_MISSING', { columns: missing.join(', ') }, { file, line, column: 1 }));
          return diagnostics;
        }
        continue;
      }
      const at = (name: string) => {
        const i = columns!.get(name);
        return i === undefined ? undefined : { text: record.record[i] ?? '', position: { file, line, column: fieldColumn(record.raw, i) } };
      };
      const date = at('date')!;
      const day = parseDay(date.text);
      if (day === undefined) {
        diagnostics.push(diagnose('OPS_DATE_INVALID', { value: date.text }, date.position));
        continue;
      }
      const key = at('objective_id')?.text ? at('objective_id')! : at('unit_id')!;
      const objective = key && (columns.has('objective_id') && at('objective_id')!.text ? index.byObjectiveId.get(key.text) : byUnit.get(key.text));
      if (!objective) {
        diagnostics.push(diagnose('OPS_KEY_UNKNOWN', { key: key?.text ?? '' }, key?.position ?? { file, line, column: 1 }));
        continue;
      }
      const metric = at('metric')!;
      if (metric.text !== objective.unit.contract.metric.name) {
        diagnostics.push(diagnose('OPS_METRIC_UNKNOWN', { metric: metric.text, objective: objective.objectiveId, expected: objective.unit.contract.metric.name }, metric.position));
        continue;
      }
      const value = at('value')!;
      const number = value.text === '' ? NaN : Number(value.text);
      if (!Number.isFinite(number)) {
        diagnostics.push(diagnose('OPS_VALUE_INVALID', { column: 'value', value: value.text, expected: 'a number, e.g. 4.2' }, value.position));
        continue;
      }
      const n = at('n');
      const cases = n && n.text !== '' ? Number(n.text) : undefined;
      if (cases !== undefined && !(Number.isInteger(cases) && cases > 0)) {
        diagnostics.push(diagnose('OPS_VALUE_INVALID', { column: 'n', value: n!.text, expected: 'a whole number above 0' }, n!.position));
        continue;
      }
      const team = at('team')?.text;
      onRow({ objective, metric: metric.text, at: day, value: number, ...(team ? { team } : {}), ...(cases !== undefined ? { n: cases } : {}) });
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const lines = (error as CsvError & { lines?: number }).lines;
    diagnostics.push(diagnose('OPS_CSV_MALFORMED', { reason: error.message }, { file, line: lines ?? 1, column: 1 }));
  }
  if (!columns) diagnostics.push(diagnose('OPS_COLUMN_MISSING', { columns: [...REQUIRED, 'objective_id or unit_id'].join(', ') }, { file, line: 1, column: 1 }));
  return diagnostics;
}

/** 1-based character column where field `index` starts in the raw record (quotes respected). */
function fieldColumn(raw: string, index: number): number {
  let field = 0;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    if (field === index) return i + 1;
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) field++;
  }
  return raw.length + 1;
}

/**
 * A requests CSV, one request per row, with the header
 * `id,title,source,workflow,impact,frequency,risk,severity,metric,baseline,requester,sme,date,training_is_fix`
 * (any column order; README, "Intake"). Every field keeps its file:line:column so a diagnostic
 * points at the cell to fix, as `tandem report` does for operations CSVs.
 */
import { parse, CsvError } from 'csv-parse/sync';
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { REQUEST_FIELDS, type RawRequest, type RequestField } from './request.js';

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function readRequestsCsv(file: string, text: string): { rows: RawRequest[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rows: RawRequest[] = [];
  let records: CsvRecord[];
  let malformed: Diagnostic | undefined;
  try {
    records = parse(text, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as CsvRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const lines = (error as CsvError & { lines?: number }).lines ?? 1;
    malformed = diagnose('INTAKE_FILE_MALFORMED', { reason: error.message }, { file, line: lines, column: 1 });
    // Rows before the broken one still count: parse them again up to the line before.
    records = safePrefix(text, lines);
  }
  const [header, ...body] = records;
  if (!header) {
    diagnostics.push(diagnose('INTAKE_COLUMN_MISSING', { columns: REQUEST_FIELDS.join(', ') }, { file, line: 1, column: 1 }));
    return { rows, diagnostics: malformed ? [malformed] : diagnostics };
  }
  const columns = new Map<string, number>();
  header.record.forEach((name, i) => {
    const key = name.toLowerCase();
    if ((REQUEST_FIELDS as readonly string[]).includes(key)) columns.set(key, i);
    else diagnostics.push(diagnose('INTAKE_COLUMN_UNKNOWN', { column: name }, { file, line: header.info.lines, column: fieldPosition(header.raw, i).column }));
  });
  const missing = REQUEST_FIELDS.filter((f) => !columns.has(f));
  if (missing.length) {
    diagnostics.push(diagnose('INTAKE_COLUMN_MISSING', { columns: missing.join(', ') }, { file, line: header.info.lines, column: 1 }));
    return { rows, diagnostics };
  }
  for (const r of body) {
    // info.lines is the line the record ends on; a quoted field may span lines, so count from the raw text.
    const line = r.info.lines - (r.raw.replace(/\r?\n$/, '').split('\n').length - 1);
    const fields: RawRequest['fields'] = {};
    for (const [name, i] of columns) {
      const cell = fieldPosition(r.raw, i);
      fields[name as RequestField] = { text: r.record[i] ?? '', at: { file, line: line + cell.lines, column: cell.column } };
    }
    rows.push({ at: { file, line, column: 1 }, fields });
  }
  if (malformed) diagnostics.push(malformed);
  return { rows, diagnostics };
}

function safePrefix(text: string, badLine: number): CsvRecord[] {
  const prefix = text.split('\n').slice(0, Math.max(0, badLine - 1)).join('\n');
  try {
    return parse(prefix, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as CsvRecord[];
  } catch {
    return [];
  }
}

/** Where field `index` starts in the raw record: lines after the record's first, and the 1-based column (quotes respected). */
function fieldPosition(raw: string, index: number): { lines: number; column: number } {
  let field = 0;
  let quoted = false;
  let lines = 0;
  let column = 1;
  for (let i = 0; i < raw.length; i++) {
    if (field === index) return { lines, column };
    const c = raw[i];
    if (c === '\n') {
      lines++;
      column = 1;
    } else column++;
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) field++;
  }
  return { lines, column };
}

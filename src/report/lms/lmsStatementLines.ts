/** Reads an LMS export with the adapter that recognises its header row (see lmsAdapter). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import type { Course, Unit } from '../../course/index.js';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';
import type { LmsAdapter } from './lmsAdapter.js';
import type { SourceLine } from '../source/statementLines.js';
import { moodleScormReport } from './moodleScormReport.js';

export const LMS_ADAPTERS: readonly LmsAdapter[] = [moodleScormReport];

/**
 * Reads one LMS export for one unit as statement lines. Problems (an unknown export, rows
 * without a learner or a date) go to `diagnostics`; their rows are left out.
 */
export async function* lmsStatementLines(file: string, course: Course, unit: Unit, diagnostics: Diagnostic[]): AsyncGenerator<SourceLine> {
  const parser = createReadStream(file).pipe(parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }));
  let header: string[] | undefined;
  let adapter: LmsAdapter | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.record;
        adapter = LMS_ADAPTERS.find((a) => a.recognises(header!));
        if (!adapter) {
          diagnostics.push(diagnose('LMS_EXPORT_UNRECOGNISED', { known: LMS_ADAPTERS.map((a) => a.name).join(', ') }, { file, line: record.info.lines, column: 1 }));
          return;
        }
        continue;
      }
      const row = new Map(header.map((name, i) => [name, record.record[i] ?? '']));
      const line = record.info.lines;
      const idFor = (...parts: (string | number)[]) => uuidFrom(`${adapter!.name}|${unit.id}|${parts.join('|')}`);
      const result = adapter!.statements(row, { course, unit, line, file, idFor });
      if (!Array.isArray(result)) {
        diagnostics.push(result);
        continue;
      }
      for (const statement of result) yield { file, line, text: JSON.stringify(statement) };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    diagnostics.push(diagnose('LMS_EXPORT_UNRECOGNISED', { known: `a CSV file (${error.message})` }, { file, line: (error as CsvError & { lines?: number }).lines ?? 1, column: 1 }));
  }
}

/** A name-based UUID (RFC 4122 §4.3, version 5 layout over SHA-1). */
function uuidFrom(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Reads a requests file, CSV or GitHub issues JSON by its extension, validates every request and
 * reports duplicate ids. Valid requests are returned even when others are not: a broken row
 * never hides the rest of the backlog.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { readIssuesJson } from './readIssuesJson.js';
import { readRequestsCsv } from './readRequestsCsv.js';
import { validateRequest, type TrainingRequest } from './request.js';

export interface ReadRequestsResult {
  requests: TrainingRequest[];
  diagnostics: Diagnostic[];
  /** The file's text, for code frames (undefined when it could not be read). */
  text?: string;
}

export function readRequests(file: string): ReadRequestsResult {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return { requests: [], diagnostics: [diagnose('INTAKE_FORMAT_UNKNOWN', { path: file }, { file, line: 1, column: 1 })] };
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch {
    return { requests: [], diagnostics: [diagnose('INTAKE_FILE_NOT_FOUND', { path: file })] };
  }
  const read = ext === '.csv' ? readRequestsCsv(file, text) : readIssuesJson(file, text);
  const diagnostics = [...read.diagnostics];
  const requests: TrainingRequest[] = [];
  const firstLine = new Map<string, number>();
  for (const row of read.rows) {
    const id = row.fields.id?.text;
    if (id) {
      const seen = firstLine.get(id);
      if (seen !== undefined) {
        diagnostics.push(diagnose('INTAKE_ID_DUPLICATE', { request: id, firstLine: seen }, row.fields.id!.at));
        continue;
      }
      firstLine.set(id, row.fields.id!.at.line ?? row.at.line ?? 1);
    }
    const checked = validateRequest(row);
    diagnostics.push(...checked.diagnostics);
    if (checked.request) requests.push(checked.request);
  }
  return { requests, diagnostics, text };
}

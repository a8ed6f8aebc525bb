/** `tandem intake` as a library function: read, validate, rank, and the four backlog files as text. */
import { readRequests } from './readRequests.js';
import { rankRequests } from './rankRequests.js';
import { backlogCsv, backlogEntries, backlogHtml, backlogJson, backlogMarkdown, type BacklogEntry } from './writeBacklog.js';
import type { Diagnostic } from '../diagnostics/index.js';

export interface IntakeResult {
  entries: BacklogEntry[];
  /** File name → content, for backlog.json, .csv, .md and .html. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
  /** Text of the requests file, for code frames. */
  sources: Map<string, string>;
  /** Valid requests read (before --top). */
  valid: number;
}

export function runIntake(file: string, options: { top?: number; title?: string } = {}): IntakeResult {
  const read = readRequests(file);
  const entries = backlogEntries(rankRequests(read.requests, options.top));
  const title = options.title ?? 'Training backlog';
  const files = new Map([
    ['backlog.json', backlogJson(entries)],
    ['backlog.csv', backlogCsv(entries)],
    ['backlog.md', backlogMarkdown(entries, title)],
    ['backlog.html', backlogHtml(entries, title)],
  ]);
  const sources = new Map<string, string>();
  if (read.text !== undefined) sources.set(file, read.text);
  return { entries, files, diagnostics: read.diagnostics, sources, valid: read.requests.length };
}

/**
 * Turns diagnostics into text for people (with code frames), JSON for tools, or GitHub Actions
 * workflow commands for CI annotations. Pure: no I/O; sources for code frames come in as a map.
 */
import path from 'node:path';
import { SECRET_CODES } from './catalogue.js';
import { codeFrame } from './codeFrame.js';
import { countBySeverity, sortDiagnostics, type Diagnostic } from './diagnostic.js';

export type ReportFormat = 'human' | 'json' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['human', 'json', 'github'];

export interface ReportOptions {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** File contents by absolute path, for code frames. */
  sources?: ReadonlyMap<string, string>;
  color?: boolean;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: ReportFormat, options: ReportOptions): string {
  const sorted = sortDiagnostics(diagnostics);
  switch (format) {
    case 'json':
      return formatJson(sorted, options);
    case 'github':
      return formatGithub(sorted, options);
    default:
      return formatHuman(sorted, options);
  }
}

function displayPath(file: string | undefined, cwd: string): string | undefined {
  if (!file) return undefined;
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

function formatJson(diagnostics: Diagnostic[], options: ReportOptions): string {
  const counts = countBySeverity(diagnostics);
  const rows = diagnostics.map((d) => ({ ...d, file: displayPath(d.file, options.cwd) }));
  return JSON.stringify({ diagnostics: rows, errors: counts.error, warnings: counts.warning }, null, 2) + '\n';
}

/** https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
function formatGithub(diagnostics: Diagnostic[], options: ReportOptions): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return diagnostics
    .map((d) => {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props: string[] = [];
      const file = displayPath(d.file, options.cwd);
      if (file) props.push(`file=${escapeProp(file)}`);
      if (d.line) props.push(`line=${d.line}`);
      if (d.column) props.push(`col=${d.column}`);
      if (d.endLine) props.push(`endLine=${d.endLine}`);
      if (d.endColumn && d.endLine === d.line) props.push(`endColumn=${d.endColumn}`);
      props.push(`title=${escapeProp(d.code)}`);
      return `::${command} ${props.join(',')}::${escapeData(`${d.message} ${d.hint}`)}\n`;
    })
    .join('');
}

function formatHuman(diagnostics: Diagnostic[], options: ReportOptions): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const blocks = diagnostics.map((d) => {
    const file = displayPath(d.file, options.cwd);
    const where = file ? `${file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : '(course)';
    const severity =
      d.severity === 'error' ? paint('31;1', 'error') : d.severity === 'warning' ? paint('33;1', 'warning') : paint('36', 'info');
    const lines = [`${paint('1', where)} ${severity} ${paint('2', d.code)}`, `  ${d.message}`];
    const source = d.file ? options.sources?.get(d.file) : undefined;
    // A frame would print the secret the diagnostic is about.
    if (source !== undefined && d.line && !SECRET_CODES.has(d.code)) {
      const frame = codeFrame(source, d.line, d.column ?? 1, d.endLine === d.line ? d.endColumn : undefined);
      if (frame) lines.push(frame.replace(/^/gm, '  '));
    }
    lines.push(`  ${paint('36', '→')} ${d.hint}`);
    return lines.join('\n');
  });
  const counts = countBySeverity(diagnostics);
  const summary =
    counts.error + counts.warning > 0
      ? `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}.`
      : counts.info > 0
        ? 'No errors or warnings.'
        : 'No problems found.';
  return (blocks.length ? blocks.join('\n\n') + '\n\n' : '') + summary + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `tandem init` writes a course that checks clean so authors can start from it, but its owner
 * names ("Replace with the L&D lead's name") and addresses (example.com) must not ship: a real
 * base IRI can never change later, QR codes would point nowhere, and nobody answers for the unit.
 * Reported as PLACEHOLDER_LEFT (a warning; `--strict` fails on it, as CI should).
 *
 * `tandem new --from-request` writes the same "Replace with …" text into unit.yaml (a draft objective,
 * the target, the owners the request did not name) and into lesson.md and job-aid.md, where a line
 * that starts with it (after a list or heading marker) is reported with its line and column.
 *
 * example.com, .net and .org are the domains RFC 2606 reserves for documentation and the ones
 * `tandem init` writes; the `.example` top-level domain is left alone (sample courses use it).
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { YamlPath, YamlSource } from '../load/yamlSource.js';

const INIT_TEXT = /^replace with\b/i;
const EXAMPLE_HOST = /(^|[@./])example\.(com|net|org)(?=$|[/:?#>\s])/i;

export function findPlaceholders(source: YamlSource, unitId?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (value: unknown, path: YamlPath) => {
    if (typeof value === 'string') {
      const what = INIT_TEXT.test(value) ? 'placeholder text' : EXAMPLE_HOST.test(value) ? 'an example.com address' : undefined;
      if (what && path.length > 0) diagnostics.push(diagnose('PLACEHOLDER_LEFT', { field: path.join('.'), what }, { ...source.locate(path), unitId }));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(source.data, []);
  return diagnostics;
}

const MARKDOWN_PLACEHOLDER = /^(\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ x]\]\s+)?|\d+[.)]\s+|>\s*|[a-z_]+:\s+)?)replace with\b/i;

/** Placeholder lines in a lesson or job aid (Markdown): PLACEHOLDER_LEFT at the line and column of the text. */
export function findMarkdownPlaceholders(text: string, file: string, unitId?: string): Diagnostic[] {
  const name = file.split(/[\\/]/).at(-1) ?? file;
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = MARKDOWN_PLACEHOLDER.exec(line);
    if (match) diagnostics.push(diagnose('PLACEHOLDER_LEFT', { field: `${name} line ${i + 1}`, what: 'placeholder text' }, { file, line: i + 1, column: match[1]!.length + 1, unitId }));
  });
  return diagnostics;
}

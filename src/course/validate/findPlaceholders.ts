/**
 * `tandem init` writes a course that checks clean so authors can start from it, but its owner
 * names ("Replace with the L&D lead's name") and addresses (example.com) must not ship: a real
 * base IRI can never change later, QR codes would point nowhere, and nobody answers for the unit.
 * Reported as PLACEHOLDER_LEFT (a warning; `--strict` fails on it, as CI should).
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

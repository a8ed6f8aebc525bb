import { CATALOGUE, type DiagnosticCode, type Severity } from './catalogue.js';

export type { Severity };

/** Where a diagnostic points. `line` and `column` are 1-based. */
export interface Location {
  /** Absolute path of the file at fault, when there is one. */
  file?: string;
  line?: number;
  column?: number;
  /** End of the offending range (same line when unknown), for editors and code frames. */
  endLine?: number;
  endColumn?: number;
  /** The unit this diagnostic belongs to, so a build can skip only that unit. */
  unitId?: string;
}

/**
 * The one problem report of Tandem. Every stage returns these; none prints them.
 * A diagnostic about a whole file has line 1, column 1.
 */
export interface Diagnostic extends Location {
  /** Permanent, documented code (SCREAMING_SNAKE); see the README's code table. */
  code: DiagnosticCode;
  severity: Severity;
  /** What happened, in words a course author understands. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/**
 * Builds a diagnostic from the catalogue: the code decides severity, wording and hint, so the same
 * problem reads the same everywhere. `params` fill the catalogue's message and hint.
 */
export function diagnose<C extends DiagnosticCode>(
  code: C,
  params: Parameters<(typeof CATALOGUE)[C]['message']>[0],
  at: Location = {},
): Diagnostic {
  const entry = CATALOGUE[code] as {
    severity: Severity;
    message: (p: unknown) => string;
    hint: (p: unknown) => string;
  };
  return {
    code,
    severity: entry.severity,
    message: entry.message(params),
    hint: entry.hint(params),
    ...at,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** Stable order for reports: by file, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

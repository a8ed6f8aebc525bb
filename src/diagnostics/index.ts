/**
 * Foundation: the one Diagnostic type every stage and server returns, the catalogue of permanent
 * codes with their wording (what happened, what to do), and the reporters that turn diagnostics
 * into text, JSON or CI annotations. Stages return diagnostics; only the CLI prints them.
 * Imports nothing else of Tandem.
 */
export { CATALOGUE, type DiagnosticCode, type Severity } from './catalogue.js';
export { countBySeverity, diagnose, hasErrors, sortDiagnostics, type Diagnostic, type Location } from './diagnostic.js';
export { formatDiagnostics, REPORT_FORMATS, type ReportFormat, type ReportOptions } from './reporter.js';

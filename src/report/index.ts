/**
 * Area `report`: `tandem report`, the biweekly KPI review. Reads statements (NDJSON files and
 * folders, plain or gzip: LRS exports and the `tandem serve` journal; an LRS through the xAPI query
 * API; LMS exports of SCORM results) in one streaming pass, joins them to the course by objective
 * IRI, adds operations data, and computes the KPI stack per objective and window (learning, items,
 * execution, business) with each number's n and definition (README, "tandem report"), weak-unit
 * flags as diagnostics, and writes report.json, report.html, CSV and, on request, report.pdf.
 *
 * May import foundations only: course (model and loading), diagnostics, xapi (the IRIs statements
 * carry) and browserPool (report.pdf). No other area imports this one except the CLI, through here.
 */
export { buildReport, type ReportOptions, type ReportResult } from './buildReport.js';
export { statementFiles } from './source/statementFiles.js';
// The statement readers, for areas that read the same sources (tandem reinforce).
export { indexCourse, type CourseIndex } from './courseIndex.js';
export { statementEvent, type StatementEvent } from './statementEvent.js';
export type { SourceLine } from './source/statementLines.js';
export type { StatementStream } from './aggregateStatements.js';
export * from './reportModel.js';
export { runReport, type RunReportOptions, type RunReportResult } from './runReport.js';
export { writeReport, REPORT_SCHEMA_ID } from './output/writeReport.js';
export { DEFAULT_THRESHOLDS, weakUnitFlags, type FlagThresholds } from './flags/weakUnitFlags.js';

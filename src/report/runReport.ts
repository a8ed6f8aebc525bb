/**
 * The whole `tandem report` run as a library function: load the course, check the inputs exist,
 * read the statements, write the files. Returns the diagnostics (input problems and weak-unit
 * flags) for the caller to print and count; prints nothing.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCourse } from '../course/index.js';
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { buildReport } from './buildReport.js';
import type { FlagThresholds } from './flags/weakUnitFlags.js';
import { writeReport } from './output/writeReport.js';
import { printReportPdf } from './output/printReportPdf.js';
import type { Report } from './reportModel.js';
import { linesOf, listStatementFiles } from './source/statementLines.js';
import { passSnapshot } from './source/passSnapshot.js';
import { readReleaseTimeline } from './release/releaseTimeline.js';
import { defaultParseThreads, parallelParseAvailable, parseFilesInParallel } from './source/parallelParse.js';
import { indexCourse, type CourseIndex } from './courseIndex.js';
import { lmsStatementLines } from './lms/lmsStatementLines.js';
import { fetchLrsStatements, LrsError } from './source/lrsStatements.js';
import { objectiveIri } from '../xapi/index.js';
import { loadDuckDb, type DuckDbModule } from './warehouse/loadDuckDb.js';
import { ParquetExport } from './warehouse/parquetExport.js';

export interface RunReportOptions {
  courseDir: string;
  statements: string[];
  /** An LRS's xAPI endpoint to fetch statements from (into `lrsCacheDir`, incrementally). */
  lrs?: string;
  /** The Authorization header value for the LRS (the CLI reads TANDEM_LRS_AUTH). */
  lrsAuth?: string;
  /** Where fetched statements and the cursor are kept (default: <outDir>/lrs-cache). */
  lrsCacheDir?: string;
  /** Release manifests (files, or folders of manifest.json): which unit version was live when. */
  releases?: string[];
  /** Operations CSV files. */
  ops?: string[];
  /** schedule.json files of `tandem reinforce` (nudges sent, see reinforcement/readSchedule). */
  schedules?: string[];
  /** LMS exports of SCORM results, each for one unit (see lms/lmsAdapter). */
  lms?: { unitId: string; file: string }[];
  outDir: string;
  since?: string;
  until: string;
  windowDays?: number;
  thresholds?: Partial<FlagThresholds>;
  pilot?: { team: string; start: string };
  /** Also write the warehouse export here: Hive-partitioned Parquet, views.sql (needs DuckDB). */
  parquetDir?: string;
  /** The DuckDB module to load for `parquetDir` (default @duckdb/node-api; tests name a missing one). */
  duckdbModule?: string;
  /**
   * Threads that parse statement files (JSON.parse is most of a report's time). 1 parses on the
   * main thread; two or more in worker threads that read their own byte ranges. Default: one per
   * core, up to 4, for inputs of 8 MiB or more (source/parallelParse, defaultParseThreads).
   */
  threads?: number;
  /** Also print report.pdf (Chromium from the browser pool). */
  pdf?: { browser?: string; env: Record<string, string | undefined> };
  now?: Date;
}

export interface RunReportResult {
  report?: Report;
  diagnostics: Diagnostic[];
  /** Files written, absolute. */
  files: string[];
  /** Text of files with diagnostics, for code frames. */
  sources: Map<string, string>;
  /** Statement lines read in this run, and whether it continued the LRS cache's saved pass. */
  read?: { lines: number; resumed: boolean };
}

export async function runReport(options: RunReportOptions): Promise<RunReportResult> {
  const loaded = await loadCourse(options.courseDir);
  const sources = loaded.sources;
  if (!loaded.course) return { diagnostics: loaded.diagnostics, files: [], sources };
  const missing: Diagnostic[] = [];
  for (const input of options.statements) {
    if (!(await exists(input))) missing.push(diagnose('REPORT_STATEMENTS_NOT_FOUND', { path: input }, { file: path.resolve(input) }));
  }
  for (const input of options.ops ?? []) {
    if (!(await exists(input))) missing.push(diagnose('OPS_FILE_NOT_FOUND', { path: input }, { file: path.resolve(input) }));
  }
  for (const input of options.schedules ?? []) {
    if (!(await exists(input))) missing.push(diagnose('REPORT_SCHEDULE_NOT_FOUND', { path: input }, { file: path.resolve(input) }));
  }
  for (const { unitId, file } of options.lms ?? []) {
    if (!(await exists(file))) missing.push(diagnose('REPORT_STATEMENTS_NOT_FOUND', { path: file }, { file: path.resolve(file) }));
    else if (!loaded.course.units.some((u) => u.id === unitId)) missing.push(diagnose('LMS_UNIT_UNKNOWN', { unit: unitId }, { file: path.resolve(file) }));
  }
  const releases = options.releases?.length ? await readReleaseTimeline(options.releases) : undefined;
  missing.push(...(releases?.diagnostics.filter((d) => d.code === 'REPORT_RELEASE_NOT_FOUND') ?? []));
  if (missing.length) return { diagnostics: missing, files: [], sources };
  // Before any reading: a missing DuckDB is known in milliseconds, not after a 2 GB pass.
  let duckdb: DuckDbModule | undefined;
  if (options.parquetDir) {
    const loadedDuckDb = await loadDuckDb(options.duckdbModule);
    if ('diagnostic' in loadedDuckDb) return { diagnostics: [loadedDuckDb.diagnostic], files: [], sources };
    duckdb = loadedDuckDb.duckdb;
  }
  const statementInputs = [...options.statements];
  let lrsCache: string | undefined;
  if (options.lrs) {
    if (!options.lrsAuth) return { diagnostics: [diagnose('LRS_AUTH_MISSING', { endpoint: options.lrs })], files: [], sources };
    const cacheDir = options.lrsCacheDir ?? path.join(options.outDir, 'lrs-cache');
    try {
      await fetchLrsStatements({
        endpoint: options.lrs,
        auth: options.lrsAuth,
        activities: loaded.course.units.map((u) => objectiveIri(loaded.course!.config.baseIri, u.contract.objective.id)),
        cacheDir,
      });
    } catch (error) {
      if (!(error instanceof LrsError)) throw error;
      return { diagnostics: [diagnose('LRS_REQUEST_FAILED', { endpoint: options.lrs, reason: error.message })], files: [], sources };
    }
    statementInputs.push(cacheDir);
    lrsCache = cacheDir;
  }
  const sourceNotes: Diagnostic[] = [];
  const fileList = await listStatementFiles(statementInputs, sourceNotes);
  const course = loaded.course;
  let index: CourseIndex | undefined;
  // Threads by what this stream reads: a continued LRS pass reads only the new segments.
  const filesStream = (list: readonly string[]) => async function* () {
    const threads = options.threads ?? defaultParseThreads(await totalBytes(list));
    if (threads > 1 && parallelParseAvailable()) yield* parseFilesInParallel(list, (index ??= indexCourse(course)), { threads });
    else for (const file of list) yield* linesOf(file);
  };
  const readFiles = filesStream(fileList);
  // The stream may be read twice (a late void); the LMS diagnostics of the last read are the ones kept.
  let lmsDiagnostics: Diagnostic[] = [];
  const statements = async function* () {
    lmsDiagnostics = [];
    yield* readFiles();
    for (const { unitId, file } of options.lms ?? []) yield* lmsStatementLines(file, course, course.units.find((u) => u.id === unitId)!, lmsDiagnostics);
  };
  // With an LRS, the cache keeps the finished pass, so the next run reads only new segments. LMS
  // exports are read after the files, so a pass over them could not be continued with new segments.
  const checkpoint = lrsCache && !options.lms?.length ? passSnapshot(lrsCache, fileList, filesStream) : undefined;
  const parquet = duckdb && options.parquetDir ? await ParquetExport.open(duckdb, options.parquetDir) : undefined;
  try {
    const { report, diagnostics, read } = await buildReport(loaded.course, {
      statements,
      ops: options.ops,
      since: options.since,
      until: options.until,
      windowDays: options.windowDays,
      thresholds: options.thresholds,
      pilot: options.pilot,
      now: options.now,
      sink: parquet,
      checkpoint,
      releases: releases?.timeline,
      schedules: options.schedules,
    });
    const written = await writeReport(report, options.outDir);
    if (parquet) {
      try {
        written.push(...(await parquet.finish(report)));
      } catch (error) {
        diagnostics.push(diagnose('REPORT_PARQUET_FAILED', { dir: parquet.dir, reason: (error as Error).message.split('\n')[0]! }, { file: parquet.dir }));
      }
    }
    return { ...(await finishReport(options, report, [...sourceNotes, ...(releases?.diagnostics ?? []), ...lmsDiagnostics, ...diagnostics], written, sources)), read };
  } finally {
    await parquet?.close();
  }
}

async function finishReport(options: RunReportOptions, report: Report, diagnostics: Diagnostic[], written: string[], sources: Map<string, string>): Promise<RunReportResult> {
  if (options.pdf) {
    const pdfFile = path.join(options.outDir, 'report.pdf');
    const failed = await printReportPdf(await readFile(path.join(options.outDir, 'report.html'), 'utf8'), pdfFile, options.pdf);
    if (failed) diagnostics.push(failed);
    else written.push(pdfFile);
  }
  return { report, diagnostics, files: written, sources };
}

async function totalBytes(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file)).size;
  return total;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

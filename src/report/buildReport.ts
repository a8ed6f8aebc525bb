/**
 * `tandem report` as a library function: the course and the statement streams in, the report (and
 * the diagnostics about its inputs) out. Prints nothing and writes nothing; see writeReport.
 */
import type { Course } from '../course/index.js';
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { aggregateStatements, type EventSink, type PassCheckpoint, type StatementStream } from './aggregateStatements.js';
import { indexCourse } from './courseIndex.js';
import { REPORT_FORMAT, type ObjectiveReport, type Report } from './reportModel.js';
import { formatDay, inRange, parseDay, reportPeriod } from './reportWindows.js';
import { emptyCells, pilotDifference } from './ops/pilotDifference.js';
import { readOpsCsv, type OpsRow } from './ops/readOpsCsv.js';
import { DEFAULT_THRESHOLDS, weakUnitFlags, type FlagThresholds } from './flags/weakUnitFlags.js';
import { recallDropFlag } from './flags/recallDropFlag.js';
import { baselineNumber, metricSummary } from './ops/metricSummary.js';
import { liveVersion, type ReleaseTimeline } from './release/releaseTimeline.js';
import { readSchedules } from './reinforcement/readSchedule.js';

export interface ReportOptions {
  statements: StatementStream;
  /** Inclusive UTC date, YYYY-MM-DD; open when absent. */
  since?: string;
  /** Inclusive UTC date, YYYY-MM-DD. */
  until: string;
  /** Window length in days (default 14). */
  windowDays?: number;
  /** Operations CSV files (long format, see ops/readOpsCsv). */
  ops?: readonly string[];
  /** The pilot team (as in the ops CSV's `team`) and the day it started, for pilot-vs-rest estimates. */
  pilot?: { team: string; start: string };
  /** Thresholds of the weak-unit flags (defaults: DEFAULT_THRESHOLDS). */
  thresholds?: Partial<FlagThresholds>;
  /** For `generatedAt`; tests pin it. */
  now?: Date;
  /** Where the period's counted events and ops rows also go, as they are read (the Parquet export). */
  sink?: ReportSink;
  /** Which unit version was live when (release manifests, release/releaseTimeline). */
  releases?: ReleaseTimeline;
  /** A saved pass to continue from and to save into (the LRS cache, source/passSnapshot). */
  checkpoint?: PassCheckpoint;
  /** schedule.json files of `tandem reinforce`: nudges due in the period count as sent. */
  schedules?: readonly string[];
}

export interface ReportSink extends EventSink {
  opsRow(row: OpsRow): void;
}

export interface ReportResult {
  report: Report;
  diagnostics: Diagnostic[];
  /** Statement lines read in this run, and whether it continued a saved pass. */
  read: { lines: number; resumed: boolean };
}

export async function buildReport(course: Course, options: ReportOptions): Promise<ReportResult> {
  const period = reportPeriod({ since: options.since, until: options.until, days: options.windowDays ?? 14 });
  const index = indexCourse(course);
  if (options.releases) for (const o of index.objectives) o.releases = options.releases.get(o.unit.id) ?? [];
  const ranges = [period.range, ...period.windows];
  const { byObjective, inputs, unreadable, linesRead, resumed } = await aggregateStatements(options.statements, index, ranges, options.sink, options.checkpoint);
  const diagnostics: Diagnostic[] = [...unreadable].map(([file, u]) => diagnose('REPORT_UNREADABLE_LINES', u, { file, line: u.first, column: 1 }));
  const now = options.now ?? new Date();
  const schedule = options.schedules?.length ? await readSchedules(options.schedules, period.range, now.getTime()) : undefined;
  if (schedule) diagnostics.push(...schedule.diagnostics);
  // objective id → one list of values per range (period, then windows).
  const opsValues = new Map(index.objectives.map((o) => [o.objectiveId, ranges.map((): number[] => [])]));
  const pilotStart = options.pilot ? parseDay(options.pilot.start) : undefined;
  if (options.pilot && pilotStart === undefined) throw new Error(`Not a YYYY-MM-DD date: ${options.pilot.start}`);
  const pilotCells = new Map(index.objectives.map((o) => [o.objectiveId, emptyCells()]));
  for (const file of options.ops ?? []) {
    diagnostics.push(
      ...(await readOpsCsv(file, index, (row) => {
        const lists = opsValues.get(row.objective.objectiveId)!;
        if (inRange(period.range, row.at)) options.sink?.opsRow(row);
        ranges.forEach((range, i) => {
          if (inRange(range, row.at)) lists[i]!.push(row.value);
        });
        if (options.pilot && row.team !== undefined && inRange(period.range, row.at)) {
          const cells = pilotCells.get(row.objective.objectiveId)!;
          const after = row.at >= pilotStart!;
          const pilot = row.team === options.pilot.team;
          (pilot ? (after ? cells.pilotAfter : cells.pilotBefore) : after ? cells.restAfter : cells.restBefore).push(row.value);
        }
      })),
    );
  }

  const objectives: ObjectiveReport[] = index.objectives.map((o) => {
    const [whole, ...windows] = byObjective.get(o.objectiveId)!;
    const learning = whole!.learning();
    const { metric } = o.unit.contract;
    const metrics = (i: number) => [metricSummary(metric.name, metric.layer, baselineNumber(metric.baseline), opsValues.get(o.objectiveId)![i]!)];
    const layered = (i: number) => ({
      execution: metric.layer === 'business' ? [] : metrics(i),
      business: metric.layer === 'business' ? metrics(i) : [],
    });
    return {
      objectiveId: o.objectiveId,
      unitId: o.unit.id,
      unitVersion: o.unit.contract.version,
      title: o.unit.contract.title,
      learning,
      items: whole!.items(),
      execution: { ...whole!.execution(learning.completed), metrics: layered(0).execution },
      business: { metrics: layered(0).business },
      flags: [],
      ...(o.unit.contract.reinforcement ? { reinforcement: whole!.reinforcement(schedule ? (schedule.sent.get(o.objectiveId) ?? 0) : null) } : {}),
      ...(o.releases ? { releases: o.releases.map((r) => ({ version: r.version, liveFrom: new Date(r.at).toISOString() })) } : {}),
      ...(options.pilot ? { pilot: { ...options.pilot, metrics: [pilotDifference(metric.name, pilotCells.get(o.objectiveId)!)] } } : {}),
      windows: windows.map((acc, i) => {
        const range = period.windows[i]!;
        const windowLearning = acc.learning();
        return {
          label: range.label,
          ...(o.releases ? { unitVersion: liveVersion(o.releases, range.end - 1) ?? null } : {}),
          since: formatDay(range.start),
          until: formatDay(range.end - 86_400_000),
          learning: windowLearning,
          items: acc.items(),
          execution: { ...acc.execution(windowLearning.completed), metrics: layered(i + 1).execution },
          business: { metrics: layered(i + 1).business },
        };
      }),
    };
  });
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  for (const o of objectives) {
    const unit = index.byObjectiveId.get(o.objectiveId)!.unit;
    const flagged = weakUnitFlags(o, unit, thresholds);
    // INSUFFICIENT_DATA replaces every other flag of the objective, the recall drop too.
    if (!flagged.some((f) => f.flag.code === 'INSUFFICIENT_DATA')) flagged.push(...recallDropFlag(o, unit, thresholds));
    o.flags = flagged.map((f) => f.flag);
    diagnostics.push(...flagged.map((f) => f.diagnostic));
  }
  const report: Report = {
    format: REPORT_FORMAT,
    generatedAt: now.toISOString(),
    course: { id: course.config.id, title: course.config.title },
    period: { since: period.since, until: period.until },
    windowDays: period.days,
    inputs,
    objectives,
  };
  return { report, diagnostics, read: { lines: linesRead, resumed } };
}

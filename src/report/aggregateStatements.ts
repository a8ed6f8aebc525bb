/**
 * The one pass over the statements: parse each line, reduce it to an event, drop duplicates and
 * voided statements, and feed the objective's accumulators for the period and each window.
 *
 * Voiding (xAPI 1.0.3 Data §2.4.8) may arrive after its target: a journal records statements in
 * arrival order. Targets voided earlier in the stream are skipped as they come. When a voiding
 * statement names a statement that was already counted, the totals are wrong and cannot be
 * un-counted (a first answer or a first attempt would have to be recomputed), so the pass is run
 * once more with every voided id known up front. Files can be read twice; an LRS never returns
 * voided statements from `GET /statements` (Communication §2.1.3), so its pages need no rerun. The
 * common case stays one pass; the rerun costs one more read, never more memory.
 */
import type { CourseIndex } from './courseIndex.js';
import { ObjectiveAccumulator } from './kpi/objectiveAccumulator.js';
import type { ReportInputs } from './reportModel.js';
import { inRange, type DateRange } from './reportWindows.js';
import type { SourceLine } from './source/statementLines.js';
import { IdFingerprintSet } from './source/idFingerprintSet.js';
import { statementEvent, type StatementEvent } from './statementEvent.js';

/** An event that was counted (not a duplicate, not voided), in stream order. */
export type CountedEvent = Exclude<StatementEvent, { kind: 'void' }>;

/**
 * Where the counted events of the period also go, one by one (the Parquet export). A second pass
 * (a late void) starts over: `restart` drops what the last pass sent.
 */
export interface EventSink {
  restart(): Promise<void>;
  /** `seq` numbers the events in stream order, which breaks ties of equal timestamps as the KPIs do. */
  add(event: CountedEvent, seq: number): void;
}

/** Statement lines, re-readable from the start (a second pass may be needed, see above). */
export type StatementStream = () => AsyncIterable<SourceLine>;

export interface Accumulated {
  /** objective id → accumulators for the period, then each window (same order as `ranges`). */
  byObjective: Map<string, ObjectiveAccumulator[]>;
  inputs: ReportInputs;
  /** Per file: how many lines were not JSON, and the first of them. */
  unreadable: Map<string, { count: number; first: number }>;
  /** True when a voiding statement came after its target and a second pass was run. */
  reran: boolean;
}

export async function aggregateStatements(stream: StatementStream, index: CourseIndex, ranges: readonly DateRange[], sink?: EventSink): Promise<Accumulated> {
  const first = await onePass(stream, index, ranges, new Set(), sink);
  if (!first.lateVoid) return { ...first.result, reran: false };
  const second = await onePass(stream, index, ranges, first.voided, sink);
  return { ...second.result, reran: true };
}

async function onePass(stream: StatementStream, index: CourseIndex, ranges: readonly DateRange[], knownVoided: Set<string>, sink: EventSink | undefined) {
  await sink?.restart();
  let seq = 0;
  const byObjective = new Map<string, ObjectiveAccumulator[]>();
  for (const o of index.objectives) byObjective.set(o.objectiveId, ranges.map(() => new ObjectiveAccumulator(o)));
  const inputs: ReportInputs = { statementLines: 0, unreadableLines: 0, duplicates: 0, voided: 0, ignored: 0 };
  const voided = new Set(knownVoided);
  const seen = new IdFingerprintSet();
  const voidingSeen = new Set<string>();
  const unreadable = new Map<string, { count: number; first: number }>();
  let lateVoid = false;

  for await (const line of stream()) {
    inputs.statementLines++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch {
      inputs.unreadableLines++;
      const known = unreadable.get(line.file);
      if (known) known.count++;
      else unreadable.set(line.file, { count: 1, first: line.line });
      continue;
    }
    const event = statementEvent(parsed, index);
    if (!event) {
      inputs.ignored++;
      continue;
    }
    if (event.kind === 'void') {
      // A voiding statement can be duplicated too; count each once.
      if (event.id !== undefined && voidingSeen.has(event.id)) continue;
      if (event.id !== undefined) voidingSeen.add(event.id);
      if (!voided.has(event.target)) {
        voided.add(event.target);
        if (seen.has(event.target)) lateVoid = true;
      }
      continue;
    }
    const id = event.base.id;
    if (id !== undefined && voided.has(id)) {
      if (seen.add(id)) inputs.voided++;
      continue;
    }
    if (id !== undefined && !seen.add(id)) {
      inputs.duplicates++;
      continue;
    }
    const accumulators = byObjective.get(event.base.objective.objectiveId)!;
    for (let i = 0; i < ranges.length; i++) if (inRange(ranges[i]!, event.base.at)) accumulators[i]!.add(event);
    // ranges[0] is the whole period: the export holds what the report's top-level numbers count.
    if (sink && inRange(ranges[0]!, event.base.at)) sink.add(event, seq++);
  }
  // A late void's target was counted as a statement in this pass; the rerun counts it as voided.
  return { result: { byObjective, inputs, unreadable }, voided, lateVoid };
}

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
 *
 * A pass can continue from a saved state (a `PassCheckpoint`, source/passSnapshot): the LRS cache
 * of the last run was counted then; a rerun reads only the segments fetched since. If one of them
 * voids a statement already counted, the saved totals are wrong, and the whole stream is read
 * again as above, so the result is always the one a full read gives.
 */
import type { CourseIndex } from './courseIndex.js';
import { ObjectiveAccumulator } from './kpi/objectiveAccumulator.js';
import type { ReportInputs } from './reportModel.js';
import { inRange, type DateRange } from './reportWindows.js';
import type { SourceLine } from './source/statementLines.js';
import { parseInto, type ParsedBatch } from './source/parsedBatch.js';
import { IdFingerprintSet } from './source/idFingerprintSet.js';
import { readWireEvents } from './source/eventWire.js';
import type { StatementEvent } from './statementEvent.js';
import { liveVersion } from './release/releaseTimeline.js';

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

/**
 * Statement lines, or batches already parsed (by worker threads, source/parallelParse), re-readable
 * from the start (a second pass may be needed, see above).
 */
export type StatementStream = () => AsyncIterable<SourceLine | ParsedBatch>;

/** Everything a pass has counted so far: enough to continue it with more statements. */
export interface PassState {
  /** objective id → accumulators for the period, then each window (same order as `ranges`). */
  byObjective: Map<string, ObjectiveAccumulator[]>;
  inputs: ReportInputs;
  /** Per file: how many lines were not JSON, and the first of them. */
  unreadable: Map<string, { count: number; first: number }>;
  voided: Set<string>;
  /** Ids of the statements counted (or counted as voided). */
  seen: IdFingerprintSet;
  /** Ids of the voiding statements, each counted once. */
  voidingSeen: Set<string>;
}

export interface Accumulated extends PassState {
  /** True when a voiding statement came after its target and a second pass was run. */
  reran: boolean;
  /** True when the pass continued from a checkpoint. */
  resumed: boolean;
  /** Lines read in this run (all passes), against `inputs.statementLines` counted in all. */
  linesRead: number;
}

/** A saved pass to continue from, and where to save the finished one (source/passSnapshot). */
export interface PassCheckpoint {
  /** The state after a prefix of the stream, and the rest of the stream; undefined when none fits. */
  resume(index: CourseIndex, ranges: readonly DateRange[]): Promise<{ state: PassState; rest: StatementStream } | undefined>;
  save(state: PassState, index: CourseIndex, ranges: readonly DateRange[]): Promise<void>;
}

export async function aggregateStatements(stream: StatementStream, index: CourseIndex, ranges: readonly DateRange[], sink?: EventSink, checkpoint?: PassCheckpoint): Promise<Accumulated> {
  let linesRead = 0;
  const finish = async (pass: Awaited<ReturnType<typeof onePass>>, flags: { reran: boolean; resumed: boolean }): Promise<Accumulated> => {
    await checkpoint?.save(pass.state, index, ranges);
    return { ...pass.state, ...flags, linesRead };
  };
  // A sink needs every event of the period; a saved pass has counted some without sending them.
  const saved = sink ? undefined : await checkpoint?.resume(index, ranges);
  if (saved) {
    const resumed = await onePass(saved.rest, index, ranges, saved.state.voided, undefined, saved.state);
    linesRead += resumed.linesRead;
    if (!resumed.lateVoid) return finish(resumed, { reran: false, resumed: true });
  }
  const first = await onePass(stream, index, ranges, new Set(), sink);
  linesRead += first.linesRead;
  if (!first.lateVoid) return finish(first, { reran: false, resumed: false });
  const second = await onePass(stream, index, ranges, first.state.voided, sink);
  linesRead += second.linesRead;
  return finish(second, { reran: true, resumed: false });
}

function emptyState(index: CourseIndex, ranges: readonly DateRange[], knownVoided: Set<string>): PassState {
  const byObjective = new Map<string, ObjectiveAccumulator[]>();
  for (const o of index.objectives) byObjective.set(o.objectiveId, ranges.map(() => new ObjectiveAccumulator(o)));
  return {
    byObjective,
    inputs: { statementLines: 0, unreadableLines: 0, duplicates: 0, voided: 0, ignored: 0 },
    unreadable: new Map(),
    voided: new Set(knownVoided),
    seen: new IdFingerprintSet(),
    voidingSeen: new Set(),
  };
}

async function onePass(stream: StatementStream, index: CourseIndex, ranges: readonly DateRange[], knownVoided: Set<string>, sink: EventSink | undefined, from?: PassState) {
  await sink?.restart();
  let seq = 0;
  const state = from ?? emptyState(index, ranges, knownVoided);
  const { byObjective, inputs, voided, seen, voidingSeen, unreadable } = state;
  const linesBefore = inputs.statementLines;
  let lateVoid = false;

  const one: ParsedBatch = { file: '', lines: 0, unreadable: [], ignored: 0, events: [] };
  for await (const item of stream()) {
    let batch: ParsedBatch;
    if ('events' in item) batch = item;
    else {
      batch = one;
      batch.file = item.file;
      batch.lines = batch.ignored = batch.events.length = batch.unreadable.length = 0;
      parseInto(batch, item.text, item.line, index);
    }
    inputs.statementLines += batch.lines;
    inputs.ignored += batch.ignored;
    if (batch.unreadable.length) {
      inputs.unreadableLines += batch.unreadable.length;
      const known = unreadable.get(batch.file);
      if (known) known.count += batch.unreadable.length;
      else unreadable.set(batch.file, { count: batch.unreadable.length, first: batch.unreadable[0]! });
    }
    for (const event of batch.wire ? readWireEvents(batch.wire, index) : batch.events) {
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
      // With release manifests, a scan is judged against the version live when it was made.
      const releases = event.base.objective.releases;
      if (event.kind === 'view' && releases) event.revision = liveVersion(releases, event.base.at) ?? event.revision;
      const accumulators = byObjective.get(event.base.objective.objectiveId)!;
      for (let i = 0; i < ranges.length; i++) if (inRange(ranges[i]!, event.base.at)) accumulators[i]!.add(event);
      // ranges[0] is the whole period: the export holds what the report's top-level numbers count.
      // Nudge answers are not in it yet: its views count every non-view event as a lesson learner.
      if (sink && event.kind !== 'nudge' && inRange(ranges[0]!, event.base.at)) sink.add(event, seq++);
    }
  }
  // A late void's target was counted as a statement in this pass; the rerun counts it as voided.
  return { state, lateVoid, linesRead: inputs.statementLines - linesBefore };
}

/**
 * Statements parsed and reduced to events, a batch at a time: what the report's pass consumes when
 * the parsing ran elsewhere (in worker threads, see parallelParse). Events cross the thread
 * boundary by structured clone, which cannot carry the course objects an event points to, so on
 * the way they name their objective and question by position in the course index (`toWire`) and
 * get the objects back on arrival (`fromWire`); both sides index the same course the same way.
 */
import type { CourseIndex, IndexedObjective } from '../courseIndex.js';
import { statementEvent, type StatementEvent } from '../statementEvent.js';

export interface ParsedBatch {
  file: string;
  /** Non-blank lines read. */
  lines: number;
  /** Line numbers (1-based) that were not JSON. */
  unreadable: number[];
  /** Statements about none of the course's objectives. */
  ignored: number;
  /** The rest, in file order. */
  events: StatementEvent[];
}

/** One line into a batch: its event, or counted as unreadable or ignored. */
export function parseInto(batch: ParsedBatch, text: string, line: number, index: CourseIndex): void {
  batch.lines++;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    batch.unreadable.push(line);
    return;
  }
  const event = statementEvent(parsed, index);
  if (event) batch.events.push(event);
  else batch.ignored++;
}

/** An event as it crosses to another thread: objective and question by position. */
export type WireEvent = StatementEvent & { o?: number; q?: number };

/** Each objective's position in the index, for toWire. */
export function objectivePositions(index: CourseIndex): Map<IndexedObjective, number> {
  return new Map(index.objectives.map((o, i) => [o, i]));
}

export function toWire(event: StatementEvent, positions: Map<IndexedObjective, number>): WireEvent {
  if (event.kind === 'void') return event;
  const o = positions.get(event.base.objective)!;
  const base = { ...event.base, objective: undefined as never };
  if (event.kind === 'answer') return { ...event, base, question: undefined as never, o, q: event.question.index };
  return { ...event, base, o };
}

export function fromWire(wire: WireEvent, index: CourseIndex): StatementEvent {
  if (wire.kind === 'void') return wire;
  const objective = index.objectives[wire.o!]!;
  wire.base.objective = objective;
  if (wire.kind === 'answer') wire.question = objective.questions[wire.q!]!;
  delete wire.o;
  delete wire.q;
  return wire;
}

/**
 * Statements parsed and reduced to events, a batch at a time: what the report's pass consumes when
 * the parsing ran elsewhere (in worker threads, see parallelParse). Their events arrive in compact
 * form (`wire`, see eventWire) and become objects in the pass, against the pass's own course index.
 */
import type { CourseIndex } from '../courseIndex.js';
import { statementEvent, type StatementEvent } from '../statementEvent.js';
import type { WireEvents } from './eventWire.js';

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
  /** Or the same, as they came from a worker thread (read with eventWire's readWireEvents). */
  wire?: WireEvents;
}

/** What a parse counts of its lines, wherever their events go (a batch here, a worker's wire in parseJob). */
export interface LineCounts {
  lines: number;
  unreadable: number[];
  ignored: number;
}

/** One line's event; a line that is not JSON, or a statement about none of the course's objectives, is counted instead. */
export function lineEvent(counts: LineCounts, text: string, line: number, index: CourseIndex): StatementEvent | undefined {
  counts.lines++;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    counts.unreadable.push(line);
    return undefined;
  }
  const event = statementEvent(parsed, index);
  if (!event) counts.ignored++;
  return event;
}

/** One line into a batch: its event, or counted as unreadable or ignored. */
export function parseInto(batch: ParsedBatch, text: string, line: number, index: CourseIndex): void {
  const event = lineEvent(batch, text, line, index);
  if (event) batch.events.push(event);
}

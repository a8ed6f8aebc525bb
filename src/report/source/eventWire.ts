/**
 * Events as they cross from a parse worker to the main thread (parallelParse): one Float64Array of
 * fixed-width records, handed over without a copy, and one array of the strings they name (ids,
 * learners, responses, versions). Structured clone of an object per event costs the main thread
 * about as much as parsing does; a typed array costs nothing and a string array little. The course
 * objects an event points to (objective, question) travel as their positions in the course index,
 * which both threads hold alike. The rare kinds (voiding statements, nudge answers) travel as
 * objects beside the records.
 */
import type { CourseIndex, IndexedObjective } from '../courseIndex.js';
import type { LessonVerb, StatementEvent } from '../statementEvent.js';

/** Numbers per record: kind, objective, at, id, learner, a, b, c, flags. */
const WIDTH = 9;
const KIND = { lesson: 0, screen: 1, answer: 2, view: 3, other: 4 } as const;
const VERBS: LessonVerb[] = ['launched', 'completed', 'passed', 'failed'];
const VERB_CODE = new Map(VERBS.map((v, i) => [v, i]));
/** Flags: which optional numbers of a lesson event are present. */
const HAS_SCORE = 1;
const HAS_DURATION = 2;

/** A void or nudge event, with its objective (if any) as a position. */
type OtherEvent = Extract<StatementEvent, { kind: 'void' } | { kind: 'nudge' }> & { o?: number };

export interface WireEvents {
  count: number;
  records: Float64Array;
  strings: string[];
  others: OtherEvent[];
}

/** Collects a batch's events as records (worker side). */
export class EventWriter {
  private records = new Float64Array(WIDTH * 512);
  private count = 0;
  private strings: string[] = [];
  /** Repeated strings (a learner's key, a version) are sent once per batch. */
  private known = new Map<string, number>();
  private others: OtherEvent[] = [];

  constructor(private readonly positions: Map<IndexedObjective, number>) {}

  add(event: StatementEvent): void {
    if (this.records.length < (this.count + 1) * WIDTH) {
      const grown = new Float64Array(this.records.length * 2);
      grown.set(this.records);
      this.records = grown;
    }
    const r = this.records;
    const at = this.count++ * WIDTH;
    if (event.kind === 'void' || event.kind === 'nudge') {
      r[at] = KIND.other;
      r[at + 1] = this.others.length;
      this.others.push(event.kind === 'void' ? event : { ...event, base: { ...event.base, objective: undefined as never }, o: this.positions.get(event.base.objective)! });
      return;
    }
    const { base } = event;
    r[at + 1] = this.positions.get(base.objective)!;
    r[at + 2] = base.at;
    r[at + 3] = base.id === undefined ? -1 : this.strings.push(base.id) - 1;
    r[at + 4] = this.shared(base.learner);
    r[at + 8] = 0;
    switch (event.kind) {
      case 'lesson':
        r[at] = KIND.lesson;
        r[at + 5] = VERB_CODE.get(event.verb)!;
        if (event.score !== undefined) {
          r[at + 6] = event.score;
          r[at + 8] = r[at + 8]! | HAS_SCORE;
        }
        if (event.durationSeconds !== undefined) {
          r[at + 7] = event.durationSeconds;
          r[at + 8] = r[at + 8]! | HAS_DURATION;
        }
        break;
      case 'screen':
        r[at] = KIND.screen;
        r[at + 5] = event.screen;
        break;
      case 'answer':
        r[at] = KIND.answer;
        r[at + 5] = event.question.index;
        r[at + 6] = event.correct ? 1 : 0;
        r[at + 7] = this.shared(event.response);
        break;
      case 'view':
        r[at] = KIND.view;
        r[at + 5] = this.shared(event.printedVersion);
        r[at + 6] = this.shared(event.revision);
        r[at + 7] = this.shared(event.channel);
        break;
    }
  }

  /** The batch so far; the writer starts a new one. */
  take(): WireEvents {
    const taken: WireEvents = { count: this.count, records: this.records.slice(0, this.count * WIDTH), strings: this.strings, others: this.others };
    this.count = 0;
    this.strings = [];
    this.known.clear();
    this.others = [];
    return taken;
  }

  private shared(text: string | undefined): number {
    if (text === undefined) return -1;
    let at = this.known.get(text);
    if (at === undefined) {
      at = this.strings.push(text) - 1;
      this.known.set(text, at);
    }
    return at;
  }
}

/** The events of a batch as the main thread's pass reads them, the same objects statementEvent makes. */
export function readWireEvents(wire: WireEvents, index: CourseIndex): StatementEvent[] {
  const { records: r, strings, others } = wire;
  const events: StatementEvent[] = new Array(wire.count);
  const text = (ref: number) => (ref === -1 ? undefined : strings[ref]);
  for (let i = 0, at = 0; i < wire.count; i++, at += WIDTH) {
    const kind = r[at];
    if (kind === KIND.other) {
      const other = others[r[at + 1]!]!;
      if (other.kind === 'nudge') {
        other.base.objective = index.objectives[other.o!]!;
        delete other.o;
      }
      events[i] = other;
      continue;
    }
    const objective = index.objectives[r[at + 1]!]!;
    const base = { id: text(r[at + 3]!), objective, learner: strings[r[at + 4]!]!, at: r[at + 2]! };
    const flags = r[at + 8]!;
    switch (kind) {
      case KIND.lesson:
        events[i] = { kind: 'lesson', verb: VERBS[r[at + 5]!]!, base, score: flags & HAS_SCORE ? r[at + 6] : undefined, durationSeconds: flags & HAS_DURATION ? r[at + 7] : undefined };
        break;
      case KIND.screen:
        events[i] = { kind: 'screen', base, screen: r[at + 5]! };
        break;
      case KIND.answer:
        events[i] = { kind: 'answer', base, question: objective.questions[r[at + 5]!]!, correct: r[at + 6] === 1, response: text(r[at + 7]!) };
        break;
      default:
        events[i] = { kind: 'view', base, printedVersion: text(r[at + 5]!), revision: text(r[at + 6]!), channel: strings[r[at + 7]!]! };
    }
  }
  return events;
}

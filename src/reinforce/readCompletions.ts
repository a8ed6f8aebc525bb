/**
 * Completions and nudge answers from the statement sources `tandem report` reads (NDJSON files
 * and folders, plain or gzip: LRS exports and the `tandem serve` journal), through report's own
 * readers, so both commands agree on what a completion of an objective is. One streaming pass;
 * memory grows with completions and answers kept, not with statements read.
 */
import type { Course } from '../course/index.js';
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { indexCourse, statementEvent, statementFiles } from '../report/index.js';
import { nudgeAnswerFields, nudgeExtensionIris } from '../xapi/index.js';

/** A `completed` or `passed` of a unit with reinforcement. */
export interface Completion {
  /** The actor's IFI as a string: `mailto:ana@example.com`, `account:<homePage>|<name>`, … */
  learner: string;
  unitId: string;
  /** The attempt's xAPI registration, when the statement has one. */
  registration?: string;
  at: number;
}

/** A recorded answer to a nudge (see xapi/reinforcementIris.ts). */
export interface NudgeAnswer {
  series: string;
  sequence: number;
  correct: boolean;
}

export interface ReadResult {
  completions: Completion[];
  answers: NudgeAnswer[];
  diagnostics: Diagnostic[];
}

/** report's learner key (`mbox:mailto:…`, `openid:…`) as the IFI string schedules and rosters use. */
export function learnerIfi(key: string): string {
  if (key.startsWith('mbox:')) return key.slice(5);
  if (key.startsWith('openid:')) return key.slice(7);
  return key;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- statements are untrusted JSON, checked field by field */

export async function readCompletions(course: Course, sources: readonly string[]): Promise<ReadResult> {
  const index = indexCourse(course);
  const reinforced = new Set(course.units.filter((u) => u.contract.reinforcement).map((u) => u.id));
  const ext = nudgeExtensionIris(course.config.baseIri);
  const completions = new Map<string, Completion>();
  const answers = new Map<string, NudgeAnswer>();
  const voided = new Set<string>();
  const unreadable = new Map<string, { count: number; first: number }>();
  const notes: Diagnostic[] = [];
  const stream = await statementFiles(sources, notes);
  for await (const { file, line, text } of stream()) {
    let statement: any;
    try {
      statement = JSON.parse(text);
    } catch {
      const u = unreadable.get(file) ?? { count: 0, first: line };
      unreadable.set(file, { ...u, count: u.count + 1 });
      continue;
    }
    const id = typeof statement?.id === 'string' ? (statement.id as string) : `${file}:${line}`;
    const fields = nudgeAnswerFields(statement, ext);
    if (fields) {
      const answer: NudgeAnswer = { series: fields.series, sequence: fields.sequence, correct: fields.correct };
      // Two clicks record one statement, but an export may hold a statement twice: one per id.
      answers.set(id, answer);
      continue;
    }
    const event = statementEvent(statement, index);
    if (!event) continue;
    if (event.kind === 'void') {
      voided.add(event.target);
      continue;
    }
    if (event.kind !== 'lesson') continue;
    if (event.verb !== 'completed' && event.verb !== 'passed') continue;
    const unitId = event.base.objective.unit.id;
    if (!reinforced.has(unitId)) continue;
    const registration = typeof statement.context?.registration === 'string' ? (statement.context.registration as string).toLowerCase() : undefined;
    completions.set(id, { learner: learnerIfi(event.base.learner), unitId, ...(registration ? { registration } : {}), at: event.base.at });
  }
  for (const id of voided) {
    completions.delete(id);
    answers.delete(id);
  }
  const diagnostics = [...notes, ...[...unreadable].map(([file, u]) => diagnose('REPORT_UNREADABLE_LINES', u, { file, line: u.first, column: 1 }))];
  return { completions: [...completions.values()], answers: [...answers.values()], diagnostics };
}

/** Completion and nudge-answer statements for the sample course, as lessons and `tandem serve` record them. */
import { randomUUID } from 'node:crypto';

export const SAMPLE_BASE = 'https://learn.acme.example/xapi';
export const SAMPLE_OBJECTIVES: Record<string, string> = {
  'lockout-tagout': 'OBJ-OPS-LOTO-JAM',
  'refund-approval': 'OBJ-SUP-REFUND-500',
  'customer-data-handling': 'OBJ-CMP-PII-TICKETS',
};

/** A lesson `completed` or `passed` of `unitId` by `email` at `timestamp`. */
export function completion(email: string, unitId: string, timestamp: string, options: { verb?: 'completed' | 'passed'; registration?: string; id?: string } = {}): Record<string, unknown> {
  return {
    id: options.id ?? randomUUID(),
    actor: { objectType: 'Agent', mbox: `mailto:${email}` },
    verb: { id: `http://adlnet.gov/expapi/verbs/${options.verb ?? 'completed'}` },
    object: { objectType: 'Activity', id: `${SAMPLE_BASE}/units/${unitId}/lesson` },
    context: {
      ...(options.registration ? { registration: options.registration } : {}),
      contextActivities: { parent: [{ id: `${SAMPLE_BASE}/objectives/${SAMPLE_OBJECTIVES[unitId]}` }] },
    },
    timestamp,
  };
}

/** A nudge answer as the answer page records it. */
export function nudgeAnswer(email: string, unitId: string, series: string, sequence: number, correct: boolean, timestamp: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: `mailto:${email}` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { objectType: 'Activity', id: `${SAMPLE_BASE}/units/${unitId}/reinforcement/questions/q` },
    result: { success: correct, response: correct ? 'right' : 'wrong' },
    context: {
      contextActivities: { parent: [{ id: `${SAMPLE_BASE}/objectives/${SAMPLE_OBJECTIVES[unitId]}` }], grouping: [{ id: `${SAMPLE_BASE}/units/${unitId}/reinforcement` }] },
      extensions: { [`${SAMPLE_BASE}/extensions/nudge-series`]: series, [`${SAMPLE_BASE}/extensions/nudge-sequence`]: sequence },
    },
    timestamp,
  };
}

export const ndjson = (statements: readonly unknown[]) => statements.map((s) => JSON.stringify(s)).join('\n') + '\n';

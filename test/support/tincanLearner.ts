/**
 * A learner launched into the sample course's Tin Can packages on the test LRS, as an LRS-centred
 * player launches one (tincan launch parameters), and the checks every sample statement must pass.
 * Shared by the Tin Can end-to-end files.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestLrs } from './testLrs.js';
import { lessonProblems } from './xapiChecks.js';

export const SAMPLE_BASE_IRI = 'https://learn.acme.example/xapi';
export const SAMPLE_UNIT = 'refund-approval';
export const SAMPLE_LESSON_IRI = `${SAMPLE_BASE_IRI}/units/${SAMPLE_UNIT}/lesson`;

export interface TincanLearner {
  actor: { objectType: 'Agent'; name: string } & ({ mbox: string } | { account: { homePage: string; name: string } });
  registration: string;
  auth: string;
}

/** A new learner with their own registration and LRS credential; identified by mbox or by an LMS account. */
export function tincanLearner(lrs: TestLrs, identity: 'mbox' | 'account' = 'account'): TincanLearner {
  const id = randomUUID();
  const who = identity === 'mbox' ? { mbox: `mailto:${id}@example.com` } : { account: { homePage: 'https://lms.example.com', name: id } };
  return { actor: { objectType: 'Agent', name: 'Ann Example', ...who }, registration: randomUUID(), auth: lrs.credential('player', randomUUID()) };
}

/** The address an LRS-centred player opens: the package's page with the Tin Can launch parameters. */
export function tincanLaunchUrl(lrs: TestLrs, who: TincanLearner, unit = SAMPLE_UNIT): string {
  const query = new URLSearchParams({ endpoint: lrs.endpoint, auth: who.auth, actor: JSON.stringify(who.actor), registration: who.registration, activity_id: `${SAMPLE_BASE_IRI}/units/${unit}/lesson` });
  return lrs.url(`/content/${unit}/units/${unit}/index.html?${query}`);
}

/** Statements of this learner's launch. */
export const ofLaunch = (who: TincanLearner) => (s: Record<string, any>) => s.context?.registration === who.registration;

/** What lessonProblems checks a sample refund-approval statement against. */
export const sampleExpectations = (who: TincanLearner) => ({
  baseIri: SAMPLE_BASE_IRI,
  objectiveId: 'OBJ-SUP-REFUND-500',
  unitId: SAMPLE_UNIT,
  courseId: 'acme-frontline',
  unitVersion: '1.2.0',
  registration: who.registration,
});

/** Every statement passes the lesson rules, and no id is stored twice. */
export function expectWellFormed(statements: Record<string, any>[], who: TincanLearner): void {
  for (const s of statements) expect(lessonProblems(s, sampleExpectations(who))).toEqual([]);
  expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
}

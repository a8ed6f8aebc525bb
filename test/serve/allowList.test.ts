/** The relay's allow-list knows every verb Tandem emits and every activity of the release. */
import xapiPackage from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import { VIEWED_VERB } from '../../src/compile/jobAid/jobAidStatement.js';
import { VERB_NAMES } from '../../src/runtime/contract/xapiPlan.js';
import { AllowList } from '../../src/serve/relay/allowList.js';
import { JOB_AID_VERB_IRI, LESSON_VERB_IRIS, TANDEM_VERB_IRIS } from '../../src/xapi/tandemVerbs.js';

const XAPI = xapiPackage.default;
const BASE = 'https://learn.acme.example/xapi';
const manifest = {
  course: { id: 'acme', title: 'Acme' },
  units: [{ id: 'refund-approval', title: 'Refunds', version: '1.0.0', objectiveId: 'OBJ-1', contentHash: 'x'.repeat(64), artifacts: [] }],
  paths: [{ id: 'onboarding', title: 'Onboarding', unitIds: ['refund-approval'], artifacts: [] }],
};
const list = new AllowList(BASE, manifest, new Set(['https://aids.acme.example']));
const actor = { objectType: 'Agent', account: { homePage: 'https://aids.acme.example', name: 'a1b2' } };
const parent = [{ objectType: 'Activity', id: `${BASE}/objectives/OBJ-1` }];
const make = (verb: string, object: string, extra: Record<string, unknown> = {}) => ({ actor, verb: { id: verb }, object: { objectType: 'Activity', id: object }, context: { contextActivities: { parent } }, ...extra });

describe('relay allow-list', () => {
  it('lists exactly the verbs the compiler and runtime emit', () => {
    expect(LESSON_VERB_IRIS).toEqual(VERB_NAMES.map((n) => `http://adlnet.gov/expapi/verbs/${n}`));
    for (const name of ['INITIALIZED', 'RESUMED', 'PROGRESSED', 'ANSWERED', 'COMPLETED', 'PASSED', 'FAILED', 'SUSPENDED', 'TERMINATED'] as const) {
      expect(TANDEM_VERB_IRIS.has(XAPI.Verbs[name].id)).toBe(true);
    }
    expect(JOB_AID_VERB_IRI).toBe(VIEWED_VERB.id);
  });

  it('takes job-aid, lesson, question and screen statements of the release with their objective', () => {
    expect(list.check(make(VIEWED_VERB.id, `${BASE}/units/refund-approval/job-aid`), false)).toMatchObject({ ok: true, activity: { objectiveId: 'OBJ-1' } });
    expect(list.check(make(LESSON_VERB_IRIS[4]!, `${BASE}/units/refund-approval/lesson/questions/q2`), false).ok).toBe(true);
    expect(list.check(make(LESSON_VERB_IRIS[2]!, `${BASE}/units/refund-approval/lesson/screens/3`), false).ok).toBe(true);
  });

  it('refuses other verbs, other activities, a missing objective, stray parents and identifying actors', () => {
    const jobAid = `${BASE}/units/refund-approval/job-aid`;
    expect(list.check(make('http://adlnet.gov/expapi/verbs/voided', jobAid), false)).toMatchObject({ code: 'RELAY_VERB_NOT_ALLOWED' });
    expect(list.check(make(VIEWED_VERB.id, `${BASE}/units/other/job-aid`), false)).toMatchObject({ code: 'RELAY_ACTIVITY_NOT_ALLOWED' });
    expect(list.check(make(VIEWED_VERB.id, `${BASE}/units/refund-approval/lessonX`), false)).toMatchObject({ code: 'RELAY_ACTIVITY_NOT_ALLOWED' });
    expect(list.check(make(VIEWED_VERB.id, jobAid, { context: {} }), false)).toMatchObject({ code: 'RELAY_OBJECTIVE_MISSING' });
    expect(list.check(make(VIEWED_VERB.id, jobAid, { context: { contextActivities: { parent: [...parent, { id: 'https://evil.example/x' }] } } }), false)).toMatchObject({ code: 'RELAY_ACTIVITY_NOT_ALLOWED' });
    expect(list.check(make(VIEWED_VERB.id, jobAid, { actor: { ...actor, name: 'Ann' } }), false)).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
    expect(list.check(make(VIEWED_VERB.id, jobAid, { actor: { mbox: 'mailto:a@b.c' } }), false)).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
    // A replaced (hashed) actor is the relay's own and is not judged.
    expect(list.check(make(VIEWED_VERB.id, jobAid, { actor: { mbox: 'mailto:a@b.c' } }), true).ok).toBe(true);
  });
});

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

  describe('LMS learners of SCORM packages (scorm12.report_xapi)', () => {
    // The homePage is on an allowed origin on purpose: with the setting off it must still not pass as an anonymous account.
    const origins = new Set(['https://aids.acme.example', 'https://learn.acme.example']);
    const scorm = new AllowList(BASE, manifest, origins, true);
    const plain = new AllowList(BASE, manifest, origins, false);
    const homePage = `${BASE}/courses/acme/lms-learners`;
    const learner = (name: unknown, extra: Record<string, unknown> = {}) => ({ objectType: 'Agent', account: { homePage, name }, ...extra });
    const lesson = `${BASE}/units/refund-approval/lesson`;
    const answered = LESSON_VERB_IRIS[4]!;

    it('takes exactly the actor the SCORM package makes, on lesson, question and screen statements, and says it is to be hashed', () => {
      expect(scorm.check(make(answered, `${lesson}/questions/q2`, { actor: learner('u-1042') }), false)).toMatchObject({ ok: true, lmsLearner: { homePage, name: 'u-1042' } });
      expect(scorm.check(make(LESSON_VERB_IRIS[0]!, lesson, { actor: learner('jane.doe@acme.example') }), false)).toMatchObject({ ok: true, lmsLearner: { name: 'jane.doe@acme.example' } });
      expect(scorm.check(make(LESSON_VERB_IRIS[2]!, `${lesson}/screens/0`, { actor: learner('42') }), false).ok).toBe(true);
      // An anonymous page account is judged as before, and is not hashed.
      expect(scorm.check(make(answered, `${lesson}/questions/q2`), false)).toEqual({ ok: true, activity: expect.objectContaining({ objectiveId: 'OBJ-1' }) });
    });

    it('refuses it when the release does not report xAPI from SCORM, on job aids, and in any looser shape', () => {
      const refused = (list: AllowList, statement: Record<string, unknown>) => list.check(statement, false);
      expect(refused(plain, make(answered, `${lesson}/questions/q2`, { actor: learner('u1') }))).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED', reason: expect.stringContaining('scorm12.report_xapi') });
      expect(refused(scorm, make(VIEWED_VERB.id, `${BASE}/units/refund-approval/job-aid`, { actor: learner('u1') }))).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED', reason: expect.stringContaining('lesson statements only') });
      expect(refused(scorm, make(answered, lesson, { actor: learner('u1', { name: 'Jane Doe' }) }))).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
      expect(refused(scorm, make(answered, lesson, { actor: learner('u1', { mbox: 'mailto:jane@acme.example' }) }))).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
      expect(refused(scorm, make(answered, lesson, { actor: { objectType: 'Agent', account: { homePage, name: 'u1', extra: 1 } } }))).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
      expect(refused(scorm, make(answered, lesson, { actor: { objectType: 'Group', account: { homePage, name: 'u1' } } }))).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
      for (const name of ['', 'Jane Doe', 'x'.repeat(256), 7, 'a\u0000b']) {
        const verdict = refused(scorm, make(answered, lesson, { actor: learner(name) }));
        expect(verdict).toMatchObject({ code: 'RELAY_ACTOR_NOT_ALLOWED' });
        // The reason never repeats the LMS's id of a person.
        if (typeof name === 'string' && name) expect(JSON.stringify(verdict)).not.toContain(name);
      }
    });
  });
});

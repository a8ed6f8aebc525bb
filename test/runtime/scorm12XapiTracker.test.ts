/**
 * The SCORM 1.2 tracker with xAPI reporting beside it (scorm12.report_xapi), against a scripted
 * LMS: the SCORM side makes exactly the calls it makes alone, whatever the xAPI side does, and the
 * xAPI side reports the LMS learner with the Tin Can tracker's statements.
 */
import type { Statement } from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import type { XapiPlan } from '../../src/runtime/contract/xapiPlan.js';
import type { Progress, Tracker } from '../../src/runtime/player/tracker.js';
import type { Scorm12Api } from '../../src/runtime/scorm12/findApi.js';
import { Scorm12Tracker } from '../../src/runtime/scorm12/scorm12Tracker.js';
import { Scorm12XapiTracker } from '../../src/runtime/scorm12/scorm12XapiTracker.js';
import type { LrsResponse } from '../../src/runtime/statements/lrsClient.js';
import { MemoryStorage, StatementQueue } from '../../src/runtime/statements/statementQueue.js';

const lesson: LessonData = {
  format: 1,
  courseId: 'c',
  unitId: 'u',
  unitVersion: '1.0.0',
  title: 'T',
  objectiveId: 'OBJ-1',
  masteryScore: 80,
  fingerprint: 'abcd1234',
  screens: [{ title: 'One', questionIds: ['q1'] }],
  questions: [{ id: 'q1', type: 'true-false', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, answer: true }],
};

const BASE = 'https://learn.acme.example/xapi';
const verb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } });
const plan = {
  format: 1,
  language: 'en',
  lesson: { objectType: 'Activity', id: `${BASE}/units/u/lesson` },
  objective: { objectType: 'Activity', id: `${BASE}/objectives/OBJ-1` },
  grouping: [{ objectType: 'Activity', id: `${BASE}/units/u` }],
  extensions: {},
  revision: '1.0.0',
  questions: { q1: { objectType: 'Activity', id: `${BASE}/units/u/lesson/questions/q1`, definition: { interactionType: 'true-false', correctResponsesPattern: ['true'] } } },
  screens: [{ objectType: 'Activity', id: `${BASE}/units/u/lesson/screens/0` }],
  verbs: Object.fromEntries(['initialized', 'resumed', 'experienced', 'progressed', 'answered', 'completed', 'passed', 'failed', 'suspended', 'terminated'].map((n) => [n, verb(n)])),
} as unknown as XapiPlan;
const settings = { format: 1 as const, relayUrl: 'https://learn.acme.example/statements', learnerHomePage: `${BASE}/courses/c/lms-learners` };

function fakeLms(values: Record<string, string> = {}) {
  const calls: string[] = [];
  const cmi: Record<string, string> = { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', 'cmi.core.credit': 'credit', 'cmi.core.lesson_mode': 'normal', 'cmi.core.student_id': 'u-1042', ...values };
  const api: Scorm12Api = {
    LMSInitialize: () => (calls.push('LMSInitialize'), 'true'),
    LMSFinish: () => (calls.push('LMSFinish'), 'true'),
    LMSCommit: () => (calls.push('LMSCommit'), 'true'),
    LMSGetValue: (e) => (calls.push(`get ${e}`), cmi[e] ?? ''),
    LMSSetValue: (e, v) => (calls.push(`set ${e}=${/time$/.test(e) ? 'T' : v}`), (cmi[e] = v), 'true'),
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => '',
    LMSGetDiagnostic: () => '',
  };
  return { api, calls };
}

/** A queue whose relay stores what it is sent. */
function relayQueue() {
  const sent: Statement[] = [];
  const ok = (statements: Statement[]): Promise<LrsResponse> => (sent.push(...statements), Promise.resolve({ status: 200, body: '[]' }));
  const client = {
    postStatements: (s: Statement[]) => ok(s),
    putStatement: (s: Statement) => ok([s]),
    getStatement: () => Promise.resolve({ status: 404, body: '' }),
    putState: () => Promise.reject(new Error('no State API on the relay')),
  };
  return { queue: new StatementQueue(client, new MemoryStorage(), 'k'), sent };
}

const quiet = { warn: () => undefined, info: () => undefined };
const at = (screen: number, percentReached: number): Progress => ({ location: String(screen), state: `1abcd1234~${screen}~0~1~0~t`, screen, percentReached });

/** A learner who answers right, sees the results and leaves with the exit button. */
function play(tracker: Tracker): void {
  tracker.start();
  tracker.open(at(0, 0));
  tracker.recordAnswer({ question: lesson.questions[0]!, response: true, correct: true, latencyMs: 4000, answeredAt: new Date() }, at(0, 0));
  tracker.recordResult({ scorePercent: 100, passed: true, correct: 1, total: 1 } as never, at(1, 100));
  tracker.finish(at(1, 100), true);
}

function withXapi(lms: ReturnType<typeof fakeLms>, openQueue: () => StatementQueue, log: Pick<Console, 'warn' | 'info'> = quiet) {
  return new Scorm12XapiTracker({ api: lms.api, lesson, plan, settings, openQueue, sessionStorage: new MemoryStorage(), isLeaving: () => false, log });
}

const EXTRA_READS = ['get cmi.core.student_id', 'get cmi.core.lesson_status'];

/** The calls without the two reads the xAPI side adds right after the SCORM tracker's start. */
function withoutLearnerReads(calls: string[]): string[] {
  const at = calls.indexOf(EXTRA_READS[0]!);
  expect(calls.slice(at, at + 2)).toEqual(EXTRA_READS);
  return [...calls.slice(0, at), ...calls.slice(at + 2)];
}

describe('the SCORM 1.2 tracker with xAPI reporting', () => {
  it('makes the SCORM calls the SCORM tracker alone makes (plus reading the learner), and the Tin Can statements with the LMS learner', async () => {
    const alone = fakeLms();
    play(new Scorm12Tracker(alone.api, lesson, quiet));
    const both = fakeLms();
    const relay = relayQueue();
    play(withXapi(both, () => relay.queue));
    expect(withoutLearnerReads(both.calls)).toEqual(alone.calls);

    await relay.queue.drained(2_000);
    expect(relay.sent.map((s) => s.verb.id.split('/').pop())).toEqual(['initialized', 'experienced', 'answered', 'completed', 'passed', 'terminated']);
    for (const s of relay.sent) {
      expect(s.actor).toEqual({ objectType: 'Agent', account: { homePage: settings.learnerHomePage, name: 'u-1042' } });
      expect(s.context!.contextActivities!.parent![0]!.id).toBe(`${BASE}/objectives/OBJ-1`);
    }
  });

  it('leaves SCORM untouched when the xAPI side fails, and says so in the console only', () => {
    const alone = fakeLms();
    play(new Scorm12Tracker(alone.api, lesson, quiet));
    const both = fakeLms();
    const warnings: string[] = [];
    play(withXapi(both, () => { throw new Error('storage exploded'); }, { warn: (m: string) => warnings.push(m), info: () => undefined }));
    expect(withoutLearnerReads(both.calls)).toEqual(alone.calls);
    expect(warnings).toEqual([expect.stringMatching(/xAPI reporting failed in start \(storage exploded\); the SCORM lesson carries on/)]);
  });

  it('reports nothing without a learner id, and no second completed for an attempt the LMS has as completed', async () => {
    const anonymous = fakeLms({ 'cmi.core.student_id': '' });
    let opened = 0;
    play(withXapi(anonymous, () => (opened++, relayQueue().queue)));
    expect(opened).toBe(0);

    const passedBefore = fakeLms({ 'cmi.core.lesson_status': 'passed', 'cmi.core.entry': 'resume', 'cmi.suspend_data': '1abcd1234~1~1~1~0~t' });
    const relay = relayQueue();
    play(withXapi(passedBefore, () => relay.queue));
    await relay.queue.drained(2_000);
    const verbs = relay.sent.map((s) => s.verb.id.split('/').pop());
    expect(verbs[0]).toBe('initialized');
    expect(verbs).toContain('resumed');
    expect(verbs).not.toContain('completed');
    // As in Tin Can packages, each judged attempt says passed or failed.
    expect(verbs).toContain('passed');
  });
});

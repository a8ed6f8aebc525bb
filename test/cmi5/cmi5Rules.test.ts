/**
 * The xAPI tracker in cmi5 mode, in Node, for what is slow or awkward to reach in a browser: a
 * learner who fails, retries and passes in one session (cmi5 allows one of passed/failed per
 * session, so the pass is reported at the start of the next session), a registration that passed
 * before (no second passed, no failed after it), and the rule checker itself catching violations.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../src/course/model/course.js';
import { loadCourse } from '../../src/course/loadCourse.js';
import { buildLessonData } from '../../src/compile/lesson/buildLessonData.js';
import type { LearnerResponse, LessonData } from '../../src/runtime/contract/lessonData.js';
import { encodeProgress, initialProgress, type ProgressState } from '../../src/runtime/contract/progressState.js';
import { progressOf, resultOf } from '../../src/runtime/player/lessonFlow.js';
import { StatementFactory } from '../../src/runtime/statements/statementFactory.js';
import { MemoryStorage, type StatementQueue } from '../../src/runtime/statements/statementQueue.js';
import { CMI5_CATEGORY, MASTERY_SCORE_EXTENSION, MOVE_ON_CATEGORY, SESSION_ID_EXTENSION, XapiTracker, type Bookmark } from '../../src/runtime/statements/xapiTracker.js';
import { lessonStatementPlan } from '../../src/compile/lesson/lessonStatementPlan.js';
import { cmi5Problems, verbName, xapiProblems, type Cmi5Session } from '../support/xapiChecks.js';

let course: Course;
let lesson: LessonData;
const actor = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.com', name: 'ann' } };
const activityId = 'https://lms.example.com/au/1';
const publisherId = 'https://learn.acme.example/xapi/units/refund-approval/lesson';

beforeAll(async () => {
  course = (await loadCourse('fixtures/sample-course')).course!;
  lesson = buildLessonData(course.units.find((u) => u.id === 'refund-approval')!, course);
});

/** A fake queue that records what the tracker queues. */
function recordingQueue() {
  const statements: Record<string, any>[] = [];
  let state: unknown;
  const queue = {
    enqueue: (s: Record<string, any>) => statements.push(s),
    setState: (_p: unknown, doc: unknown) => (state = JSON.parse(JSON.stringify(doc))),
    flush: async () => undefined,
    flushOnPageHide: () => undefined,
    drained: async () => true,
    pendingState: () => state,
  };
  return { queue: queue as unknown as StatementQueue, statements, state: () => state as Bookmark | undefined };
}

function startSession(registration: string, bookmark: Bookmark | undefined, options: { mode?: 'normal' | 'browse' | 'review'; masteryScore?: number } = {}) {
  const sessionId = randomUUID();
  const plan = lessonStatementPlan(course, course.units.find((u) => u.id === 'refund-approval')!, { buildId: 'feedface00000000' });
  const template = { contextActivities: { grouping: [{ objectType: 'Activity' as const, id: publisherId }] }, extensions: { [SESSION_ID_EXTENSION]: sessionId } };
  const recorded = recordingQueue();
  const tracker = new XapiTracker({
    lesson,
    factory: new StatementFactory(plan, { actor, registration, lessonId: activityId, template }),
    queue: recorded.queue,
    bookmarkAt: { activityId, agent: actor, registration, stateId: 'bookmark' },
    bookmark,
    mode: options.mode ?? 'normal',
    sessionStorage: new MemoryStorage(),
    cmi5: { sessionId, masteryScore: options.masteryScore },
    isLeaving: () => false,
  });
  const session: Cmi5Session = { sessionId, registration, activityId, publisherId, launchMode: options.mode === 'browse' ? 'Browse' : options.mode === 'review' ? 'Review' : 'Normal', masteryScore: options.masteryScore };
  return { tracker, session, ...recorded };
}

/** Answers every question (right or wrong) and reaches the results, as the lesson flow would report it. */
function attempt(tracker: XapiTracker, correct: boolean, state: ProgressState): ProgressState {
  for (const q of lesson.questions) {
    const response: LearnerResponse =
      q.type === 'true-false' ? (correct ? q.answer : !q.answer) : q.type === 'single-choice' || q.type === 'multiple-choice' ? [q.choices.find((c) => c.correct === correct)!.id] : q.type === 'sequencing' ? q.steps.map((s) => s.id) : q.type === 'numeric' ? q.answer + (correct ? 0 : 1000) : correct && 'answers' in q ? q.answers[0]! : 'nope';
    state.answers.set(q.id, response);
    tracker.recordAnswer({ question: q, response, correct, latencyMs: 1500, answeredAt: new Date() }, progressOf(lesson, state));
  }
  state.screen = lesson.screens.length;
  state.finished = true;
  tracker.recordResult(resultOf(lesson, state.answers), progressOf(lesson, state));
  return state;
}

describe('cmi5 rules in the tracker', () => {
  it('fail, retry and pass in one session: failed now, passed at the start of the next session', () => {
    const registration = randomUUID();
    const one = startSession(registration, undefined, { masteryScore: 0.8 });
    one.tracker.start();
    let state = attempt(one.tracker, false, initialProgress());
    state = attempt(one.tracker, true, { ...initialProgress(), attempt: state.attempt + 1 });
    one.tracker.finish({ location: 'results', state: encodeProgress(lesson, state) }, true);
    const defined = (list: Record<string, any>[]) => list.filter((s) => s.context.contextActivities.category?.some((c: { id: string }) => c.id === CMI5_CATEGORY.id)).map(verbName);
    expect(defined(one.statements)).toEqual(['initialized', 'completed', 'failed', 'terminated']);
    expect(cmi5Problems(one.statements, one.session)).toEqual([]);
    expect(one.state()!.pendingResult).toMatchObject({ passed: true });

    const two = startSession(registration, one.state(), { masteryScore: 0.8 });
    two.tracker.start();
    two.tracker.finish({ location: 'results', state: encodeProgress(lesson, state) }, true);
    expect(defined(two.statements)).toEqual(['initialized', 'passed', 'terminated']);
    expect(cmi5Problems(two.statements, two.session, one.statements)).toEqual([]);
    const passed = two.statements.find((s) => verbName(s) === 'passed')!;
    expect(passed.context.extensions[MASTERY_SCORE_EXTENSION]).toBe(0.8);
    for (const s of [...one.statements, ...two.statements]) expect(xapiProblems(s)).toEqual([]);
  });

  it('after a passed registration, neither passed nor failed again, and completed only once', () => {
    const registration = randomUUID();
    const one = startSession(registration, undefined, { masteryScore: 0.8 });
    one.tracker.start();
    const state = attempt(one.tracker, true, initialProgress());
    one.tracker.finish({ location: 'results', state: encodeProgress(lesson, state) }, true);
    const two = startSession(registration, one.state(), { masteryScore: 0.8 });
    two.tracker.start();
    attempt(two.tracker, false, { ...initialProgress(), attempt: 2 });
    two.tracker.finish({ location: 'results', state: encodeProgress(lesson, state) }, true);
    expect(two.statements.map(verbName).filter((v) => ['passed', 'failed', 'completed'].includes(v))).toEqual([]);
    expect(cmi5Problems(two.statements, two.session, one.statements)).toEqual([]);
  });

  it('the rule checker catches what the rules forbid', () => {
    const one = startSession(randomUUID(), undefined, { masteryScore: 0.8 });
    one.tracker.start();
    const state = attempt(one.tracker, true, initialProgress());
    one.tracker.finish({ location: 'results', state: encodeProgress(lesson, state) }, true);
    const good = one.statements;
    const clone = () => JSON.parse(JSON.stringify(good)) as Record<string, any>[];
    const answeredWithMoveOn = clone();
    answeredWithMoveOn.find((s) => verbName(s) === 'answered')!.context.contextActivities.category = [MOVE_ON_CATEGORY];
    const twoInitialized = clone();
    twoInitialized.splice(3, 0, twoInitialized[0]!);
    const noSession = clone();
    delete noSession[2]!.context.extensions[SESSION_ID_EXTENSION];
    const afterTerminated = [...clone(), clone()[1]!];
    const lowPass = clone();
    lowPass.find((s) => verbName(s) === 'passed')!.result.score.scaled = 0.5;
    expect(cmi5Problems(good, one.session)).toEqual([]);
    expect(cmi5Problems(answeredWithMoveOn, one.session).join()).toMatch(/moveOn category not allowed/);
    expect(cmi5Problems(twoInitialized, one.session).join()).toMatch(/verb used twice/);
    expect(cmi5Problems(noSession, one.session).join()).toMatch(/session id/);
    expect(cmi5Problems(afterTerminated, one.session).join()).toMatch(/last statement/);
    expect(cmi5Problems(lowPass, one.session).join()).toMatch(/contradicts masteryScore/);
    expect(cmi5Problems(good, { ...one.session, launchMode: 'Browse' }).join()).toMatch(/not allowed in Browse/);
  });
});

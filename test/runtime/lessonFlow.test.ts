/**
 * The lesson flow in Node, without a page: moving between screens, answering every question type,
 * the score against the mastery score, the results, "Try again", resuming saved progress, and what
 * the tracker is told at each step (the trackers record exactly that and derive nothing).
 */
import { describe, expect, it } from 'vitest';
import type { LearnerResponse, LessonData } from '../../src/runtime/contract/lessonData.js';
import { decodeProgress, encodeProgress, initialProgress } from '../../src/runtime/contract/progressState.js';
import { progressOf, startLessonFlow } from '../../src/runtime/player/lessonFlow.js';
import type { AnswerRecord, LessonMode, LessonResult, Progress, SavedProgress, Tracker, TrackerSession } from '../../src/runtime/player/tracker.js';

const fb = { correct: 'Yes.', incorrect: 'No.' };

/** Five screens: an intro, three with two questions each (all six types), a summary. */
const lesson: LessonData = {
  format: 1,
  courseId: 'c',
  unitId: 'u',
  unitVersion: '1.0.0',
  title: 'Refunds',
  objectiveId: 'OBJ-1',
  masteryScore: 80,
  fingerprint: 'f1f2f3f4',
  screens: [
    { title: 'Intro', questionIds: [] },
    { title: 'Who', questionIds: ['single', 'multi'] },
    { title: 'What', questionIds: ['tf', 'fill'] },
    { title: 'How', questionIds: ['num', 'seq'] },
    { title: 'Recap', questionIds: [] },
  ],
  questions: [
    { id: 'single', type: 'single-choice', prompt: 'Who approves?', feedback: fb, choices: [{ id: 'a', text: 'Agent', correct: false }, { id: 'b', text: 'Lead', correct: true }] },
    { id: 'multi', type: 'multiple-choice', prompt: 'Evidence?', feedback: fb, choices: [{ id: 'a', text: 'Email', correct: true }, { id: 'b', text: 'Photo', correct: true }, { id: 'c', text: 'Guess', correct: false }] },
    { id: 'tf', type: 'true-false', prompt: 'Photos suffice?', feedback: fb, answer: false },
    { id: 'fill', type: 'fill-in', prompt: 'Tool?', feedback: fb, answers: ['Redact'], caseSensitive: false },
    { id: 'num', type: 'numeric', prompt: 'Limit?', feedback: fb, answer: 500, tolerance: 0 },
    { id: 'seq', type: 'sequencing', prompt: 'Order?', feedback: fb, steps: [{ id: 'a', text: 'One' }, { id: 'b', text: 'Two' }, { id: 'c', text: 'Three' }], shownOrder: ['c', 'a', 'b'] },
  ],
};

const RIGHT: Record<string, LearnerResponse> = { single: ['b'], multi: ['b', 'a'], tf: false, fill: '  redact. ', num: 500, seq: ['a', 'b', 'c'] };
const WRONG: Record<string, LearnerResponse> = { single: ['a'], multi: ['a'], tf: true, fill: 'Scissors', num: 501, seq: ['c', 'a', 'b'] };

type Call =
  | { name: 'open' | 'saveProgress'; progress: Progress }
  | { name: 'recordAnswer'; answer: AnswerRecord; progress: Progress }
  | { name: 'recordResult'; result: LessonResult; progress: Progress }
  | { name: 'finish'; progress: SavedProgress; finished: boolean };

/** A tracker that records what the flow tells it; `session` is what its LMS would say at start. */
function recordingTracker(session: Partial<TrackerSession> = {}) {
  const calls: Call[] = [];
  const mode: LessonMode = session.mode ?? 'normal';
  const tracker: Tracker = {
    start: () => ({ connected: true, mode, recordsProgress: mode === 'normal', recordsResults: mode === 'normal', ...session }),
    open: (progress) => void calls.push({ name: 'open', progress }),
    saveProgress: (progress) => void calls.push({ name: 'saveProgress', progress }),
    recordAnswer: (answer, progress) => void calls.push({ name: 'recordAnswer', answer, progress }),
    recordResult: (result, progress) => void calls.push({ name: 'recordResult', result, progress }),
    finish: (progress, finished) => void calls.push({ name: 'finish', progress, finished }),
  };
  const last = () => calls.at(-1)!;
  return { tracker, calls, last, names: () => calls.map((c) => c.name) };
}

/** A clock the test moves by hand. */
function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Answers the questions of the current screen from `answers`, then moves on; until the results. */
function playThrough(flow: ReturnType<typeof startLessonFlow>, answers: Record<string, LearnerResponse>): void {
  for (let guard = 0; guard < 20 && !flow.onResults; guard++) {
    for (const id of lesson.screens[flow.state.screen]!.questionIds) flow.answer(id, answers[id]!);
    expect(flow.next()).toEqual({ kind: 'moved' });
  }
  expect(flow.onResults).toBe(true);
}

describe('the lesson flow', () => {
  it('opens on the first screen, tells the tracker, and moves forward only past answered questions', () => {
    const t = recordingTracker();
    const flow = startLessonFlow(lesson, t.tracker);
    expect(t.calls).toEqual([{ name: 'open', progress: { location: '1', state: encodeProgress(lesson, initialProgress()), screen: 0, percentReached: 0 } }]);
    expect(flow.back()).toEqual({ kind: 'ignored' });
    expect(flow.next()).toEqual({ kind: 'moved' });
    expect(t.last()).toMatchObject({ name: 'saveProgress', progress: { location: '2', screen: 1, percentReached: 20 } });

    expect(flow.next()).toEqual({ kind: 'blocked', reason: 'screen', questionId: 'single' });
    expect(flow.state.screen).toBe(1);
    flow.answer('single', RIGHT.single!);
    expect(flow.next()).toEqual({ kind: 'blocked', reason: 'screen', questionId: 'multi' });
    flow.answer('multi', WRONG.multi!);
    expect(flow.next()).toEqual({ kind: 'moved' });
    expect(flow.back()).toEqual({ kind: 'moved' });
    // Back keeps how far the learner got.
    expect(t.last()).toMatchObject({ name: 'saveProgress', progress: { location: '2', screen: 1, percentReached: 40 } });
    expect(flow.go(99)).toEqual({ kind: 'ignored' });
    expect(flow.go(-1)).toEqual({ kind: 'ignored' });
  });

  it('checks an answer of each question type, once, and records it with its latency', () => {
    const time = clock();
    for (const answers of [RIGHT, WRONG]) {
      const t = recordingTracker();
      const flow = startLessonFlow(lesson, t.tracker, { now: time.now });
      flow.next();
      let shownAt = time.now();
      for (const q of lesson.questions) {
        const screen = lesson.screens.findIndex((s) => s.questionIds.includes(q.id));
        if (flow.state.screen !== screen) {
          time.advance(1_000);
          expect(flow.next()).toEqual({ kind: 'moved' });
          shownAt = time.now();
        }
        time.advance(2_500);
        expect(flow.isOpen(q.id)).toBe(true);
        const correct = answers === RIGHT;
        expect(flow.answer(q.id, answers[q.id]!), q.type).toEqual({ kind: 'answered', correct });
        expect(flow.answerOf(q.id)).toEqual({ response: answers[q.id], correct });
        expect(flow.isOpen(q.id)).toBe(false);
        const record = t.last();
        expect(record.name).toBe('recordAnswer');
        if (record.name !== 'recordAnswer') continue;
        expect(record.answer).toMatchObject({ question: q, response: answers[q.id], correct, answeredAt: new Date(time.now()) });
        // From the screen being shown: the second question of a screen includes the time spent on the first.
        expect(record.answer.latencyMs).toBe(lesson.screens[screen]!.questionIds.indexOf(q.id) === 0 ? 2_500 : 5_000);
        expect(record.answer.latencyMs).toBe(time.now() - shownAt);
        expect(decodeProgress(lesson, record.progress.state)!.answers.get(q.id)).toEqual(answers[q.id]);
      }
      const count = t.calls.length;
      expect(flow.answer('single', RIGHT.single!)).toEqual({ kind: 'ignored' });
      expect(flow.answer('no-such-question', true)).toEqual({ kind: 'ignored' });
      expect(t.calls).toHaveLength(count);
    }
  });

  it('scores against the mastery score: 5 of 6 (83.33 %) passes, 4 of 6 (66.67 %) fails, and the tracker gets that result', () => {
    const pass = recordingTracker();
    const passing = startLessonFlow(lesson, pass.tracker);
    playThrough(passing, { ...RIGHT, seq: WRONG.seq! });
    expect(pass.last()).toMatchObject({ name: 'recordResult', result: { scorePercent: 83.33, passed: true, correct: 5, total: 6 }, progress: { location: 'results', screen: 5, percentReached: 100 } });
    expect(passing.results()).toMatchObject({ score: { correct: 5, total: 6, percent: 83.33 }, passed: true, masteryScore: 80, answered: 6, canRetry: false });
    expect(decodeProgress(lesson, pass.last().progress.state)).toMatchObject({ finished: true, attempt: 1 });

    const fail = recordingTracker();
    playThrough(startLessonFlow(lesson, fail.tracker), { ...RIGHT, seq: WRONG.seq!, num: WRONG.num! });
    expect(fail.last()).toMatchObject({ name: 'recordResult', result: { scorePercent: 66.67, passed: false, correct: 4, total: 6 } });
  });

  it('records completion without a score for a lesson that has no mastery score', () => {
    const t = recordingTracker();
    const unscored = { ...lesson, masteryScore: undefined };
    const flow = startLessonFlow(unscored, t.tracker);
    playThrough(flow, WRONG);
    const result = t.calls.find((c) => c.name === 'recordResult');
    expect(result).toMatchObject({ result: { scorePercent: undefined, passed: undefined, correct: 0, total: 6 } });
    expect(flow.results()).toMatchObject({ passed: undefined, canRetry: false });
    expect(flow.retry()).toBe(false);
  });

  it('sends a learner who skips ahead to the first open question; results once every answer is in, and recorded once', () => {
    const t = recordingTracker();
    const flow = startLessonFlow(lesson, t.tracker);
    flow.next();
    flow.answer('single', RIGHT.single!);
    flow.answer('multi', RIGHT.multi!);
    flow.next();
    flow.answer('tf', RIGHT.tf!);
    flow.answer('fill', RIGHT.fill!);
    // On "What" with its questions answered: the results are asked for, "How" is still open.
    expect(flow.go(lesson.screens.length)).toEqual({ kind: 'blocked', reason: 'results', questionId: 'num' });
    expect(flow.state.screen).toBe(3);
    expect(t.last()).toMatchObject({ name: 'saveProgress', progress: { location: '4' } });
    expect(flow.results()).toMatchObject({ answered: 4, score: { correct: 4, total: 6 }, questions: [{ answer: { correct: true } }, {}, {}, {}, { answer: undefined }, { answer: undefined }] });

    flow.answer('num', RIGHT.num!);
    flow.answer('seq', RIGHT.seq!);
    expect(flow.go(lesson.screens.length)).toEqual({ kind: 'moved' });
    expect(flow.state.finished).toBe(true);
    expect(flow.results()).toMatchObject({ score: { percent: 100 }, passed: true, answered: 6 });
    flow.back();
    flow.next();
    expect(t.names().filter((n) => n === 'recordResult')).toHaveLength(1);
    expect(t.last().name).toBe('saveProgress');
  });

  it('never blocks the learner on a question the page cannot show', () => {
    const flow = startLessonFlow(lesson, recordingTracker().tracker, { isShown: (id) => id !== 'multi' });
    flow.next();
    flow.answer('single', RIGHT.single!);
    expect(flow.next()).toEqual({ kind: 'moved' });
    flow.answer('tf', RIGHT.tf!);
    flow.answer('fill', RIGHT.fill!);
    // "multi" comes first but is not on the page: the learner is sent to the next open one.
    expect(flow.go(lesson.screens.length)).toEqual({ kind: 'blocked', reason: 'results', questionId: 'num' });
  });

  it('offers "Try again" after a fail only: a new attempt from the first screen with a question', () => {
    const t = recordingTracker();
    const flow = startLessonFlow(lesson, t.tracker);
    playThrough(flow, WRONG);
    expect(flow.results().canRetry).toBe(true);
    expect(flow.retry()).toBe(true);
    expect(flow.state).toMatchObject({ screen: 1, furthest: 1, attempt: 2, finished: false });
    expect(flow.state.answers.size).toBe(0);
    expect(flow.isOpen('single')).toBe(true);
    expect(t.last()).toMatchObject({ name: 'saveProgress', progress: { location: '2', percentReached: 20 } });
    expect(decodeProgress(lesson, t.last().progress.state)).toMatchObject({ attempt: 2, finished: false });

    playThrough(flow, RIGHT);
    expect(t.calls.filter((c) => c.name === 'recordResult').map((c) => (c as { result: LessonResult }).result.passed)).toEqual([false, true]);
    expect(flow.retry()).toBe(false);
  });

  it('does not offer "Try again" in browse mode, where nothing is judged for the record', () => {
    const flow = startLessonFlow(lesson, recordingTracker({ mode: 'browse' }).tracker);
    playThrough(flow, WRONG);
    expect(flow.results()).toMatchObject({ passed: false, canRetry: false });
    expect(flow.retry()).toBe(false);
  });

  it('ends once: the tracker finishes with the last progress, then nothing more is taken', () => {
    const t = recordingTracker();
    const flow = startLessonFlow(lesson, t.tracker);
    flow.next();
    flow.answer('single', RIGHT.single!);
    flow.checkpoint();
    expect(t.last()).toMatchObject({ name: 'saveProgress', progress: { location: '2' } });
    expect(flow.end()).toBe(true);
    expect(t.last()).toEqual({ name: 'finish', progress: progressOf(lesson, flow.state), finished: false });
    const count = t.calls.length;
    expect(flow.end()).toBe(false);
    expect(flow.ended).toBe(true);
    expect(flow.next()).toEqual({ kind: 'ignored' });
    expect(flow.answer('multi', RIGHT.multi!)).toEqual({ kind: 'ignored' });
    expect(flow.isOpen('multi')).toBe(false);
    flow.checkpoint();
    expect(t.calls).toHaveLength(count);
  });
});

describe('restoring saved progress', () => {
  /** Progress of an unfinished attempt: on "What", the first two questions answered. */
  const halfway = () => ({ ...initialProgress(), screen: 2, furthest: 2, answers: new Map<string, LearnerResponse>([['single', ['b']], ['multi', ['a']]]) });

  it('resumes an unfinished attempt where the learner left, answers kept, and tells the tracker that screen', () => {
    const t = recordingTracker({ savedState: encodeProgress(lesson, halfway()), savedLocation: '3' });
    const flow = startLessonFlow(lesson, t.tracker);
    expect(flow.state).toMatchObject({ screen: 2, furthest: 2, attempt: 1, finished: false });
    expect(flow.answerOf('single')).toEqual({ response: ['b'], correct: true });
    expect(flow.answerOf('multi')).toEqual({ response: ['a'], correct: false });
    expect(flow.isOpen('single')).toBe(false);
    expect(t.calls).toEqual([{ name: 'open', progress: expect.objectContaining({ location: '3', screen: 2, percentReached: 40 }) }]);
  });

  it('starts a new attempt when the saved one was finished', () => {
    const finished = { ...halfway(), screen: 5, furthest: 5, finished: true, attempt: 3 };
    const t = recordingTracker({ savedState: encodeProgress(lesson, finished), savedLocation: 'results' });
    const flow = startLessonFlow(lesson, t.tracker);
    expect(flow.state).toMatchObject({ screen: 0, attempt: 4, finished: false });
    expect(flow.state.answers.size).toBe(0);
  });

  it('shows a finished attempt from the start in review: moving on needs no answers, and nothing is judged again', () => {
    const finished = { ...halfway(), screen: 5, furthest: 5, finished: true, answers: new Map(Object.entries(RIGHT)) };
    const t = recordingTracker({ mode: 'review', savedState: encodeProgress(lesson, finished) });
    const flow = startLessonFlow(lesson, t.tracker);
    expect(flow.state).toMatchObject({ screen: 0, finished: true });
    expect(flow.results()).toMatchObject({ passed: true, answered: 6 });
    for (let i = 0; i < lesson.screens.length; i++) expect(flow.next()).toEqual({ kind: 'moved' });
    expect(flow.onResults).toBe(true);
    expect(t.names()).not.toContain('recordResult');
    expect(flow.review()).toBe(true);
    expect(flow.state.screen).toBe(0);
  });

  it('lets a reviewer of an unfinished attempt look at every screen and the results, open questions and all', () => {
    const t = recordingTracker({ mode: 'review', savedState: encodeProgress(lesson, halfway()) });
    const flow = startLessonFlow(lesson, t.tracker);
    for (let i = 0; i < lesson.screens.length; i++) expect(flow.next()).toEqual({ kind: 'moved' });
    expect(flow.onResults).toBe(true);
    expect(flow.results()).toMatchObject({ answered: 2, canRetry: false });
    expect(flow.state.finished).toBe(false);
    expect(t.names()).not.toContain('recordResult');
  });

  it('ignores saved progress in browse mode', () => {
    const flow = startLessonFlow(lesson, recordingTracker({ mode: 'browse', savedState: encodeProgress(lesson, halfway()) }).tracker);
    expect(flow.state).toMatchObject({ screen: 0, attempt: 1 });
    expect(flow.state.answers.size).toBe(0);
  });

  it('falls back to the bookmark, and says why, when the saved progress is from another version of the lesson', () => {
    const warnings: string[] = [];
    const other = { ...lesson, fingerprint: '00000000' };
    const t = recordingTracker({ savedState: encodeProgress(other, halfway()), savedLocation: '4' });
    const flow = startLessonFlow(lesson, t.tracker, { log: { warn: (m: string) => warnings.push(m) } });
    expect(warnings).toEqual([expect.stringMatching(/another version of this lesson/)]);
    expect(flow.state).toMatchObject({ screen: 3, furthest: 3, attempt: 1 });
    expect(flow.state.answers.size).toBe(0);
    // A bookmark past the last screen stays on the last screen; one that is not a number is ignored.
    expect(startLessonFlow(lesson, recordingTracker({ savedLocation: '42' }).tracker).state.screen).toBe(4);
    expect(startLessonFlow(lesson, recordingTracker({ savedLocation: 'results' }).tracker).state.screen).toBe(0);
  });
});

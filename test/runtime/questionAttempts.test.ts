/**
 * Issue 14: a question may allow several tries (`attempts`). A wrong try before the last is
 * recorded (one SCORM 1.2 interaction row, one xAPI statement each) and leaves the question open;
 * the tries used survive leaving the lesson (suspend_data), so leaving does not give them back.
 */
import { describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import { decodeProgress, encodeProgress, initialProgress, worstCaseLength } from '../../src/runtime/contract/progressState.js';
import { startLessonFlow } from '../../src/runtime/player/lessonFlow.js';
import type { AnswerRecord, Progress, Tracker } from '../../src/runtime/player/tracker.js';

const fb = { correct: 'Yes.', incorrect: 'No.' };
const lesson: LessonData = {
  format: 1,
  courseId: 'c',
  unitId: 'u',
  unitVersion: '1.0.0',
  title: 'Refunds',
  objectiveId: 'OBJ-1',
  masteryScore: 80,
  fingerprint: 'a1b2c3d4',
  screens: [{ title: 'Ask', questionIds: ['who', 'tf'] }],
  questions: [
    { id: 'who', type: 'single-choice', prompt: 'Who approves?', feedback: fb, attempts: 3, choices: [{ id: 'a', text: 'Agent', correct: false }, { id: 'b', text: 'Lead', correct: true }, { id: 'c', text: 'Nobody', correct: false }] },
    { id: 'tf', type: 'true-false', prompt: 'Photos suffice?', feedback: fb, answer: false },
  ],
};

function tracker(savedState?: string) {
  const answers: AnswerRecord[] = [];
  let saved: Progress | undefined;
  const t: Tracker = {
    start: () => ({ connected: true, mode: 'normal', recordsProgress: true, recordsResults: true, savedState }),
    open: () => {},
    saveProgress: (p) => void (saved = p),
    recordAnswer: (a, p) => {
      answers.push(a);
      saved = p;
    },
    recordResult: () => {},
    finish: () => {},
  };
  return { tracker: t, answers, saved: () => saved! };
}

describe('several tries per question', () => {
  it('a wrong try with tries left is recorded and leaves the question open; the last try counts', () => {
    const t = tracker();
    const flow = startLessonFlow(lesson, t.tracker);
    expect(flow.answer('who', ['a'])).toEqual({ kind: 'tryAgain', left: 2, total: 3 });
    expect(flow.isOpen('who')).toBe(true);
    expect(flow.answer('who', ['c'])).toEqual({ kind: 'tryAgain', left: 1, total: 3 });
    expect(flow.answer('who', ['a'])).toEqual({ kind: 'answered', correct: false });
    expect(flow.isOpen('who')).toBe(false);
    expect(t.answers.map((a) => [a.response, a.correct])).toEqual([[['a'], false], [['c'], false], [['a'], false]]);
  });

  it('a right answer on a later try counts as right', () => {
    const flow = startLessonFlow(lesson, tracker().tracker);
    flow.answer('who', ['a']);
    expect(flow.answer('who', ['b'])).toEqual({ kind: 'answered', correct: true });
    expect(flow.results().score.correct).toBe(1);
  });

  it('a question with one try (the default) is answered at once, as before', () => {
    const flow = startLessonFlow(lesson, tracker().tracker);
    expect(flow.answer('tf', true)).toEqual({ kind: 'answered', correct: false });
  });

  it('the tries used are saved with the progress, so leaving the lesson does not give them back', () => {
    const first = tracker();
    startLessonFlow(lesson, first.tracker).answer('who', ['a']);
    const saved = first.saved().state;
    const resumed = startLessonFlow(lesson, tracker(saved).tracker);
    expect(resumed.answer('who', ['c'])).toEqual({ kind: 'tryAgain', left: 1, total: 3 });
  });

  it('lessons without such questions keep their progress layout; with them, the worst case grows by one field', () => {
    const plain: LessonData = { ...lesson, questions: lesson.questions.map(({ attempts: _, ...q }) => q as LessonData['questions'][number]) };
    const state = { ...initialProgress(), answers: new Map([['tf', false]]) };
    expect(encodeProgress(plain, state)).toBe('1a1b2c3d4~0~0~1~0~~f');
    expect(encodeProgress(lesson, { ...state, tries: new Map([['who', 2]]) })).toBe('1a1b2c3d4~0~0~1~0~20~~f');
    expect(decodeProgress(lesson, '1a1b2c3d4~0~0~1~0~20~~f')?.tries).toEqual(new Map([['who', 2]]));
    expect(decodeProgress(lesson, '1a1b2c3d4~0~0~1~0~~f')).toBeUndefined();
    expect(worstCaseLength(lesson)).toBe(worstCaseLength(plain) + 3);
  });
});

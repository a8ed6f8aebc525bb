import { describe, expect, it } from 'vitest';
import type { LearnerResponse, LessonData } from '../../src/runtime/contract/lessonData.js';
import { decodeProgress, encodeProgress, escapeText, initialProgress, unescapeText, worstCaseLength, type ProgressState } from '../../src/runtime/contract/progressState.js';

const lesson: LessonData = {
  format: 1,
  courseId: 'c',
  unitId: 'u',
  unitVersion: '1.0.0',
  title: 'T',
  objectiveId: 'OBJ-1',
  masteryScore: 80,
  fingerprint: 'abcd1234',
  screens: [{ title: 'One', questionIds: ['q1', 'q2'] }, { title: 'Two', questionIds: ['q3', 'q4', 'q5', 'q6'] }],
  questions: [
    { id: 'q1', type: 'single-choice', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, choices: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false }] },
    { id: 'q2', type: 'multiple-choice', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, choices: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: true }, { id: 'c', text: 'C', correct: false }] },
    { id: 'q3', type: 'true-false', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, answer: false },
    { id: 'q4', type: 'fill-in', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, answers: ['Redact'], caseSensitive: false },
    { id: 'q5', type: 'numeric', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, answer: 17.5, tolerance: 0.1 },
    { id: 'q6', type: 'sequencing', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, steps: [{ id: 'a', text: '1' }, { id: 'b', text: '2' }, { id: 'c', text: '3' }], shownOrder: ['c', 'a', 'b'] },
  ],
};

function state(answers: [string, LearnerResponse][], over: Partial<ProgressState> = {}): ProgressState {
  return { ...initialProgress(), answers: new Map(answers), ...over };
}

describe('progress encoding (cmi.suspend_data)', () => {
  it('round-trips every answer type', () => {
    const s = state(
      [
        ['q1', ['b']],
        ['q2', ['a', 'c']],
        ['q3', true],
        ['q4', 'Rédact ~*"<>&\'%\\ 漢字'],
        ['q5', -0.000001],
        ['q6', ['b', 'c', 'a']],
      ],
      { screen: 2, furthest: 2, attempt: 3, finished: true },
    );
    const text = encodeProgress(lesson, s);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeProgress(lesson, text)).toEqual(s);
  });

  it('is compact: a whole finished lesson of choice questions takes a few dozen characters', () => {
    const text = encodeProgress(lesson, state([['q1', ['a']], ['q2', ['a', 'b']], ['q3', false], ['q6', ['a', 'b', 'c']]], { screen: 1, furthest: 1 }));
    expect(text).toBe('1abcd1234~1~1~1~0~a~ab~f~~~abc');
  });

  it('ignores progress of another version of the lesson, or a damaged one', () => {
    const text = encodeProgress(lesson, state([['q1', ['a']]]));
    expect(decodeProgress({ ...lesson, fingerprint: 'ffff0000' }, text)).toBeUndefined();
    expect(decodeProgress(lesson, text.slice(0, -3))).toBeUndefined();
    expect(decodeProgress(lesson, text.replace('~a~', '~z~'))).toBeUndefined();
    expect(decodeProgress(lesson, '')).toBeUndefined();
  });

  it('never exceeds the worst case the build checks, whatever the learner types', () => {
    const worst = worstCaseLength(lesson);
    let longest = 0;
    for (let i = 0; i < 300; i++) {
      const rnd = (n: number) => Math.floor(Math.random() * n);
      const text = Array.from({ length: rnd(61) + 1 }, () => String.fromCharCode(rnd(0xffff))).join('');
      const s = state(
        [
          ['q1', [['a', 'b'][rnd(2)]!]],
          ['q2', ['a', 'b', 'c'].slice(0, rnd(3) + 1)],
          ['q3', rnd(2) === 0],
          ['q4', text.slice(0, 60)],
          ['q5', (Math.random() - 0.5) * 10 ** rnd(30)],
          ['q6', ['c', 'a', 'b']],
        ],
        { screen: rnd(3), furthest: 2, attempt: rnd(2000) + 1, finished: rnd(2) === 0 },
      );
      longest = Math.max(longest, encodeProgress(lesson, s).length);
    }
    expect(longest).toBeLessThanOrEqual(worst);
    expect(worst).toBeLessThan(4096);
  });

  it('escapes everything but printable ASCII, and the characters LMSs mangle', () => {
    expect(escapeText("it's <b> 50% ~ é")).toBe('it*0027s *003cb*003e 50*0025 *007e *00e9');
    expect(unescapeText(escapeText("it's <b> 50% ~ é"))).toBe("it's <b> 50% ~ é");
    expect(unescapeText('*00zz')).toBeUndefined();
  });
});

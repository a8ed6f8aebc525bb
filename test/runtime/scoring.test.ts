import { describe, expect, it } from 'vitest';
import type { QuestionData } from '../../src/runtime/contract/lessonData.js';
import { isCorrect, normalizeText, parseNumber, roundScore } from '../../src/runtime/player/scoring.js';

const fb = { correct: 'y', incorrect: 'n' };

describe('scoring', () => {
  it('reads numbers the way learners type them', () => {
    expect(parseNumber('17.5')).toBe(17.5);
    expect(parseNumber(' 17,5 ')).toBe(17.5);
    expect(parseNumber('1,000')).toBe(1000);
    expect(parseNumber('1.000,5')).toBe(1000.5);
    expect(parseNumber('$1,000.50')).toBe(1000.5);
    expect(parseNumber('17.5 %')).toBe(17.5);
    expect(parseNumber('1 000')).toBe(1000);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('1e3')).toBeUndefined();
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });

  it('accepts numeric answers within the tolerance only', () => {
    const q: QuestionData = { id: 'n', type: 'numeric', prompt: '', feedback: fb, answer: 17.5, tolerance: 0.1 };
    expect(isCorrect(q, 17.6)).toBe(true);
    expect(isCorrect(q, 17.4)).toBe(true);
    expect(isCorrect(q, 17.65)).toBe(false);
  });

  it('compares fill-in answers without case, extra spaces or a final full stop', () => {
    const q: QuestionData = { id: 'f', type: 'fill-in', prompt: '', feedback: fb, answers: ['the Redact action'], caseSensitive: false };
    expect(isCorrect(q, '  The   redact ACTION. ')).toBe(true);
    expect(isCorrect(q, 'redact')).toBe(false);
    expect(isCorrect({ ...q, caseSensitive: true }, 'The Redact action')).toBe(false);
    expect(normalizeText(' A  b. ', true)).toBe('A b');
  });

  it('needs exactly the correct set of choices, in any order', () => {
    const q: QuestionData = {
      id: 'm',
      type: 'multiple-choice',
      prompt: '',
      feedback: fb,
      choices: [{ id: 'a', text: '', correct: true }, { id: 'b', text: '', correct: false }, { id: 'c', text: '', correct: true }],
    };
    expect(isCorrect(q, ['c', 'a'])).toBe(true);
    expect(isCorrect(q, ['a'])).toBe(false);
    expect(isCorrect(q, ['a', 'b', 'c'])).toBe(false);
  });

  it('rounds scores to at most 2 decimals', () => {
    expect(roundScore((2 / 3) * 100)).toBe(66.67);
    expect(roundScore(80)).toBe(80);
  });
});

import { describe, expect, it } from 'vitest';
import type { QuestionData } from '../../src/runtime/contract/lessonData.js';
import { correctPatterns, formatScore, formatTimeOfDay, formatTimespan, studentResponse } from '../../src/runtime/scorm12/cmiFormats.js';

const fb = { correct: 'y', incorrect: 'n' };

describe('SCORM 1.2 value formats', () => {
  it('writes CMITimespan as HHHH:MM:SS.SS', () => {
    expect(formatTimespan(0)).toBe('0000:00:00.00');
    expect(formatTimespan(83_456)).toBe('0000:01:23.46');
    expect(formatTimespan(3_600_000 * 27 + 61_000)).toBe('0027:01:01.00');
    expect(formatTimespan(1e15)).toBe('9999:59:59.99');
    expect(formatTimespan(-5)).toBe('0000:00:00.00');
  });

  it('writes CMITime as the time of day', () => {
    expect(formatTimeOfDay(new Date(2024, 0, 1, 9, 5, 7))).toBe('09:05:07');
  });

  it('writes scores as CMIDecimal 0–100 with at most 2 decimals', () => {
    expect(formatScore(66.666666)).toBe('66.67');
    expect(formatScore(100)).toBe('100');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(120)).toBe('100');
  });

  it('writes responses and patterns in the per-type formats of RTE 3.4.4', () => {
    const choice: QuestionData = {
      id: 'c',
      type: 'multiple-choice',
      prompt: '',
      feedback: fb,
      choices: [{ id: 'a', text: '', correct: true }, { id: 'b', text: '', correct: false }, { id: 'c', text: '', correct: true }],
    };
    expect(correctPatterns(choice)).toEqual(['a,c']);
    expect(studentResponse(choice, ['c', 'b'])).toBe('b,c');
    const tf: QuestionData = { id: 't', type: 'true-false', prompt: '', feedback: fb, answer: false };
    expect(correctPatterns(tf)).toEqual(['f']);
    expect(studentResponse(tf, true)).toBe('t');
    const seq: QuestionData = { id: 's', type: 'sequencing', prompt: '', feedback: fb, steps: [{ id: 'a', text: '' }, { id: 'b', text: '' }], shownOrder: ['b', 'a'] };
    expect(correctPatterns(seq)).toEqual(['a,b']);
    expect(studentResponse(seq, ['b', 'a'])).toBe('b,a');
    const num: QuestionData = { id: 'n', type: 'numeric', prompt: '', feedback: fb, answer: 1000, tolerance: 0 };
    expect(correctPatterns(num)).toEqual(['1000']);
    expect(studentResponse(num, 0.0000001)).toBe('0.0000001');
    const fill: QuestionData = { id: 'f', type: 'fill-in', prompt: '', feedback: fb, answers: ['Redact', 'the Redact action'], caseSensitive: false };
    expect(correctPatterns(fill)).toEqual(['Redact', 'the Redact action']);
    expect(studentResponse(fill, ' two\nlines ' + 'x'.repeat(300))).toHaveLength(255);
  });
});

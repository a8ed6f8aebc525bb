import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../src/course/load/parseQuestion.js';

const parse = (yaml: string) => parseQuestion({ yaml, file: '/c/lesson.md', fenceLine: 10, fenceColumn: 1, number: 3 });
const FEEDBACK = 'feedback:\n  correct: Yes.\n  incorrect: No.\n';

describe('question blocks', () => {
  it('reads a single-choice question with per-choice feedback and stable choice ids', () => {
    const { question, diagnostics } = parse(`type: single-choice\nprompt: Pick one\nchoices:\n  - Wrong\n  - text: Right\n    correct: true\n    feedback: Because.\n${FEEDBACK}`);
    expect(diagnostics).toEqual([]);
    expect(question).toMatchObject({
      id: 'q3',
      type: 'single-choice',
      choices: [
        { id: 'a', text: 'Wrong', correct: false },
        { id: 'b', text: 'Right', correct: true, feedback: 'Because.' },
      ],
    });
  });

  it('reads every other type', () => {
    expect(parse(`type: true-false\nprompt: P\nanswer: false\n${FEEDBACK}`).question).toMatchObject({ answer: false });
    expect(parse(`type: fill-in\nprompt: P\nanswers: [chargeback, charge-back]\n${FEEDBACK}`).question).toMatchObject({ answers: ['chargeback', 'charge-back'], caseSensitive: false });
    expect(parse(`type: numeric\nprompt: P\nanswer: 500\ntolerance: 5\n${FEEDBACK}`).question).toMatchObject({ answer: 500, tolerance: 5 });
    expect(parse(`type: sequencing\nprompt: P\nsteps: [One, Two, Three]\n${FEEDBACK}`).question).toMatchObject({ steps: [{ id: 'a', text: 'One' }, { id: 'b', text: 'Two' }, { id: 'c', text: 'Three' }] });
    expect(parse(`id: my-q\ntype: multiple-choice\nprompt: P\nchoices:\n  - text: A\n    correct: true\n  - text: B\n    correct: true\n  - C\n${FEEDBACK}`).question).toMatchObject({ id: 'my-q' });
  });

  it('positions problems on the line inside the Markdown file', () => {
    const { question, diagnostics } = parse(`type: numeric\nprompt: P\nanswer: five hundred\n${FEEDBACK}`);
    expect(question).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'QUESTION_INVALID', line: 13, column: 9 }]);
  });

  it('suggests the right type and field names for typos', () => {
    const typo = parse(`type: single-choise\nprompt: P\n${FEEDBACK}`);
    expect(typo.diagnostics[0]!.hint).toContain('Did you mean single-choice?');
    const field = parse(`type: true-false\nprompt: P\nanswer: true\nfeedbak: x\n${FEEDBACK}`);
    expect(field.diagnostics).toMatchObject([{ code: 'FIELD_UNKNOWN', line: 14, hint: expect.stringContaining('Did you mean `feedback`?') }]);
  });

  it('requires feedback on both outcomes', () => {
    const { diagnostics } = parse('type: true-false\nprompt: P\nanswer: true\nfeedback:\n  correct: Yes.\n');
    expect(diagnostics.map((d) => d.message)).toEqual(['This question has no feedback.incorrect.']);
  });

  it('rejects inconsistent answers', () => {
    const messages = (yaml: string) => parse(yaml + FEEDBACK).diagnostics.map((d) => d.message);
    expect(messages('type: single-choice\nprompt: P\nchoices: [A, B]\n')).toEqual(['This question has 0 correct choices.']);
    expect(messages('type: multiple-choice\nprompt: P\nchoices: [A]\n')).toEqual(['This question needs 2–10 `choices`.']);
    expect(messages('type: sequencing\nprompt: P\nsteps: [A, A]\n')).toEqual(['This question lists the same step twice.']);
    expect(messages('type: fill-in\nprompt: P\nanswers: []\n')).toEqual(['This question needs 1–10 accepted `answers`, each 1–255 characters.']);
    expect(messages('type: numeric\nprompt: P\nanswer: 3\ntolerance: -1\n')).toEqual(['This question has a negative or non-numeric `tolerance`.']);
  });
});

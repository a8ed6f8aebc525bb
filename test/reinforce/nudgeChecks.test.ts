/**
 * `tandem check` on reinforcement: the spacing warning and the nudge-question rules, each with the
 * exact position an author would jump to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/course/check.js';
import { nudgeQuestions } from '../../src/course/reinforcement/nudgeQuestions.js';
import { loadCourse } from '../../src/course/loadCourse.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-nudge-check-');
const UNIT = 'units/lockout-tagout';

/** Diagnostics of the sample course after replacing the lockout unit's reinforcement block. */
async function afterReinforcement(block: string, lessonEdit: (t: string) => string = (t) => t): Promise<string[]> {
  const dir = courseCopy();
  const unitFile = path.join(dir, UNIT, 'unit.yaml');
  const text = readFileSync(unitFile, 'utf8');
  writeFileSync(unitFile, text.replace(/reinforcement:\n[\s\S]*$/, block));
  const lessonFile = path.join(dir, UNIT, 'lesson.md');
  writeFileSync(lessonFile, lessonEdit(readFileSync(lessonFile, 'utf8')));
  const { diagnostics } = await check(dir);
  return diagnostics.map((d) => `${d.severity} ${d.code} ${path.relative(dir, d.file ?? dir)}:${d.line}:${d.column}`);
}

/** The line of `reinforcement:` in the sample's lockout unit.yaml: positions below count from it. */
const R = readFileSync(path.join('fixtures/sample-course', UNIT, 'unit.yaml'), 'utf8').split('\n').indexOf('reinforcement:') + 1;

const STEPS = `  steps:
    - Lock out both the main disconnect and the air supply
`;

describe('reinforcement.after_days', () => {
  it('outside 3–7 days is a warning that gives the spacing research, at after_days', async () => {
    expect(await afterReinforcement(`reinforcement:\n  after_days: 1\n${STEPS}`)).toEqual([`warning REINFORCEMENT_DAYS_OUTSIDE_RANGE ${UNIT}/unit.yaml:${R + 1}:15`]);
    expect(await afterReinforcement(`reinforcement:\n  after_days: 14\n${STEPS}`)).toEqual([`warning REINFORCEMENT_DAYS_OUTSIDE_RANGE ${UNIT}/unit.yaml:${R + 1}:15`]);
    const dir = courseCopy();
    const unitFile = path.join(dir, UNIT, 'unit.yaml');
    writeFileSync(unitFile, readFileSync(unitFile, 'utf8').replace('after_days: 3', 'after_days: 10'));
    const warning = (await check(dir)).diagnostics.find((d) => d.code === 'REINFORCEMENT_DAYS_OUTSIDE_RANGE')!;
    expect(warning.message).toContain('10 day(s) after the lesson, later than the 3–7 days');
    expect(warning.hint).toContain('Cepeda et al. (2008)');
  });

  it('3 to 7 days says nothing', async () => {
    for (const days of [3, 5, 7]) expect(await afterReinforcement(`reinforcement:\n  after_days: ${days}\n${STEPS}`)).toEqual([]);
  });
});

describe('nudge questions', () => {
  it('a lesson without a one-click question leaves the nudges nothing to ask', async () => {
    // The lockout lesson's only one-click question is the true/false estop-enough.
    const diagnostics = await afterReinforcement(`reinforcement:\n  after_days: 3\n${STEPS}`, (t) => t.replace('type: true-false', 'type: fill-in').replace('answer: false', 'answers: [no]'));
    expect(diagnostics).toEqual([`error NUDGE_QUESTION_MISSING ${UNIT}/unit.yaml:${R}:1`]);
  });

  it('names a lesson question that does not exist, or one that needs more than one click', async () => {
    const diagnostics = await afterReinforcement(
      `reinforcement:\n  after_days: 3\n${STEPS}  questions:\n    - lesson: no-such-question\n    - lesson: loto-sequence\n    - lesson: lockout-points\n    - lesson: estop-enough\n`,
    );
    expect(diagnostics).toEqual([
      `error NUDGE_QUESTION_MISSING ${UNIT}/unit.yaml:${R + 5}:15`,
      `error NUDGE_QUESTION_NOT_ONE_CLICK ${UNIT}/unit.yaml:${R + 6}:15`,
      `error NUDGE_QUESTION_NOT_ONE_CLICK ${UNIT}/unit.yaml:${R + 7}:15`,
    ]);
  });

  it('an own question needs a prompt, choices with exactly one correct, and a step the job aid has', async () => {
    const diagnostics = await afterReinforcement(`reinforcement:
  after_days: 3
${STEPS}  questions:
    - id: gauge
      prompt: What must the P-1 gauge read before you reach in?
      choices:
        - text: "0"
        - text: Below 2 bar
    - id: try
      prompt: What do you do after locking out?
      choices:
        - text: Press START to try the machine
          correct: true
        - text: Reach in
      step: 12
    - choices:
        - text: a
          correct: true
        - text: b
`);
    expect(diagnostics).toEqual([
      `error NUDGE_QUESTION_INVALID ${UNIT}/unit.yaml:${R + 8}:9`,
      `error NUDGE_QUESTION_INVALID ${UNIT}/unit.yaml:${R + 16}:13`,
      `error NUDGE_QUESTION_INVALID ${UNIT}/unit.yaml:${R + 17}:7`,
    ]);
  });

  it('resolves lesson and own questions with their choices and the job-aid step they protect', async () => {
    const dir = courseCopy();
    const unitFile = path.join(dir, UNIT, 'unit.yaml');
    writeFileSync(
      unitFile,
      readFileSync(unitFile, 'utf8') +
        `  questions:
    - lesson: estop-enough
      step: 7
    - id: gauge
      prompt: What must the P-1 gauge read before you reach in?
      choices:
        - text: "0"
          correct: true
        - text: Below 2 bar
          feedback: Any pressure can move a cylinder.
`,
    );
    const { course, diagnostics } = await loadCourse(dir);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const unit = course!.units.find((u) => u.id === 'lockout-tagout')!;
    const { questions, problems } = nudgeQuestions(unit);
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.id, q.choices.map((c) => `${c.id}${c.correct ? '*' : ''}`).join(' '), q.step.number ?? '-', q.step.text])).toEqual([
      ['estop-enough', 'true false*', 7, 'Check that the P-1 gauge reads 0.'],
      ['gauge', 'a* b', '-', 'Put your own lock and tag on every isolation point'],
    ]);
  });
});

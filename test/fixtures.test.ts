/**
 * One line per invalid fixture: the exact diagnostics (code file:line:column) it must produce,
 * no more and no fewer. Each fixture is a whole course under fixtures/invalid/<case>/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/course/check.js';

const INVALID = path.resolve('fixtures/invalid');

const CASES: [string, string[]][] = [
  ['asset-missing', ['ASSET_MISSING units/first-unit/lesson.md:39:23']],
  ['asset-outside-unit', ['ASSET_OUTSIDE_UNIT units/first-unit/job-aid.md:15:60']],
  ['bad-enum', ['FIELD_VALUE units/first-unit/unit.yaml:15:13']],
  // U+000B written in the title, "\v" escaped in the statement, U+000B and U+0001 on one lesson line.
  [
    'control-character',
    ['TEXT_CONTROL_CHARACTER units/first-unit/unit.yaml:3:26', 'TEXT_CONTROL_CHARACTER units/first-unit/unit.yaml:12:14', 'TEXT_CONTROL_CHARACTER units/first-unit/lesson.md:7:11'],
  ],
  ['binary-unit-file', ['FILE_NOT_TEXT units/first-unit/unit.yaml:1:1']],
  ['duplicate-objective-id', ['OBJECTIVE_ID_DUPLICATE units/second-unit/unit.yaml:11:7']],
  ['high-risk-without-reinforcement', ['HIGH_RISK_NO_REINFORCEMENT units/first-unit/unit.yaml:15:13']],
  ['job-aid-objective-mismatch', ['JOB_AID_OBJECTIVE_MISMATCH units/first-unit/job-aid.md:2:12']],
  ['job-aid-without-context', ['JOB_AID_NO_CONTEXT units/first-unit/job-aid.md:1:1']],
  ['learning-only-metric', ['METRIC_LEARNING_ONLY units/first-unit/unit.yaml:18:10']],
  ['lesson-too-long', ['LESSON_TOO_LONG units/first-unit/lesson.md:1:1']],
  ['lesson-too-short', ['LESSON_TOO_SHORT units/first-unit/lesson.md:1:1']],
  ['lesson-without-job-aid', ['LESSON_WITHOUT_JOB_AID units/first-unit/lesson.md:1:1']],
  ['media-without-duration', ['MEDIA_DURATION_MISSING units/first-unit/lesson.md:38:22']],
  ['missing-field', ['FIELD_MISSING units/first-unit/unit.yaml:10:1']],
  ['no-config', ['COURSE_NOT_FOUND .:1:1']],
  ['one-bad-unit-among-good', ['UNIT_FILE_MISSING units/not-a-unit:1:1', 'OWNER_MISSING units/second-unit/unit.yaml:21:1']],
  ['owner-missing', ['OWNER_MISSING units/first-unit/unit.yaml:21:1']],
  ['path-unknown-unit', ['PATH_UNKNOWN_UNIT paths/onboarding.yaml:5:5']],
  ['question-invalid', ['QUESTION_INVALID units/first-unit/lesson.md:68:3', 'QUESTION_INVALID units/first-unit/lesson.md:79:1']],
  ['question-yaml-syntax', ['YAML_SYNTAX units/first-unit/lesson.md:29:97']],
  ['two-metrics', ['METRIC_NOT_SINGLE units/first-unit/unit.yaml:16:1']],
  ['two-objectives', ['OBJECTIVE_NOT_SINGLE units/first-unit/unit.yaml:10:1']],
  ['unit-id-mismatch', ['ID_MISMATCH units/first-unit/unit.yaml:2:5']],
  ['unknown-field', ['FIELD_UNKNOWN units/first-unit/unit.yaml:27:3']],
  ['unsafe-objective-id', ['OBJECTIVE_ID_UNSAFE units/first-unit/unit.yaml:11:7']],
  ['wrong-type', ['FIELD_TYPE units/first-unit/unit.yaml:8:11']],
  ['yaml-syntax', ['YAML_SYNTAX units/first-unit/unit.yaml:9:3']],
];

async function codesOf(dir: string): Promise<string[]> {
  const { diagnostics } = await check(dir);
  return diagnostics.map((d) => `${d.code} ${path.relative(dir, d.file ?? dir).split(path.sep).join('/') || '.'}:${d.line}:${d.column}`);
}

describe('invalid fixtures yield exactly their diagnostics', () => {
  it.each(CASES)('%s', async (name, expected) => {
    expect((await codesOf(path.join(INVALID, name))).sort()).toEqual([...expected].sort());
  });

  it('every invalid fixture folder has a case above', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(INVALID).sort()).toEqual(CASES.map(([name]) => name).sort());
  });
});

describe('valid courses', () => {
  it('the sample course checks clean', async () => {
    const result = await check('fixtures/sample-course');
    expect(result.diagnostics).toEqual([]);
    expect(result.course?.units.map((u) => u.id)).toEqual(['customer-data-handling', 'discount-approval', 'lockout-tagout', 'refund-approval']);
    expect(new Set(result.course?.units.map((u) => u.contract.request.source))).toEqual(new Set(['ops', 'support', 'sales', 'compliance']));
    for (const unit of result.course!.units) {
      expect(unit.estimatedMinutes).toBeGreaterThanOrEqual(3);
      expect(unit.estimatedMinutes).toBeLessThanOrEqual(8);
    }
  });

  it('the sample course uses every question type', async () => {
    const result = await check('fixtures/sample-course');
    const types = new Set(result.course!.units.flatMap((u) => u.lesson!.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual(['fill-in', 'multiple-choice', 'numeric', 'sequencing', 'single-choice', 'true-false']);
  });
});

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
  [
    'job-aid-html-unsafe',
    ['18:63', '26:1', '28:1', '30:4', '32:46'].map((at) => `JOB_AID_HTML_UNSAFE units/first-unit/job-aid.md:${at}`),
  ],
  ['job-aid-objective-mismatch', ['JOB_AID_OBJECTIVE_MISMATCH units/first-unit/job-aid.md:2:12']],
  ['job-aid-without-context', ['JOB_AID_NO_CONTEXT units/first-unit/job-aid.md:1:1']],
  ['learning-only-metric', ['METRIC_LEARNING_ONLY units/first-unit/unit.yaml:18:10']],
  [
    // Every payload of the issue, each reported where it is written (the Markdown link at its address).
    'lesson-html-unsafe',
    ['45:1', '47:46', '49:27', '51:1', '53:15', '55:1', '57:13', '58:28', '60:1', '60:37', '60:76', '62:1', '63:1', '64:1', '65:1', '66:1'].map(
      (at) => `LESSON_HTML_UNSAFE units/first-unit/lesson.md:${at}`,
    ),
  ],
  ['lesson-too-long', ['LESSON_TOO_LONG units/first-unit/lesson.md:1:1']],
  ['lesson-too-short', ['LESSON_TOO_SHORT units/first-unit/lesson.md:1:1', 'NUDGE_QUESTION_MISSING units/first-unit/unit.yaml:26:1']],
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
  // Issue 11: four broken questions are four QUESTION_INVALIDs, not also "no questions".
  ['questions-all-invalid', ['QUESTION_INVALID units/first-unit/lesson.md:28:7', 'QUESTION_INVALID units/first-unit/lesson.md:46:7', 'QUESTION_INVALID units/first-unit/lesson.md:65:1', 'YAML_SYNTAX units/first-unit/lesson.md:79:1']],
  ['objective-mismatch-unsafe-id', ['OBJECTIVE_ID_UNSAFE units/first-unit/unit.yaml:11:7', 'JOB_AID_OBJECTIVE_MISMATCH units/first-unit/lesson.md:2:12', 'JOB_AID_OBJECTIVE_MISMATCH units/first-unit/job-aid.md:2:12']],
  // Issue 11: one typo in a field name is one error (FIELD_UNKNOWN with "did you mean"), not also FIELD_MISSING.
  ['field-name-typo', ['FIELD_UNKNOWN units/first-unit/unit.yaml:12:3']],
  ['version-number', ['FIELD_TYPE units/first-unit/unit.yaml:4:10']],
  // Issue 11: explained in words (see explainYamlError.test.ts), not "All mapping items must start at the same column".
  ['yaml-list-item-then-key', ['YAML_SYNTAX units/first-unit/lesson.md:72:1']],
  // Issue 11: job_aid.md, unit.yml and Lesson.md are noticed (and still checked), not "missing".
  ['misnamed-unit-files', ['FILE_MISNAMED units/first-unit/unit.yml:1:1', 'FILE_MISNAMED units/first-unit/Lesson.md:1:1', 'FILE_MISNAMED units/first-unit/job_aid.md:1:1']],
  ['asset-similar-name', ['ASSET_MISSING units/first-unit/lesson.md:39:23']],
  ['job-aid-section-lookalike', ['JOB_AID_SECTION_UNKNOWN units/first-unit/job-aid.md:7:1', 'JOB_AID_NO_CONTEXT units/first-unit/job-aid.md:1:1']],
  // Issue 11: a schema error in unit.yaml no longer hides the lesson, job-aid, owner and asset checks until the next run.
  [
    'all-errors-in-one-run',
    [
      'FIELD_VALUE units/first-unit/unit.yaml:7:11',
      'OWNER_MISSING units/first-unit/unit.yaml:21:1',
      'JOB_AID_SECTION_UNKNOWN units/first-unit/job-aid.md:7:1',
      'JOB_AID_NO_CONTEXT units/first-unit/job-aid.md:1:1',
      'ASSET_MISSING units/first-unit/lesson.md:39:23',
    ],
  ],
  // ...nor does an error in tandem.config.yaml, or a unit.yaml that does not parse at all.
  ['config-error-and-unit-errors', ['FIELD_TYPE tandem.config.yaml:9:8', 'OWNER_MISSING units/first-unit/unit.yaml:21:1']],
  [
    'unit-yaml-broken-job-aid-checked',
    ['YAML_SYNTAX units/first-unit/unit.yaml:25:1', 'JOB_AID_SECTION_UNKNOWN units/first-unit/job-aid.md:7:1', 'JOB_AID_NO_CONTEXT units/first-unit/job-aid.md:1:1'],
  ],
  ['duplicate-objective-id-with-other-errors', ['FIELD_VALUE units/second-unit/unit.yaml:7:11', 'OBJECTIVE_ID_DUPLICATE units/second-unit/unit.yaml:11:7']],
  ['config-misnamed', ['COURSE_NOT_FOUND .:1:1']],
  // Issue 14: richer lessons. Each is reported where it is written, not shipped as a broken page.
  ['callout-type-unknown', ['CALLOUT_TYPE_UNKNOWN units/first-unit/lesson.md:38:3']],
  ['table-malformed', ['TABLE_MALFORMED units/first-unit/lesson.md:38:1']],
  ['image-alt-missing', ['IMAGE_ALT_MISSING units/first-unit/lesson.md:38:1']],
  ['image-options-invalid', ['IMAGE_OPTIONS_INVALID units/first-unit/lesson.md:38:49']],
  // One mistake, one error: no MEDIA_DURATION_MISSING for a video that cannot play.
  ['media-as-image', ['MEDIA_AS_IMAGE units/first-unit/lesson.md:38:1']],
  ['media-block-invalid', ['MEDIA_BLOCK_INVALID units/first-unit/lesson.md:41:11']],
  ['media-captions-missing', ['MEDIA_CAPTIONS_MISSING units/first-unit/lesson.md:39:6']],
  // An .srt file renamed to .vtt: browsers would show no captions at all.
  ['media-captions-invalid', ['MEDIA_CAPTIONS_INVALID units/first-unit/lesson.md:40:11']],
  ['player-language-unsupported', ['PLAYER_LANGUAGE_UNSUPPORTED units/first-unit/unit.yaml:5:11']],
  ['theme-strings-invalid', ['THEME_STRINGS_INVALID themes/default/lesson-strings.yaml:3:3']],
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

/**
 * Every diagnostic code in the catalogue is produced by at least one test. The cases here cover
 * the codes no fixture or feature test produced before: each takes the `tandem init` starter
 * course, makes one mistake an author makes, and expects the exact `CODE file:line:column`s.
 * The last test enforces the rule for the whole suite: a code that no test names is a code
 * nothing proves Tandem can still report.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/course/check.js';
import { CATALOGUE } from '../../src/diagnostics/catalogue.js';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { scaffoldCourse } from '../../src/init/scaffoldCourse.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const UNIT = 'units/first-unit';
type Edit = (file: (rel: string) => { path: string; text: string; write: (text: string) => void }, dir: string) => void;

async function diagnosticsAfter(edit: Edit): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-codes-'));
  temps.push(dir);
  const created = await scaffoldCourse(path.join(dir, 'course'));
  expect(created.ok).toBe(true);
  const course = path.join(dir, 'course');
  edit((rel) => {
    const p = path.join(course, rel);
    return { path: p, text: readFileSync(p, 'utf8'), write: (text) => writeFileSync(p, text) };
  }, course);
  const { diagnostics } = await check(course);
  // The starter's placeholders (owner names, example.com) are warned about by design; not here.
  return diagnostics.filter((d) => d.code !== 'PLACEHOLDER_LEFT').map((d) => `${d.code} ${path.relative(course, d.file ?? course).split(path.sep).join('/') || '.'}:${d.line}:${d.column}`).sort();
}

const replace = (from: string | RegExp, to: string) => (text: string) => {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`the starter course no longer contains ${String(from)}; update this test`);
  return next;
};
const editFile = (rel: string, change: (text: string) => string): Edit => (file) => {
  const f = file(rel);
  f.write(change(f.text));
};

const CASES: [string, Edit, string[]][] = [
  [
    'FILE_NOT_REGULAR: tandem.config.yaml is a folder',
    (file) => {
      const p = file('tandem.config.yaml').path;
      rmSync(p);
      mkdirSync(p);
    },
    ['FILE_NOT_REGULAR tandem.config.yaml:1:1'],
  ],
  [
    'FILE_UNREADABLE: lesson.md is a link to a file that is gone',
    (file) => {
      const p = file(`${UNIT}/lesson.md`).path;
      rmSync(p);
      symlinkSync('lesson-draft.md', p);
    },
    [`FILE_UNREADABLE ${UNIT}/lesson.md:1:1`],
  ],
  [
    'ASSET_TOO_LARGE: a 600 MB image (a sparse file: no disk used)',
    (file, dir) => {
      mkdirSync(path.join(dir, UNIT, 'assets'));
      const big = path.join(dir, UNIT, 'assets', 'poster.png');
      writeFileSync(big, '');
      truncateSync(big, 600 * 1024 * 1024);
      editFile(`${UNIT}/lesson.md`, replace('## The rule\n', '## The rule\n\n![The poster](assets/poster.png)\n'))(file, dir);
    },
    [`ASSET_TOO_LARGE ${UNIT}/lesson.md:17:15`],
  ],
  ['FILE_TOO_LARGE: a job aid over 1 MiB', editFile(`${UNIT}/job-aid.md`, (t) => t + '\nfiller line\n'.repeat(100_000)), [`FILE_TOO_LARGE ${UNIT}/job-aid.md:1:1`]],
  [
    'RISK_NOT_SINGLE: two risks as a list',
    editFile(`${UNIT}/unit.yaml`, replace(/^risk:\n {2}statement: (.*)\n {2}severity: high\n/m, 'risk:\n  - statement: $1\n    severity: high\n  - statement: Agents log the callback without a due time.\n    severity: medium\n')),
    [`RISK_NOT_SINGLE ${UNIT}/unit.yaml:14:1`],
  ],
  [
    'UNIT_ID_DUPLICATE: a copied unit folder keeps the id',
    (file, dir) => {
      const to = path.join(dir, 'units/second-unit');
      mkdirSync(to);
      for (const name of readdirSync(path.join(dir, UNIT))) writeFileSync(path.join(to, name), file(`${UNIT}/${name}`).text.replace(/OBJ-SUP-CALLBACK-LOG/g, 'OBJ-SUP-CALLBACK-TWO'));
    },
    ['ID_MISMATCH units/second-unit/unit.yaml:3:5', 'UNIT_ID_DUPLICATE units/second-unit/unit.yaml:3:5'],
  ],
  ['LESSON_MISSING: no lesson.md', (file) => rmSync(file(`${UNIT}/lesson.md`).path), [`LESSON_MISSING ${UNIT}/unit.yaml:1:1`]],
  ['JOB_AID_NO_STEPS: the Steps section removed', editFile(`${UNIT}/job-aid.md`, replace(/## Steps\n[\s\S]*?(?=## Watch-outs)/, '')), [`JOB_AID_NO_STEPS ${UNIT}/job-aid.md:1:1`]],
  ['JOB_AID_NO_WATCH_OUTS: the Watch-outs section removed', editFile(`${UNIT}/job-aid.md`, replace(/## Watch-outs\n[\s\S]*?(?=## Escalation)/, '')), [`JOB_AID_NO_WATCH_OUTS ${UNIT}/job-aid.md:1:1`]],
  ['JOB_AID_NO_ESCALATION: the Escalation section removed', editFile(`${UNIT}/job-aid.md`, replace(/## Escalation\n[\s\S]*$/, '')), [`JOB_AID_NO_ESCALATION ${UNIT}/job-aid.md:1:1`]],
  ['JOB_AID_SECTION_UNKNOWN: a section Tandem does not know', editFile(`${UNIT}/job-aid.md`, (t) => `${t}\n## Fun facts\n\nCallbacks were invented in 1876.\n`), [`JOB_AID_SECTION_UNKNOWN ${UNIT}/job-aid.md:31:1`]],
  ['LESSON_TEXT_BEFORE_SCREEN: text above the first heading', editFile(`${UNIT}/lesson.md`, replace('---\n\n## Why callback', '---\n\nRead this first.\n\n## Why callback')), [`LESSON_TEXT_BEFORE_SCREEN ${UNIT}/lesson.md:5:1`]],
  ['LESSON_NO_SCREENS: no heading at all', editFile(`${UNIT}/lesson.md`, (t) => t.replace(/^#{1,2} .*$/gm, '')), [`LESSON_NO_QUESTIONS_SCORED ${UNIT}/unit.yaml:28:18`, `LESSON_NO_SCREENS ${UNIT}/lesson.md:1:1`, `LESSON_TEXT_BEFORE_SCREEN ${UNIT}/lesson.md:7:1`]],
  [
    'QUESTION_ID_DUPLICATE: two questions with one id',
    editFile(`${UNIT}/lesson.md`, (t) => {
      let n = 0;
      return t.replace(/```question\n/g, () => (n++ < 2 ? '```question\nid: same-question\n' : '```question\n'));
    }),
    [`QUESTION_ID_DUPLICATE ${UNIT}/lesson.md:LINE`],
  ],
  [
    'LESSON_NO_QUESTIONS_SCORED: a mastery score and no question',
    editFile(`${UNIT}/lesson.md`, (t) => t.replace(/```question\n[\s\S]*?```\n/g, '')),
    [`LESSON_NO_QUESTIONS_SCORED ${UNIT}/unit.yaml:28:18`, `LESSON_TOO_SHORT ${UNIT}/lesson.md:1:1`, `NUDGE_QUESTION_MISSING ${UNIT}/unit.yaml:29:1`],
  ],
  ['ASSET_EXTERNAL: an image from the network', editFile(`${UNIT}/lesson.md`, replace('## The rule\n', '## The rule\n\n![The ticket form](https://cdn.example.com/ticket.png)\n')), [`ASSET_EXTERNAL ${UNIT}/lesson.md:LINE`]],
  ['PATH_DUPLICATE_UNIT: a path lists a unit twice', editFile('paths/onboarding.yaml', (t) => `${t.trimEnd()}\n  - first-unit\n`), ['PATH_DUPLICATE_UNIT paths/onboarding.yaml:6:5']],
];

describe('codes no other test produced, each from one author mistake', () => {
  it.each(CASES)('%s', async (_name, edit, expected) => {
    const got = await diagnosticsAfter(edit);
    // LINE stands for a position that depends on the starter text; the code and file must match.
    expect(got.map((g, i) => (expected[i]?.endsWith(':LINE') ? g.replace(/:\d+:\d+$/, ':LINE') : g))).toEqual([...expected].sort());
  });
});

describe('a build stopped by a signal', () => {
  it('BUILD_INTERRUPTED: no job starts and no manifest is written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-codes-'));
    temps.push(dir);
    const stop = new AbortController();
    stop.abort('SIGTERM');
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['job-aid-html'], sink, signal: stop.signal });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['BUILD_INTERRUPTED']);
    expect(result.diagnostics.find((d) => d.code === 'BUILD_INTERRUPTED')!.message).toContain('SIGTERM');
    expect(sink.files.has('manifest.json')).toBe(false);
  });
});

/**
 * Codes no test can produce without breaking Tandem or the machine on purpose, each with why.
 * Keep this list short: every entry is a code nothing proves Tandem can still report.
 */
const UNPRODUCIBLE: Record<string, string> = {
  SERVE_INTERNAL_ERROR: 'answered only for a bug in the server (an exception no handler expected)',
  RELAY_JOURNAL_FAILED: 'needs a disk that fails a write; the journal side of it is tested in test/serve/journal.test.ts',
};

describe('the rule itself', () => {
  it('every catalogue code is named by at least one test', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith(path.join('test', 'readme.test.ts'))) sources.push(readFileSync(p, 'utf8'));
      }
    };
    walk('test');
    const text = sources.join('\n');
    const unnamed = Object.keys(CATALOGUE).filter((code) => !(code in UNPRODUCIBLE) && !new RegExp(`(?<![A-Z_])${code}(?![A-Z_])`).test(text));
    expect(unnamed).toEqual([]);
  });
});

/**
 * Issue 10: pathological Markdown must not stall `tandem check`. marked is quadratic on runs of
 * emphasis marks and links, superlinear on nested lists and recursive on nested quotes; before
 * the bounds, 64 KB of `*a _` took 48 s, a 1,000-deep list 14 s, and a 20,000-deep blockquote
 * overflowed the stack. Each now gives a positioned LESSON_TOO_COMPLEX within a few seconds, in
 * lesson.md and job-aid.md alike, and the rest of the file is still read.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../src/course/check.js';
import { parseJobAid } from '../src/course/load/parseJobAid.js';
import { parseLesson } from '../src/course/load/parseLesson.js';
import { parseYamlSource } from '../src/course/load/yamlSource.js';

/** Name, Markdown put on line 7, and the line of the first part over a limit. */
const PATHOLOGICAL: [string, string, number][] = [
  ['64 KB of `*a _`', '*a _'.repeat(16_000), 7],
  // Level 32 is the first whose text starts after column 64.
  ['a 1,000-deep list', Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '- a').join('\n'), 7 + 32],
  ['a 20,000-deep blockquote', '>'.repeat(20_000) + ' a', 7],
  // 833 lines of 24 levels (16 markers, 16 columns) use up the 20,000 levels a file may have.
  ['30,000 lines each opening 16 lists', ('- '.repeat(16) + 'a\n').repeat(30_000), 7 + 833],
  ['40,000 images in one paragraph', '![a](b.png)'.repeat(40_000), 7],
  // 20 paragraphs of 500 marks use up the 10,000 a file may have.
  ['200 paragraphs of 500 emphasis marks', ('*a _'.repeat(250) + '\n\n').repeat(200), 7 + 40],
];

/**
 * How long a pathological file may take: 5 s, or more on a machine so busy that reading ordinary
 * Markdown of the same size is slow too (before the bounds these took 14–100 s on an idle one).
 */
function allowedMs(length: number): number {
  const ordinary = ('Some ordinary words in a sentence, with *one* mark. '.repeat(20) + '\n\n').repeat(Math.ceil(length / 1042)).slice(0, length);
  const { ms } = timed(() => parseLesson(`# A\n\n${ordinary}`, '/x/lesson.md'));
  return Math.max(5_000, 15 * ms);
}

/** Milliseconds `fn` takes. */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

describe('pathological Markdown is bounded', () => {
  for (const [name, body, line] of PATHOLOGICAL) {
    it(`${name}: LESSON_TOO_COMPLEX at its line, in seconds, in a lesson and a job aid`, { timeout: 120_000 }, () => {
      const text = `# Intro\n\nFine text.\n\n## Hard\n\n${body}\n\n## After\n\nStill read.\n`;
      const allowed = allowedMs(text.length);
      const lesson = timed(() => parseLesson(text, '/course/units/u/lesson.md', 'u'));
      const jobAid = timed(() => parseJobAid(text, '/course/units/u/job-aid.md', 'u'));
      for (const { value, ms } of [
        { value: lesson.value.diagnostics, ms: lesson.ms },
        { value: jobAid.value.diagnostics, ms: jobAid.ms },
      ]) {
        expect(ms).toBeLessThan(allowed);
        const complex = value.filter((d) => d.code === 'LESSON_TOO_COMPLEX');
        expect(complex.length).toBeGreaterThanOrEqual(1);
        expect(complex[0]).toMatchObject({ line, column: 1 });
      }
      expect(lesson.value.lesson.screens.map((s) => s.title)).toEqual(['Intro', 'Hard', 'After']);
      expect(jobAid.value.jobAid.other.map((s) => s.heading)).toEqual(['Hard', 'After']);
    });
  }

  it('ordinary nesting and emphasis are untouched', () => {
    const text = '# A\n\n' + Array.from({ length: 8 }, (_, i) => '  '.repeat(i) + `- level ${i} with *some* _emphasis_ and a [link](https://x.example)`).join('\n') + '\n\n> > > quoted **three** deep\n';
    const { lesson, diagnostics } = parseLesson(text, '/x/lesson.md');
    expect(diagnostics.filter((d) => d.code === 'LESSON_TOO_COMPLEX')).toEqual([]);
    expect(lesson.screens[0]!.blocks).toHaveLength(1);
  });
});

describe('deeply nested YAML flow collections', () => {
  // The yaml parser recurses per open [ or {; at ~10,000 V8 could abort the whole process
  // ("RegExpCompiler Allocation failed"), which no try/catch survives.
  it('are a positioned YAML_SYNTAX in unit.yaml, front matter and question blocks, never a crash', { timeout: 120_000 }, () => {
    const deep = '['.repeat(100_000);
    expect(parseYamlSource(`id: x\ntitle: ${deep}\n`, { file: 'unit.yaml' }).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML_SYNTAX', 2, 72]]);
    const frontMatter = parseLesson(`---\nobjective: ${deep}\n---\n# A\n\nText.\n`, '/x/lesson.md');
    expect(frontMatter.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAX', 2]]);
    const question = parseLesson('# A\n\n```question\ntype: single-choice\nprompt: ' + deep + '\n```\n', '/x/lesson.md');
    expect(question.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAX', 5]]);
  });
});

describe('tandem check on a course with a pathological lesson', () => {
  const temps: string[] = [];
  afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reports it at the lesson line, checks the other units, and does not stall', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-complex-'));
    temps.push(dir);
    cpSync('fixtures/sample-course', dir, { recursive: true });
    const lessonFile = path.join(dir, 'units/refund-approval/lesson.md');
    const original = readFileSync(lessonFile, 'utf8');
    const line = original.split('\n').length + 1;
    writeFileSync(lessonFile, original + '\n' + '*a _'.repeat(16_000) + '\n');
    const allowed = allowedMs(64_000);
    const started = performance.now();
    const result = await check(dir);
    expect(performance.now() - started).toBeLessThan(allowed);
    expect(result.diagnostics.map((d) => `${d.code} ${path.relative(dir, d.file!)}:${d.line}:${d.column}`)).toEqual([
      `LESSON_TOO_COMPLEX units/refund-approval/lesson.md:${line}:1`,
    ]);
    expect(result.course!.units).toHaveLength(4);
  });
});

/**
 * Issue 13's "done when": the analyst's review as one command on real inputs. Learners play the
 * sample course's Tin Can refund-approval lesson in Chromium against the test LRS (every statement
 * validated by @learninglocker/xapi-validation on the way in), exactly as tincan.e2e.test.ts does;
 * then `tandem report` reads what the lesson really sent, once as an LRS export (NDJSON) and once
 * from the LRS itself (--lrs), with an ops CSV, and the numbers are the ones the sessions make.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import type { ObjectiveReport, Report } from '../../src/report/index.js';
import { playThrough, readLesson, tap, visibleScreen } from '../scorm12/support/learner.js';
import { lessonPackageHarness } from '../support/lessonPackageHarness.js';
import { ofLaunch, tincanLaunchUrl, tincanLearner, type TincanLearner } from '../support/tincanLearner.js';
import { verbName } from '../support/xapiChecks.js';

const SAMPLE = path.resolve('fixtures/sample-course');
const METRIC = 'Refunds over $500 approved without evidence';
const harness = lessonPackageHarness('xapi');
let lesson: LessonData;
let dir: string;
let fromExport: { code: number; stdout: string; report: Report };
let fromLrs: { code: number; stdout: string; report: Report };
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function launch(who: TincanLearner): Promise<Page> {
  const page = await harness.browser.newPage();
  harness.pages.push(page);
  await page.goto(tincanLaunchUrl(harness.lrs, who));
  await page.waitForSelector('html[data-tandem-tracker]');
  lesson ??= await readLesson(page.mainFrame());
  return page;
}

/** Plays a whole session and waits until the LRS has its `terminated` statement. */
async function session(who: TincanLearner, wrong: ReadonlySet<string>): Promise<void> {
  const page = await launch(who);
  await playThrough(page, page.mainFrame(), lesson, { wrong });
  await tap(page.mainFrame(), '[data-action="finish"]');
  await harness.lrs.waitFor((all) => all.some((s) => ofLaunch(who)(s) && verbName(s) === 'terminated'));
}

async function report(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  const out = path.join(dir, `out-${args.includes('--lrs') ? 'lrs' : 'export'}`);
  const code = await runCli(['report', SAMPLE, ...args, '--until', today, '--out', out, '--min-learners', '1', '--fail-on', 'never'], { out: (s) => void (stdout += s), err: (s) => void (stdout += s), cwd: dir, color: false, isTTY: false, env });
  return { code, stdout, report: JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Report };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-lessons-'));
  const [ana, ben, cy] = [tincanLearner(harness.lrs), tincanLearner(harness.lrs, 'mbox'), tincanLearner(harness.lrs)];
  // Ana answers everything right; Ben everything wrong.
  await session(ana, new Set());
  await session(ben, new Set(lesson.questions.map((q) => q.id)));
  // Cy answers the first of the five questions wrong: 80%, the unit's mastery_score, so he passes.
  await session(cy, new Set([lesson.questions[0]!.id]));
  // Dee opens the lesson, reads the first screen and leaves.
  const dee = tincanLearner(harness.lrs);
  const page = await launch(dee);
  expect(await visibleScreen(page.mainFrame())).toBe(0);
  await harness.lrs.waitFor((all) => all.some((s) => ofLaunch(dee)(s) && verbName(s) === 'initialized'));
  await page.close();

  const exportFile = path.join(dir, 'lrs-export.ndjson');
  await writeFile(exportFile, harness.lrs.statements.map((s) => JSON.stringify({ ...s.statement, stored: s.stored })).join('\n') + '\n');
  const ops = path.join(dir, 'ops.csv');
  await writeFile(ops, ['date,objective_id,team,metric,value,n', `${daysAgo(20)},OBJ-SUP-REFUND-500,north,${METRIC},12,40`, `${daysAgo(3)},OBJ-SUP-REFUND-500,north,${METRIC},9,40`, `${daysAgo(1)},OBJ-SUP-REFUND-500,south,${METRIC},7,35`].join('\n') + '\n');
  fromExport = await report(['--statements', exportFile, '--ops', ops]);
  fromLrs = await report(['--lrs', harness.lrs.endpoint, '--ops', ops], { TANDEM_LRS_AUTH: harness.lrs.credential('reader') });
}, 240_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const refund = (r: Report): ObjectiveReport => r.objectives.find((o) => o.objectiveId === 'OBJ-SUP-REFUND-500')!;

describe('tandem report on the statements the lessons really send', () => {
  it('counts the four sessions: four learners launched, three completed, Ana and Cy passed, Ben failed', () => {
    expect(fromExport.code, fromExport.stdout).toBe(0);
    expect(lesson.questions).toHaveLength(5);
    expect(refund(fromExport.report).learning).toMatchObject({
      learners: 4,
      launched: 4,
      completed: 3,
      passed: 2,
      failed: 1,
      completionRate: 0.75,
      firstAttemptPassRate: 0.666667,
      attemptsPerLearner: 1,
      // Scores 1, 0 and 0.8.
      meanScore: 0.6,
    });
  });

  it("per question: three answers each; the first question right once (Ana's), the others twice (Ana's and Cy's)", () => {
    const items = refund(fromExport.report).items;
    expect(items.map((i) => i.questionId)).toEqual(lesson.questions.map((q) => q.id));
    expect(items.map((i) => i.n)).toEqual(lesson.questions.map(() => 3));
    expect(items.map((i) => i.difficulty)).toEqual(lesson.questions.map((_, k) => (k === 0 ? 0.333333 : 0.666667)));
  });

  it('the ops metric: baseline from unit.yaml, the mean of the rows in the period and in the current window', () => {
    const [metric] = refund(fromExport.report).execution.metrics;
    expect(metric).toMatchObject({ name: METRIC, baseline: 14, current: 9.333333, change: -4.666667, n: 3 });
    const current = refund(fromExport.report).windows.find((w) => w.label === 'current')!;
    expect(current.execution.metrics[0]).toMatchObject({ current: 8, n: 2 });
    expect(current.learning.learners).toBe(4);
  });

  it('reads the same numbers straight from the LRS (--lrs) as from its export', () => {
    expect(fromLrs.code, fromLrs.stdout).toBe(0);
    const [a, b] = [refund(fromExport.report), refund(fromLrs.report)];
    expect(b.learning).toEqual(a.learning);
    expect(b.items).toEqual(a.items);
    expect(b.execution).toEqual(a.execution);
  });
});

/**
 * End to end: the built SCORM 1.2 packages of the sample course, in headless Chromium, inside a
 * real LMS-side runtime (scorm-again's Scorm12API on the host page). A learner passes, fails and
 * retries, leaves halfway and resumes, reviews, launches in a popup, takes a no-credit attempt,
 * meets an LMS that refuses values, and runs without any LMS. Each session's resulting CMI data
 * is asserted, and its log of API calls is checked against the strict rules (scorm12Violations).
 *
 * Every test runs twice: on the plain packages, and on packages built with scorm12.report_xapi
 * (which also send xAPI statements to a relay, here played by the test LMS): SCORM behaviour must
 * be exactly the same.
 */
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProtocolError, type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProgress, worstCaseLength } from '../../src/runtime/contract/progressState.js';
import { answer, isAnswered, playThrough, readLesson, tap, visibleScreen } from './support/learner.js';
import { byName, buildScorm12, SAMPLE_COURSE } from './support/samplePackages.js';
import { longestSuspendData, scorm12Violations, writes } from './support/strictScorm12.js';
import { TestLms, type ApiCall } from './support/testLms.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { xapiProblems } from '../support/xapiChecks.js';

let browser: Browser;
let lms: TestLms;
let longestSeen = 0;

interface Cmi {
  core: Record<string, string> & { score: Record<string, string> };
  suspend_data: string;
  objectives: Record<string, { id: string; status: string; score: Record<string, string> }>;
  interactions: Record<string, { id: string; type: string; result: string; student_response: string; objectives: Record<string, { id: string }> }>;
  [key: string]: unknown;
}

interface LaunchOptions {
  cmi?: object;
  refuse?: string;
  popup?: boolean;
  /** Play Moodle's rule for a status left "not attempted" on LMSFinish (see testLms). */
  moodle?: boolean;
}

interface Session {
  page: Page;
  frame: Frame;
  messages: string[];
  calls(): Promise<ApiCall[]>;
  cmi(): Promise<Cmi>;
  /** Waits for LMSFinish, then returns the log and the CMI data. */
  finished(): Promise<{ calls: ApiCall[]; cmi: Cmi }>;
}

const FRESH = { core: { entry: 'ab-initio', credit: 'credit', lesson_mode: 'normal', student_id: 'u-1', student_name: 'Doe, Jane' } };

const VARIANTS = ['plain', 'report_xapi'] as const;
/** Package names of the variant under test start with this (see reportingXapi). */
let prefix = '';

/** A copy of a course folder that sets scorm12.report_xapi, with this LMS as its relay. */
function reportingXapi(courseDir: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tandem-scorm-xapi-lms-')), 'course');
  cpSync(courseDir, dir, { recursive: true });
  appendFileSync(path.join(dir, 'tandem.config.yaml'), `job_aids:\n  relay_url: ${lms.url('/relay/statements')}\nscorm12:\n  report_xapi: true\nserve:\n  lesson_origins: [${lms.origin}]\n`);
  return dir;
}

beforeAll(async () => {
  const completionOnly = path.resolve('fixtures/scorm12/completion-only');
  const { zips, diagnostics } = await buildScorm12();
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const unscored = await buildScorm12(completionOnly);
  lms = await TestLms.start({ ...byName(zips), 'completion-only': unscored.zips.get('scorm12/shift-briefing.zip')! });
  const reporting = await buildScorm12(reportingXapi(SAMPLE_COURSE));
  expect(reporting.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const [name, bytes] of Object.entries(byName(reporting.zips))) lms.mount(`xapi-${name}`, bytes);
  lms.mount('xapi-completion-only', (await buildScorm12(reportingXapi(completionOnly))).zips.get('scorm12/shift-briefing.zip')!);
  browser = await launchTestBrowser();
});

/** The package address of the variant under test. */
function pkg(sco: string): string {
  return `/pkg/${prefix}${sco}`;
}

afterAll(async () => {
  await browser?.close();
  await lms?.close();
  console.log(`scorm12 e2e: longest suspend_data written: ${longestSeen} characters`);
});

async function launch(sco: string, options: LaunchOptions = {}): Promise<Session> {
  const page = await browser.newPage();
  const messages: string[] = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${(e as Error).message}`));
  await page.goto(lms.url('/lms/host.html'));
  let frame: Frame;
  if (options.popup) {
    const opened = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
    await page.evaluate((c) => (window as any).startLms(c), { ...options, url: pkg(sco) });
    const popup = await opened;
    popup.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    await popup.waitForSelector('[data-screen]');
    frame = popup.mainFrame();
  } else {
    await page.evaluate((c) => (window as any).startLms(c), { ...options, url: pkg(sco) });
    frame = (await (await page.waitForSelector('iframe#sco'))!.contentFrame())!;
    await frame.waitForSelector('[data-screen]');
  }
  await page.waitForFunction(() => (window as any).lms.calls.length > 0 || document.querySelector('iframe') === null);
  const calls = () => page.evaluate(() => (window as any).lms.calls as ApiCall[]);
  const cmi = async () => (await page.evaluate(() => (window as any).lms.cmi())).cmi as Cmi;
  return {
    page,
    frame,
    messages,
    calls,
    cmi,
    async finished() {
      await page.waitForFunction(() => (window as any).lms.calls.some((c: ApiCall) => c.name === 'LMSFinish'));
      const log = await calls();
      longestSeen = Math.max(longestSeen, longestSuspendData(log));
      return { calls: log, cmi: await cmi() };
    },
  };
}

/** The learner closes the LMS frame (the page goes away: pagehide). */
async function leave(session: Session): Promise<void> {
  await session.page.evaluate(() => document.getElementById('sco')?.remove());
}

/** What an LMS hands the next session of a suspended attempt. */
function resumeFrom(cmi: Cmi, overrides: Record<string, string> = {}): object {
  const { session_time: _t, exit: _e, ...core } = cmi.core;
  return { ...cmi, core: { ...core, entry: cmi.core.exit === 'suspend' ? 'resume' : '', ...overrides } };
}

describe.each(VARIANTS)('a SCORM 1.2 lesson in an LMS (%s packages)', (variant) => {
  beforeAll(() => {
    prefix = variant === 'plain' ? '' : 'xapi-';
  });
  it('passes: every answer recorded, score before status, objective and exit as specified', async () => {
    const s = await launch('refund-approval/units/refund-approval/index.html', { cmi: FRESH });
    const lesson = await readLesson(s.frame);
    expect(await s.frame.$eval('[data-tracking-notice]', (el) => (el as HTMLElement).hidden)).toBe(true);
    await playThrough(s.page, s.frame, lesson);
    expect(await s.frame.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You passed.');
    await tap(s.frame, '[data-action="finish"]');
    // In the LMS's frame: closing the window would close the LMS, so the learner is sent to its navigation.
    expect(await s.frame.$eval('[data-ended-message]', (el) => el.textContent)).toBe("Your progress is saved. To go on, use your learning platform's navigation, such as its Exit or Next button.");
    const { cmi } = await s.finished();
    // The frame then goes away (pagehide): the session is over, nothing more may be sent.
    await leave(s);
    const calls = await s.calls();
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(writes(calls, 'cmi.core.lesson_status')).toEqual(['incomplete', 'passed']);
    expect(cmi.core).toMatchObject({ lesson_status: 'passed', exit: '', score: { raw: '100', min: '0', max: '100' } });
    expect(writes(calls, 'cmi.core.session_time')).toHaveLength(1);
    expect(Object.values(cmi.objectives)).toEqual([expect.objectContaining({ id: 'OBJ-SUP-REFUND-500', status: 'passed', score: expect.objectContaining({ raw: '100' }) })]);
    const interactions = Object.values(cmi.interactions);
    expect(interactions.map((i) => [i.id, i.type, i.result, i.objectives['0']!.id])).toEqual([
      ['matrix-who-approves', 'choice', 'correct', 'OBJ-SUP-REFUND-500'],
      ['evidence-email-photos', 'true-false', 'correct', 'OBJ-SUP-REFUND-500'],
      ['evidence-order', 'sequencing', 'correct', 'OBJ-SUP-REFUND-500'],
      ['mistakes-multi', 'choice', 'correct', 'OBJ-SUP-REFUND-500'],
      ['recap-threshold', 'numeric', 'correct', 'OBJ-SUP-REFUND-500'],
    ]);
    expect(writes(calls, /^cmi\.interactions\.\d+\.student_response$/)).toEqual(['b', 'f', 'a,b,c,d,e', 'a,b,d', '1000']);
    expect(writes(calls, /^cmi\.interactions\.\d+\.correct_responses\.0\.pattern$/)).toEqual(['b', 'f', 'a,b,c,d,e', 'a,b,d', '1000']);
    const state = decodeProgress(lesson, cmi.suspend_data)!;
    expect(state).toMatchObject({ finished: true, attempt: 1, screen: lesson.screens.length });
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(worstCaseLength(lesson));
    expect(s.messages.filter((m) => /^(error|pageerror|warn)/.test(m))).toEqual([]);
  });

  it('fails against the mastery score, then passes on "Try again"; the objective row is updated in place', async () => {
    const s = await launch('discount-approval/units/discount-approval/index.html', { cmi: FRESH });
    const lesson = await readLesson(s.frame);
    await playThrough(s.page, s.frame, lesson, { wrong: new Set(['discount-calc', 'approval-route']) });
    expect(await s.frame.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You did not pass this time.');
    const afterFail = await s.cmi();
    expect(afterFail.core).toMatchObject({ lesson_status: 'failed', score: { raw: '50' } });
    expect(Object.values(afterFail.interactions).map((i) => i.result)).toEqual(['wrong', 'correct', 'wrong', 'correct']);

    await tap(s.frame, '[data-action="retry"]');
    expect(await isAnswered(s.frame, 'discount-calc')).toBe(false);
    await playThrough(s.page, s.frame, lesson);
    await leave(s);
    const { calls, cmi } = await s.finished();
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(writes(calls, 'cmi.core.lesson_status')).toEqual(['incomplete', 'failed', 'passed']);
    expect(writes(calls, 'cmi.core.score.raw')).toEqual(['50', '100']);
    expect(cmi.core).toMatchObject({ lesson_status: 'passed', exit: '' });
    expect(Object.keys(cmi.objectives)).toEqual(['0']);
    expect(cmi.objectives['0']).toMatchObject({ id: 'OBJ-SAL-DISCOUNT-15', status: 'passed' });
    expect(Object.keys(cmi.interactions)).toHaveLength(8);
    expect(decodeProgress(lesson, cmi.suspend_data)).toMatchObject({ attempt: 2, finished: true });
  });

  it('leaves halfway (exit suspend on pagehide) and resumes where the learner left, answers kept', async () => {
    const first = await launch('customer-data-handling/units/customer-data-handling/index.html', { cmi: FRESH });
    const lesson = await readLesson(first.frame);
    await playThrough(first.page, first.frame, lesson, { until: 2 });
    await answer(first.page, first.frame, lesson.questions.find((q) => q.id === 'share-sequence')!, true);
    await leave(first);
    const one = await first.finished();
    await first.page.close();

    expect(scorm12Violations(one.calls)).toEqual([]);
    expect(one.cmi.core).toMatchObject({ lesson_status: 'incomplete', exit: 'suspend', lesson_location: '3' });
    expect(one.cmi.core.score.raw).toBe('');
    expect(Object.values(one.cmi.objectives)).toEqual([expect.objectContaining({ id: 'OBJ-CMP-PII-TICKETS', status: 'incomplete' })]);
    const saved = decodeProgress(lesson, one.cmi.suspend_data)!;
    expect(saved).toMatchObject({ screen: 2, finished: false });
    expect([...saved.answers.keys()]).toEqual(['what-is-pii', 'share-sequence']);

    const second = await launch('customer-data-handling/units/customer-data-handling/index.html', { cmi: resumeFrom(one.cmi) });
    expect(await visibleScreen(second.frame)).toBe(2);
    await tap(second.frame, '[data-action="back"]');
    expect(await isAnswered(second.frame, 'what-is-pii')).toBe(true);
    expect(await second.frame.$eval('#q-what-is-pii [data-feedback]', (el) => el.textContent)).toContain('Right.');
    await playThrough(second.page, second.frame, lesson);
    await tap(second.frame, '[data-action="finish"]');
    const two = await second.finished();
    await second.page.close();

    expect(scorm12Violations(two.calls)).toEqual([]);
    // Already incomplete: not set again. The objective is found by id and updated, not added.
    expect(writes(two.calls, 'cmi.core.lesson_status')).toEqual(['passed']);
    expect(writes(two.calls, /^cmi\.objectives\.\d+\.id$/)).toEqual([]);
    expect(Object.keys(two.cmi.objectives)).toEqual(['0']);
    expect(two.cmi.objectives['0']).toMatchObject({ id: 'OBJ-CMP-PII-TICKETS', status: 'passed', score: expect.objectContaining({ raw: '100' }) });
    // Interactions are a journal: the resumed session appends after the first session's rows.
    expect(writes(two.calls, /^cmi\.interactions\.\d+\.id$/)).toEqual(['redact-tool', 'export-home', 'recap-slack']);
    expect(two.calls.find((c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.interactions.2.id')?.args[1]).toBe('redact-tool');
    expect(Object.values(two.cmi.interactions).map((i) => i.id)).toEqual(['what-is-pii', 'share-sequence', 'redact-tool', 'export-home', 'recap-slack']);
    expect(two.cmi.core).toMatchObject({ lesson_status: 'passed', exit: '' });
  });

  it('reviews a finished attempt: answers shown, no score, no status, no bookmark, no session time written', async () => {
    const first = await launch('refund-approval/units/refund-approval/index.html', { cmi: FRESH });
    const lesson = await readLesson(first.frame);
    await playThrough(first.page, first.frame, lesson, { wrong: new Set(['recap-threshold']) });
    await tap(first.frame, '[data-action="finish"]');
    const done = await first.finished();
    await first.page.close();
    expect(done.cmi.core.lesson_status).toBe('passed');

    const review = await launch('refund-approval/units/refund-approval/index.html', { cmi: resumeFrom(done.cmi, { lesson_mode: 'review', credit: 'no-credit' }) });
    expect(await review.frame.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/^Review mode/);
    for (let i = 0; i < lesson.screens.length; i++) await tap(review.frame, '[data-action="next"]');
    expect(await visibleScreen(review.frame)).toBe(-1);
    expect(await review.frame.$eval('[data-results-summary]', (el) => el.textContent)).toContain('80% (4 of 5 correct)');
    expect(await review.frame.$eval('#q-recap-threshold [data-feedback]', (el) => el.textContent)).toContain('Correct answer: 1000');
    await tap(review.frame, '[data-action="exit"]');
    const { calls, cmi } = await review.finished();
    await review.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    // Moodle adds every session_time to the attempt's total time, so a review must send none.
    expect(calls.filter((c) => c.name === 'LMSSetValue').map((c) => c.args[0])).toEqual([]);
    expect(cmi.core.session_time).toBe('00:00:00');
    expect(calls.filter((c) => c.name === 'LMSCommit')).toEqual([]);
    expect(cmi.core).toMatchObject({ lesson_status: 'passed', score: expect.objectContaining({ raw: '80' }) });
  });

  it('starts a new attempt when a passed lesson is relaunched, and a later fail does not undo the pass', async () => {
    const first = await launch('path-floor-safety/units/lockout-tagout/index.html', { cmi: FRESH });
    const lesson = await readLesson(first.frame);
    await playThrough(first.page, first.frame, lesson);
    await tap(first.frame, '[data-action="finish"]');
    const done = await first.finished();
    await first.page.close();

    const again = await launch('path-floor-safety/units/lockout-tagout/index.html', { cmi: resumeFrom(done.cmi) });
    expect(await visibleScreen(again.frame)).toBe(0);
    expect(await isAnswered(again.frame, 'estop-enough')).toBe(false);
    await playThrough(again.page, again.frame, lesson, { wrong: new Set(['estop-enough', 'verify-step']) });
    expect(await again.frame.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You did not pass this time.');
    await tap(again.frame, '[data-action="finish"]');
    const { calls, cmi } = await again.finished();
    await again.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(writes(calls, /status|score/)).toEqual([]);
    expect(cmi.core).toMatchObject({ lesson_status: 'passed', score: expect.objectContaining({ raw: '100' }) });
    expect(Object.keys(cmi.interactions)).toHaveLength(8);
    expect(decodeProgress(lesson, cmi.suspend_data)).toMatchObject({ attempt: 2, finished: true });
  });

  it('records only "browsed" in browse mode (Moodle\'s Preview), where the learner may still try every question', async () => {
    const s = await launch('discount-approval/units/discount-approval/index.html', { cmi: { core: { ...FRESH.core, lesson_mode: 'browse', credit: 'no-credit' } }, moodle: true });
    const lesson = await readLesson(s.frame);
    expect(await s.frame.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/^Browse mode/);
    await playThrough(s.page, s.frame, lesson);
    await leave(s);
    const { calls, cmi } = await s.finished();
    await s.page.close();

    // Left "not attempted", Moodle would record the preview as completed (with a 0 grade).
    expect(cmi.core.lesson_status).toBe('browsed');
    expect(writes(calls, 'cmi.core.lesson_status')).toEqual(['browsed']);
    expect(scorm12Violations(calls)).toEqual([]);
    expect(calls.filter((c) => c.name === 'LMSSetValue').map((c) => c.args[0])).toEqual(['cmi.core.lesson_status', 'cmi.core.session_time']);
    expect(writes(calls, /score/)).toEqual([]);
  });

  it('keeps the status of an attempted lesson in browse mode', async () => {
    const s = await launch('discount-approval/units/discount-approval/index.html', {
      cmi: { core: { ...FRESH.core, lesson_mode: 'browse', credit: 'no-credit', lesson_status: 'incomplete' } },
      moodle: true,
    });
    await tap(s.frame, '[data-action="exit"]');
    const { calls, cmi } = await s.finished();
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(writes(calls, 'cmi.core.lesson_status')).toEqual([]);
    expect(cmi.core.lesson_status).toBe('incomplete');
  });

  it('runs in a popup the LMS opened: finds the API through the opener, closes itself on exit', async () => {
    const s = await launch('path-support-onboarding/units/discount-approval/index.html', { cmi: FRESH, popup: true });
    const popup = s.frame.page();
    const lesson = await readLesson(s.frame);
    expect(lesson.objectiveId).toBe('OBJ-SAL-DISCOUNT-15');
    await playThrough(popup, s.frame, lesson);
    const closed = new Promise((resolve) => popup.once('close', resolve));
    // Finish closes the popup: the page may be gone before Chromium acknowledges the click's mouse-up
    // (seen in CI as "Input.dispatchMouseEvent: Target closed"). Only that error is expected; `closed`
    // below still has to resolve, and the LMS must have been told everything.
    await tap(s.frame, '[data-action="finish"]').catch((error: unknown) => {
      if (!(error instanceof ProtocolError && /Target closed/.test(error.message))) throw error;
    });
    const { calls, cmi } = await s.finished();
    await closed;
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(cmi.core).toMatchObject({ lesson_status: 'passed', exit: '' });
    expect(Object.keys(cmi.interactions)).toHaveLength(4);
  });

  it('reports completed, and no score, for a lesson without a mastery score', async () => {
    const s = await launch('completion-only/units/shift-briefing/index.html', { cmi: FRESH });
    const lesson = await readLesson(s.frame);
    expect(lesson.masteryScore).toBeUndefined();
    await playThrough(s.page, s.frame, lesson, { wrong: new Set(['q1']) });
    expect(await s.frame.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('Lesson complete.');
    await tap(s.frame, '[data-action="finish"]');
    const { calls, cmi } = await s.finished();
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(writes(calls, 'cmi.core.lesson_status')).toEqual(['incomplete', 'completed']);
    expect(writes(calls, /score/)).toEqual([]);
    expect(cmi.objectives['0']).toMatchObject({ id: 'OBJ-OPS-BRIEFING', status: 'completed' });
    expect(Object.values(cmi.interactions).map((i) => i.result)).toEqual(['wrong', 'correct']);
  });

  it('records answers but no score or status when the attempt is not for credit', async () => {
    const s = await launch('path-floor-safety/units/lockout-tagout/index.html', { cmi: { core: { ...FRESH.core, credit: 'no-credit' } } });
    const lesson = await readLesson(s.frame);
    expect(await s.frame.$eval('[data-tracking-notice]', (el) => el.textContent)).toContain('not for credit');
    // A long answer in another script: the longest, most escaped progress a learner can cause.
    const typed = 'Überprüfung – 確認テスト '.repeat(4);
    await playThrough(s.page, s.frame, lesson, { wrong: new Set(['verify-step']), wrongText: typed });
    await tap(s.frame, '[data-action="finish"]');
    const { calls, cmi } = await s.finished();
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    expect(writes(calls, /score|status/)).toEqual([]);
    expect(cmi.core.lesson_status).toBe('not attempted');
    expect(Object.values(cmi.interactions).map((i) => i.type)).toEqual(['true-false', 'choice', 'sequencing', 'fill-in']);
    // The input takes 60 characters; the response keeps them (CMIFeedback takes up to 255).
    expect(writes(calls, 'cmi.interactions.3.student_response')).toEqual([typed.slice(0, 60).trim()]);
    expect(decodeProgress(lesson, cmi.suspend_data)!.answers.get('verify-step')).toBe(typed.slice(0, 60).trim());
    expect(cmi.suspend_data).toMatch(/^[\x20-\x7e]+$/);
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(worstCaseLength(lesson));
  });

  it('carries on, and says so in the console, when the LMS refuses values', async () => {
    const s = await launch('refund-approval/units/refund-approval/index.html', { cmi: FRESH, refuse: '^cmi\\.interactions\\.' });
    const lesson = await readLesson(s.frame);
    await playThrough(s.page, s.frame, lesson);
    await tap(s.frame, '[data-action="finish"]');
    const { calls, cmi } = await s.finished();
    await s.page.close();

    expect(scorm12Violations(calls)).toEqual([]);
    // The row's id was refused, so the rest of that row is not sent.
    expect(writes(calls, /^cmi\.interactions\./)).toEqual(lesson.questions.map((q) => q.id));
    expect(s.messages.filter((m) => m.startsWith('warn')).length).toBe(lesson.questions.length);
    expect(s.messages.find((m) => m.startsWith('warn'))).toMatch(/refused cmi\.interactions\.0\.id = "matrix-who-approves" \(error 401/);
    expect(cmi.core.lesson_status).toBe('passed');
  });

  it('says progress could not be saved when the LMS session expires mid-lesson (LMSSetValue and LMSCommit refused), not "saved"', async () => {
    const s = await launch('refund-approval/units/refund-approval/index.html', { cmi: FRESH });
    const lesson = await readLesson(s.frame);
    await playThrough(s.page, s.frame, lesson, { until: 2 });
    expect(await s.frame.$eval('[data-tracking-notice]', (el) => (el as HTMLElement).hidden)).toBe(true);
    // The LMS's session times out: every write and commit is refused from now on.
    await s.page.evaluate(() => ((window as any).lms.expired = true));
    await playThrough(s.page, s.frame, lesson);
    expect(await s.frame.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/could not be saved/);
    await tap(s.frame, '[data-action="finish"]');
    expect(await s.frame.$eval('[data-ended-message]', (el) => el.textContent)).toMatch(/could not be saved/);
    await s.page.close();
  });

  it('runs without an LMS and says progress is not recorded', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push((e as Error).message));
    await page.goto(lms.url(pkg('lockout-tagout/units/lockout-tagout/index.html')));
    const frame = page.mainFrame();
    expect(await frame.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/not being recorded/);
    const lesson = await readLesson(frame);
    await playThrough(page, frame, lesson);
    expect(await frame.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You passed.');
    await tap(frame, '[data-action="finish"]');
    expect(await frame.$eval('[data-ended-message]', (el) => el.textContent)).toBe('Your progress was not recorded. You can close this window.');
    expect(errors).toEqual([]);
    await page.close();
  });

  if (variant === 'plain') {
    it('sends nothing to a relay: a plain package talks to the LMS only', () => {
      expect(lms.relayed).toEqual([]);
    });
  } else {
    it('also sent the xAPI statements of these sessions to the relay: the LMS learner, the objective as parent, valid xAPI', async () => {
      // The last requests of a closed frame are keepalive ones: wait until the relay has had them.
      const until = Date.now() + 10_000;
      while (!lms.relayed.some((s) => s.verb.id.endsWith('/passed')) || !lms.relayed.some((s) => s.verb.id.endsWith('/terminated'))) {
        if (Date.now() > until) throw new Error(`the relay got: ${lms.relayed.map((s) => s.verb.id.split('/').pop()).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const verbs = new Set(lms.relayed.map((s) => s.verb.id.split('/').pop()));
      for (const verb of ['initialized', 'experienced', 'answered', 'passed', 'failed', 'completed', 'resumed', 'suspended', 'terminated']) expect(verbs, verb).toContain(verb);
      for (const s of lms.relayed) {
        expect(xapiProblems(s)).toEqual([]);
        const course = s.object.id.includes('/shift-briefing/') ? 'fixture-completion' : 'acme-frontline';
        expect(s.actor).toEqual({ objectType: 'Agent', account: { homePage: `https://learn.acme.example/xapi/courses/${course}/lms-learners`, name: 'u-1' } });
        expect(s.context.contextActivities.parent[0].id).toMatch(/^https:\/\/learn\.acme\.example\/xapi\/objectives\/OBJ-/);
      }
      // The no-credit attempt, review and browse launches are the SCORM side's business; the passed lesson reported its score.
      const passed = lms.relayed.find((s) => s.verb.id.endsWith('/passed') && s.object.id.endsWith('/refund-approval/lesson'))!;
      expect(passed.result).toMatchObject({ success: true, score: { scaled: 1 } });
    });
  }
});

/**
 * End to end: the sample course's cmi5 packages in headless Chromium, launched as a cmi5 LMS does
 * (the test LRS plays the LMS: one-time fetch URL, LMS.LaunchData, learner preferences, `launched`).
 * Normal, Browse and Review, with and without a masteryScore from the LMS, pass and fail, exit to
 * returnURL, leave and relaunch, LRS outage, reload mid-session. Every session's statements are
 * checked against the cmi5 rules (cmi5Problems), and every statement passed the xAPI validator
 * (the test LRS refuses anything else).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import { playThrough, readLesson, tap, visibleScreen } from '../scorm12/support/learner.js';
import { queueKey } from '../../src/runtime/statements/statementQueue.js';
import { lessonPackageHarness } from '../support/lessonPackageHarness.js';
import { type TestLrs, type Cmi5LaunchOptions } from '../support/testLrs.js';
import { cmi5Problems, lessonProblems, sessionStatements, verbName, type Cmi5Session } from '../support/xapiChecks.js';

const BASE = 'https://learn.acme.example/xapi';
let browser: Browser;
let lrs: TestLrs;
const lessons = new Map<string, LessonData>();

const harness = lessonPackageHarness('cmi5');
const pages = harness.pages;
beforeAll(() => {
  ({ browser, lrs } = harness);
});

interface Enrolment {
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  registration: string;
  unit: string;
  /** The package it was imported from: the unit's own course or a path's. */
  pkg: string;
}

function enrol(unit = 'refund-approval', pkg = unit): Enrolment {
  return { actor: { objectType: 'Agent', name: 'Ann Example', account: { homePage: 'https://lms.example.com', name: randomUUID() } }, registration: randomUUID(), unit, pkg };
}

interface Launched {
  page: Page;
  session: Cmi5Session;
  lesson: LessonData;
}

async function launch(who: Enrolment, options: Partial<Cmi5LaunchOptions> = {}): Promise<Launched> {
  // cmi5 lets an LMS launch an AU under an activity id of its own; the publisher id goes in the template.
  const activityId = `https://lms.example.com/activities/${who.registration}/${who.unit}`;
  const publisherId = `${BASE}/units/${who.unit}/lesson`;
  const l = lrs.launchCmi5({ activityId, publisherId, actor: who.actor, registration: who.registration, ...options });
  const page = await browser.newPage();
  pages.push(page);
  await page.goto(lrs.url(`/content/${who.pkg}/units/${who.unit}/index.html?${l.query}`));
  await page.waitForSelector('[data-screen]');
  await page.waitForSelector('html[data-tandem-tracker]');
  const lesson = lessons.get(who.unit) ?? (await readLesson(page.mainFrame()));
  lessons.set(who.unit, lesson);
  return { page, lesson, session: { sessionId: l.sessionId, registration: who.registration, activityId, publisherId, launchMode: options.launchMode ?? 'Normal', masteryScore: options.masteryScore } };
}

async function ended(s: Launched): Promise<Record<string, any>[]> {
  await lrs.waitFor((all) => sessionStatements(all, s.session.sessionId).some((x) => verbName(x) === 'terminated'), 15_000, `terminated in session ${s.session.sessionId}`);
  return sessionStatements(lrs.sent(), s.session.sessionId);
}

function expectCmi5(statements: Record<string, any>[], s: Launched, earlier: Record<string, any>[] = []): void {
  expect(cmi5Problems(statements, s.session, earlier)).toEqual([]);
  const unit = s.session.publisherId.split('/').at(-2)!;
  const objectiveId = s.lesson.objectiveId;
  for (const x of statements) {
    expect(lessonProblems(x, { baseIri: BASE, objectiveId, unitId: unit, courseId: 'acme-frontline', unitVersion: s.lesson.unitVersion, registration: s.session.registration })).toEqual([]);
  }
}

const defined = (statements: Record<string, any>[]) =>
  statements.filter((x) => (x.context.contextActivities.category ?? []).some((c: { id: string }) => c.id.endsWith('/categories/cmi5'))).map(verbName);

describe('a cmi5 AU launched by an LMS', () => {
  it('Normal, LMS masteryScore 0.8: passes, and exits to returnURL once the LRS has everything', async () => {
    const who = enrol();
    const s = await launch(who, { masteryScore: 0.8, returnURL: lrs.url('/lms/return') });
    await playThrough(s.page, s.page.mainFrame(), s.lesson);
    await tap(s.page.mainFrame(), '[data-action="finish"]');
    await s.page.waitForFunction(() => location.pathname === '/lms/return', { timeout: 10_000 });
    const statements = sessionStatements(lrs.sent(), s.session.sessionId);
    expectCmi5(statements, s);
    expect(defined(statements)).toEqual(['initialized', 'completed', 'passed', 'terminated']);
    const passed = statements.find((x) => verbName(x) === 'passed')!;
    expect(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.8);
    expect(passed.result.score).toEqual({ scaled: 1, raw: s.lesson.questions.length, min: 0, max: s.lesson.questions.length });
    expect(statements.every((x) => x.object.id === s.session.activityId || x.verb.id.endsWith('/answered') || x.verb.id.endsWith('/experienced'))).toBe(true);
    // The fetch URL was used once (cmi5 8.2.3).
    expect(lrs.requests.filter((r) => r.path.startsWith('/lms/fetch/')).length).toBeGreaterThanOrEqual(1);
    console.log(`sample answered statement (cmi5):\n${JSON.stringify(statements.find((x) => verbName(x) === 'answered'), null, 2)}`);
  });

  it('Normal, no masteryScore from the LMS: the unit\'s pass mark judges a failed attempt', async () => {
    const who = enrol();
    const s = await launch(who);
    await playThrough(s.page, s.page.mainFrame(), s.lesson, { wrong: new Set(s.lesson.questions.slice(0, 2).map((q) => q.id)) });
    await tap(s.page.mainFrame(), '[data-action="finish"]');
    const statements = await ended(s);
    expectCmi5(statements, s);
    expect(defined(statements)).toEqual(['initialized', 'completed', 'failed', 'terminated']);
    const failed = statements.find((x) => verbName(x) === 'failed')!;
    expect(failed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBeUndefined();
    expect(failed.result.score.scaled).toBeLessThan(0.8);
  });

  it('Normal, LMS masteryScore 0.5 replaces the unit\'s 80 %: 60 % passes', async () => {
    const who = enrol();
    const s = await launch(who, { masteryScore: 0.5 });
    const wrong = new Set(s.lesson.questions.slice(0, Math.floor(s.lesson.questions.length * 0.4)).map((q) => q.id));
    await playThrough(s.page, s.page.mainFrame(), s.lesson, { wrong });
    expect(await s.page.$eval('[data-results-summary]', (el) => el.textContent)).toContain('The pass mark is 50%');
    await tap(s.page.mainFrame(), '[data-action="finish"]');
    const statements = await ended(s);
    expectCmi5(statements, s);
    expect(defined(statements)).toContain('passed');
  });

  for (const launchMode of ['Browse', 'Review'] as const) {
    it(`${launchMode}: initialized and terminated only, no score, no completion, nothing recorded as an answer`, async () => {
      const who = enrol();
      const s = await launch(who, { launchMode, masteryScore: 0.8 });
      expect(await s.page.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(new RegExp(launchMode, 'i'));
      await playThrough(s.page, s.page.mainFrame(), s.lesson);
      await s.page.close();
      const statements = await ended(s);
      expectCmi5(statements, s);
      expect(defined(statements)).toEqual(['initialized', 'terminated']);
      expect(statements.map(verbName)).not.toContain('answered');
    });
  }

  it('leaves halfway, relaunches in a new session of the same registration, resumes and completes once', async () => {
    const who = enrol();
    const first = await launch(who, { masteryScore: 0.8 });
    await playThrough(first.page, first.page.mainFrame(), first.lesson, { until: 2 });
    const screen = await visibleScreen(first.page.mainFrame());
    await first.page.close();
    const one = await ended(first);
    expectCmi5(one, first);
    expect(one.map(verbName).slice(-2)).toEqual(['suspended', 'terminated']);

    const second = await launch(who, { masteryScore: 0.8 });
    expect(await visibleScreen(second.page.mainFrame())).toBe(screen);
    await playThrough(second.page, second.page.mainFrame(), second.lesson);
    await tap(second.page.mainFrame(), '[data-action="finish"]');
    const two = await ended(second);
    expectCmi5(two, second, one);
    expect(two.map(verbName).slice(0, 2)).toEqual(['initialized', 'resumed']);
    expect(defined(two)).toEqual(['initialized', 'completed', 'passed', 'terminated']);
  });

  it('a path package: each AU reports its own objective, with the path in grouping', async () => {
    const who = enrol('customer-data-handling', 'path-support-onboarding');
    const s = await launch(who, { masteryScore: 0.8 });
    await playThrough(s.page, s.page.mainFrame(), s.lesson);
    await s.page.close();
    const statements = await ended(s);
    expectCmi5(statements, s);
    expect(statements.every((x) => x.context.contextActivities.grouping.some((a: { id: string }) => a.id === `${BASE}/paths/support-onboarding`))).toBe(true);
    expect(statements[0]!.context.contextActivities.parent[0].id).toBe(`${BASE}/objectives/${s.lesson.objectiveId}`);
  });

  it('loses nothing when the LRS goes down mid-session, and the rules still hold', async () => {
    const who = enrol();
    const s = await launch(who, { masteryScore: 0.8 });
    lrs.setMode('down');
    await playThrough(s.page, s.page.mainFrame(), s.lesson, { until: 3 });
    lrs.setMode('fail');
    await playThrough(s.page, s.page.mainFrame(), s.lesson, { until: 4 });
    lrs.setMode('up');
    await playThrough(s.page, s.page.mainFrame(), s.lesson);
    await tap(s.page.mainFrame(), '[data-action="finish"]');
    const statements = await ended(s);
    expectCmi5(statements, s);
    expect(statements.filter((x) => verbName(x) === 'answered')).toHaveLength(s.lesson.questions.length);
    expect(new Set(statements.map((x) => x.id)).size).toBe(statements.length);
  });

  it('a fetch URL that never answers: the lesson says it is connecting, then runs and says nothing is recorded', async () => {
    const who = enrol();
    const activityId = `https://lms.example.com/activities/${who.registration}/${who.unit}`;
    const l = lrs.launchCmi5({ activityId, publisherId: `${BASE}/units/${who.unit}/lesson`, actor: who.actor, registration: who.registration });
    const query = new URLSearchParams(l.query);
    query.set('fetch', lrs.url('/lms/never'));
    const page = await browser.newPage();
    pages.push(page);
    const started = Date.now();
    await page.goto(lrs.url(`/content/${who.pkg}/units/${who.unit}/index.html?${query}`));
    await page.waitForSelector('[data-screen]');
    expect(await page.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/Connecting/);
    await page.waitForSelector('html[data-tandem-tracker="offline"]', { timeout: 20_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await page.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/did not answer.*not being recorded/);
    const lesson = lessons.get(who.unit) ?? (await readLesson(page.mainFrame()));
    await playThrough(page, page.mainFrame(), lesson);
    expect(await visibleScreen(page.mainFrame())).toBe(-1);
  }, 40_000);

  it('reload in Normal mode: one terminated, nothing sent after it, no statement sent twice, the reloaded page says the session ended; the next launch still records the outcome', async () => {
    const who = enrol();
    const s = await launch(who, { masteryScore: 0.8 });
    const queue = queueKey({ endpoint: lrs.endpoint, lessonId: s.session.activityId, registration: who.registration, actor: who.actor });
    await playThrough(s.page, s.page.mainFrame(), s.lesson, { until: 2 });
    // Everything so far confirmed (the queue holds no statement), so no ordinary request is in flight at the reload.
    await s.page.waitForFunction((key) => !Object.keys(localStorage).some((k) => k.startsWith(`${key}/`)), { timeout: 20_000 }, queue);
    const fetchesBefore = lrs.requests.filter((r) => r.path.startsWith('/lms/fetch/')).length;
    await s.page.reload();
    await s.page.waitForSelector('html[data-tandem-tracker]');
    expect(lrs.requests.filter((r) => r.path.startsWith('/lms/fetch/')).length).toBe(fetchesBefore);
    expect(await s.page.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/session has ended.*open the lesson again from your LMS/);
    await playThrough(s.page, s.page.mainFrame(), s.lesson);
    await s.page.reload();
    await s.page.waitForSelector('html[data-tandem-tracker]');
    await tap(s.page.mainFrame(), '[data-action="exit"]');
    expect(await s.page.$eval('[data-ended-message]', (el) => el.textContent)).toMatch(/not recorded/);
    // The reloaded pages confirm the first page's last statements with the LRS instead of sending them again.
    await s.page.waitForFunction((key) => !Object.keys(localStorage).some((k) => k.startsWith(`${key}/`)), { timeout: 20_000 }, queue);
    const statements = await ended(s);
    expectCmi5(statements, s);
    const ids = new Set(statements.map((x) => x.id as string));
    const carrying = lrs.requests.filter((r) => r.path.startsWith('/xapi/statements') && r.method !== 'GET' && r.ids?.some((id) => ids.has(id)));
    const terminatedId = statements.find((x) => verbName(x) === 'terminated')!.id;
    const withTerminated = carrying.filter((r) => r.ids!.includes(terminatedId));
    expect(withTerminated).toHaveLength(1);
    expect(carrying.slice(carrying.indexOf(withTerminated[0]!) + 1)).toEqual([]);
    const sends = carrying.flatMap((r) => r.ids!.filter((id) => ids.has(id)));
    expect(sends.length).toBe(new Set(sends).size);
    expect(defined(statements)).toEqual(['initialized', 'terminated']);

    // Relaunched from the LMS: a new session resumes and sends the outcome.
    const again = await launch(who, { masteryScore: 0.8 });
    await playThrough(again.page, again.page.mainFrame(), again.lesson);
    await tap(again.page.mainFrame(), '[data-action="finish"]');
    const two = await ended(again);
    expectCmi5(two, again, statements);
    expect(defined(two)).toEqual(['initialized', 'completed', 'passed', 'terminated']);
  }, 60_000);
});

/**
 * End to end: the sample course's Tin Can packages in headless Chromium, launched the Tin Can way
 * (endpoint, auth, actor, registration, activity_id) against the test LRS on 127.0.0.1, which
 * validates every statement with @learninglocker/xapi-validation before storing it. A learner
 * passes, fails, leaves and resumes, works through an LRS outage, closes the tab right after the
 * last answer, and reloads mid-session. Statements are checked for content (objective, grouping,
 * extensions, registration, results), order, and that none is lost or stored twice.
 */
import type { Browser, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import { queueKey } from '../../src/runtime/statements/statementQueue.js';
import { answer, next, playThrough, readLesson, tap, visibleScreen } from '../scorm12/support/learner.js';
import { lessonPackageHarness } from '../support/lessonPackageHarness.js';
import { expectWellFormed, ofLaunch, SAMPLE_BASE_IRI, SAMPLE_LESSON_IRI, SAMPLE_UNIT, tincanLaunchUrl, tincanLearner, type TincanLearner } from '../support/tincanLearner.js';
import { type TestLrs } from '../support/testLrs.js';
import { verbName } from '../support/xapiChecks.js';

const BASE = SAMPLE_BASE_IRI;
const UNIT = SAMPLE_UNIT;
const LESSON_IRI = SAMPLE_LESSON_IRI;
let browser: Browser;
let lrs: TestLrs;
let lesson: LessonData;

const harness = lessonPackageHarness('xapi');
const pages = harness.pages;
beforeAll(() => {
  ({ browser, lrs } = harness);
});

type Learner = TincanLearner;
const learner = () => tincanLearner(lrs);

async function launch(who: Learner, unit = UNIT): Promise<{ page: Page; messages: string[] }> {
  const page = await browser.newPage();
  pages.push(page);
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.goto(tincanLaunchUrl(lrs, who, unit));
  await page.waitForSelector('[data-screen]');
  // The player starts once the launch and the bookmark are read.
  await page.waitForSelector('html[data-tandem-tracker]');
  lesson ??= await readLesson(page.mainFrame());
  return { page, messages };
}

const mine = ofLaunch;
const verbs = (statements: Record<string, any>[]) => statements.map(verbName);

describe('a Tin Can package launched by an LRS-centred player', () => {
  it('passes: launch parameters leave the address bar, statements carry the objective, answers and the score', async () => {
    const who = learner();
    const { page, messages } = await launch(who);
    expect(page.url()).not.toContain('auth=');
    expect(page.url()).not.toContain('endpoint=');
    expect(await page.$eval('meta[name="referrer"]', (m) => m.getAttribute('content'))).toBe('no-referrer');
    await playThrough(page, page.mainFrame(), lesson);
    expect(await page.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You passed.');
    await tap(page.mainFrame(), '[data-action="finish"]');
    const sent = await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'));
    const session = sent.filter(mine(who));
    expectWellFormed(session, who);
    expect(verbs(session).filter((v) => v !== 'experienced' && v !== 'progressed')).toEqual([
      'initialized',
      ...lesson.questions.map(() => 'answered'),
      'completed',
      'passed',
      'terminated',
    ]);
    expect(verbs(session).filter((v) => v === 'experienced')).toHaveLength(lesson.screens.length);
    const answered = session.filter((s) => verbName(s) === 'answered');
    expect(answered.map((s) => s.object.id)).toEqual(lesson.questions.map((q) => `${LESSON_IRI}/questions/${q.id}`));
    expect(answered.every((s) => s.result.success === true && typeof s.result.response === 'string' && /^PT/.test(s.result.duration))).toBe(true);
    expect(answered[0]!.context.contextActivities.parent.map((a: { id: string }) => a.id)).toEqual([`${BASE}/objectives/OBJ-SUP-REFUND-500`, LESSON_IRI]);
    const passed = session.find((s) => verbName(s) === 'passed')!;
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: lesson.questions.length, min: 0, max: lesson.questions.length } });
    const progress = session.filter((s) => verbName(s) === 'progressed').map((s) => s.result.extensions['https://w3id.org/xapi/cmi5/result/extensions/progress']);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(session.every((s) => !('score' in (s.result ?? {})) || verbName(s) === 'passed')).toBe(true);
    // Stored in the order made.
    expect(session.map((s) => s.timestamp)).toEqual([...session.map((s) => s.timestamp)].sort());
    // The credential went into the Authorization header only: not into storage the LMS origin shares, not into the console.
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(who.auth.slice(6));
    expect(messages.join('\n')).not.toContain(who.auth.slice(6));
    console.log(`sample answered statement (Tin Can):\n${JSON.stringify(answered[0], null, 2)}`);
  });

  it('fails: a failed statement with the score, and no passed', async () => {
    const who = learner();
    const { page } = await launch(who);
    await playThrough(page, page.mainFrame(), lesson, { wrong: new Set(lesson.questions.map((q) => q.id)) });
    await tap(page.mainFrame(), '[data-action="finish"]');
    const session = (await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'))).filter(mine(who));
    expectWellFormed(session, who);
    const failed = session.filter((s) => verbName(s) === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.result).toMatchObject({ success: false, score: { scaled: 0, raw: 0, min: 0, max: lesson.questions.length } });
    expect(verbs(session)).not.toContain('passed');
  });

  it('leaves halfway and resumes from the bookmark in a later launch', async () => {
    const who = learner();
    const first = await launch(who);
    await playThrough(first.page, first.page.mainFrame(), lesson, { until: 2 });
    const bookmarkScreen = await visibleScreen(first.page.mainFrame());
    await first.page.close();
    await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'));
    const left = lrs.sent(mine(who));
    expect(verbs(left).slice(-2)).toEqual(['suspended', 'terminated']);
    await waitForBookmark(who);

    const second = await launch(who);
    expect(await visibleScreen(second.page.mainFrame())).toBe(bookmarkScreen);
    await playThrough(second.page, second.page.mainFrame(), lesson);
    await tap(second.page.mainFrame(), '[data-action="finish"]');
    await lrs.waitFor((all) => all.filter((s) => mine(who)(s) && verbName(s) === 'terminated').length === 2);
    const all = lrs.sent(mine(who));
    expectWellFormed(all, who);
    const resumed = all.findIndex((s) => verbName(s) === 'resumed');
    expect(verbName(all[resumed - 1]!)).toBe('initialized');
    // Every question answered once across both sessions.
    expect(all.filter((s) => verbName(s) === 'answered').map((s) => s.object.id).sort()).toEqual(lesson.questions.map((q) => `${LESSON_IRI}/questions/${q.id}`).sort());
  });

  it('loses nothing and doubles nothing when the LRS is down, then failing, then stalling, for part of the session', async () => {
    const who = learner();
    const { page } = await launch(who);
    const frame = page.mainFrame();
    const before = lrs.sent(mine(who)).length;
    lrs.setMode('down');
    await playThrough(page, frame, lesson, { until: 2 });
    lrs.setMode('fail');
    await playThrough(page, frame, lesson, { until: 3 });
    lrs.setMode('stall');
    await playThrough(page, frame, lesson, { until: 4 });
    const duringOutage = lrs.sent(mine(who)).length;
    expect(duringOutage).toBe(before);
    expect(lrs.requests.some((r) => r.status === 503)).toBe(true);
    lrs.setMode('up');
    await playThrough(page, frame, lesson);
    await tap(frame, '[data-action="finish"]');
    const session = (await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'), 20_000)).filter(mine(who));
    expect(session.length).toBeGreaterThan(duringOutage);
    expectWellFormed(session, who);
    expect(session.filter((s) => verbName(s) === 'answered')).toHaveLength(lesson.questions.length);
    expect(session.filter((s) => verbName(s) === 'experienced')).toHaveLength(lesson.screens.length);
    expect(session.map((s) => s.timestamp)).toEqual([...session.map((s) => s.timestamp)].sort());
    // Every statement confirmed, so the learner's queue in localStorage is empty again.
    const key = queueKey({ endpoint: lrs.endpoint, lessonId: LESSON_IRI, registration: who.registration, actor: who.actor });
    await page.waitForFunction((k) => localStorage.getItem(k) === null, { timeout: 5_000 }, key);
  });

  it('keeps the last answer when the tab is closed right after it', async () => {
    const who = learner();
    const { page } = await launch(who);
    const frame = page.mainFrame();
    await playThrough(page, frame, lesson, { until: lesson.screens.length - 1 });
    const last = lesson.questions.at(-1)!;
    await answer(page, frame, last, true);
    await page.close();
    const session = (await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'))).filter(mine(who));
    expect(session.filter((s) => verbName(s) === 'answered').map((s) => s.object.id)).toContain(`${LESSON_IRI}/questions/${last.id}`);
    expect(verbs(session).at(-1)).toBe('terminated');
    expectWellFormed(session, who);
  });

  it('survives a reload mid-session: the launch is kept for the tab, nothing is sent twice', async () => {
    const who = learner();
    const { page } = await launch(who);
    await playThrough(page, page.mainFrame(), lesson, { until: 2 });
    const screen = await visibleScreen(page.mainFrame());
    await page.reload();
    await page.waitForSelector('html[data-tandem-tracker="xapi"]');
    expect(page.url()).not.toContain('auth=');
    expect(await visibleScreen(page.mainFrame())).toBe(screen);
    expect(await page.$eval('[data-tracking-notice]', (el) => (el as HTMLElement).hidden)).toBe(true);
    await playThrough(page, page.mainFrame(), lesson);
    await next(page.mainFrame()).catch(() => undefined);
    await tap(page.mainFrame(), '[data-action="finish"]');
    await lrs.waitFor((all) => all.filter((s) => mine(who)(s) && verbName(s) === 'terminated').length === 2);
    const all = lrs.sent(mine(who));
    expectWellFormed(all, who);
    expect(verbs(all).filter((v) => v === 'passed')).toHaveLength(1);
    expect(all.filter((s) => verbName(s) === 'answered')).toHaveLength(lesson.questions.length);
  });
});

async function waitForBookmark(who: Learner): Promise<void> {
  const until = Date.now() + 5_000;
  const query = { activityId: LESSON_IRI, agent: JSON.stringify(who.actor), registration: who.registration, stateId: 'https://tandem.dev/xapi/state/lesson-progress' };
  while (!lrs.document('state', query)) {
    if (Date.now() > until) throw new Error('No bookmark was stored');
    await new Promise((r) => setTimeout(r, 50));
  }
}

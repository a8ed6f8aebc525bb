/**
 * End to end, in Chromium, the ways statements used to be lost in the browser (issue 10): a
 * localStorage filled to its quota by the LMS and other packages, two tabs of one launch, a gateway
 * in front of the LRS answering 400 for a while, an LRS that stops accepting the launch's
 * credentials (an expired session), and an LRS that does not answer at launch. The test LRS
 * validates every statement it stores.
 */
import type { Page } from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import { queueKey } from '../../src/runtime/statements/statementQueue.js';
import { playThrough, readLesson, tap } from '../scorm12/support/learner.js';
import { lessonPackageHarness } from '../support/lessonPackageHarness.js';
import { expectWellFormed, ofLaunch, SAMPLE_LESSON_IRI, tincanLaunchUrl, tincanLearner, type TincanLearner } from '../support/tincanLearner.js';
import type { TestLrs } from '../support/testLrs.js';
import { verbName } from '../support/xapiChecks.js';

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
const learner = () => tincanLearner(lrs, 'mbox');
const launchUrl = (who: Learner) => tincanLaunchUrl(lrs, who);

async function open(url: string, errors: string[] = [], window = false): Promise<Page> {
  // A page in a window of its own is not a background tab: it renders and takes input alongside another.
  const page = await browser.newPage(window ? { type: 'window' } : undefined);
  pages.push(page);
  page.on('pageerror', (e) => errors.push((e as Error).message));
  await page.goto(url);
  await page.waitForSelector('html[data-tandem-tracker]', { timeout: 20_000 });
  lesson ??= await readLesson(page.mainFrame());
  return page;
}

const mine = ofLaunch;
const count = (statements: Record<string, any>[], verb: string) => statements.filter((s) => verbName(s) === verb).length;


describe('statements are not lost in the browser', () => {
  it('a localStorage filled to its quota by the LMS: the lesson works, a stale Tandem queue is evicted, every statement arrives', async () => {
    const who = learner();
    // Another learner's queue from an earlier, normally closed lesson (handed to the browser half an hour ago).
    const stale = { key: 'tandem.xapi.queue.5a1e0000', updatedAt: Date.now() - 30 * 60_000 };
    const filler = await browser.newPage();
    pages.push(filler);
    await filler.goto(lrs.url('/lms/return'));
    const free = await filler.evaluate((q) => {
      localStorage.clear();
      const bob = { objectType: 'Agent', name: 'Bob Other', mbox: 'mailto:bob@example.com' };
      localStorage.setItem(q.key, JSON.stringify({ format: 2, learner: 'b0b0b0b0', updatedAt: q.updatedAt }));
      for (let i = 0; i < 20; i++) localStorage.setItem(`${q.key}/${i}`, JSON.stringify({ statement: { id: `${i}`, actor: bob, pad: 'p'.repeat(5_000) }, handedAt: q.updatedAt, batch: 'b' }));
      // The LMS's own data fills the rest; then about 3,000 characters are freed: room for a few statements, not a lesson.
      let size = 1 << 20;
      let n = 0;
      const sizes = new Map<string, number>();
      while (size >= 16) {
        try {
          localStorage.setItem(`lms.cache.${n}`, 'x'.repeat(size));
          sizes.set(`lms.cache.${n++}`, size);
        } catch {
          size = Math.floor(size / 2);
        }
      }
      let freed = 0;
      for (const [key, length] of [...sizes].filter(([, length]) => length <= 4_096).sort((a, b) => b[1] - a[1])) {
        if (freed >= 3_000) break;
        localStorage.removeItem(key);
        freed += length;
      }
      return freed;
    }, stale);
    expect(free).toBeGreaterThanOrEqual(2_000);
    const errors: string[] = [];
    const page = await open(launchUrl(who), errors);
    await playThrough(page, page.mainFrame(), lesson);
    expect(await page.$eval('[data-results-verdict]', (el) => el.textContent)).toBe('You passed.');
    await tap(page.mainFrame(), '[data-action="finish"]');
    const session = (await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'))).filter(mine(who));
    expectWellFormed(session, who);
    expect(count(session, 'answered')).toBe(lesson.questions.length);
    expect(count(session, 'completed')).toBe(1);
    expect(count(session, 'passed')).toBe(1);
    expect(errors).toEqual([]);
    expect(await page.evaluate((k) => localStorage.getItem(k), stale.key)).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('lms.cache.0')?.length)).toBe(1 << 20);
    await page.evaluate(() => localStorage.clear());
  });

  it('two tabs of one launch: every statement of both is stored, and the second tab says the lesson is open elsewhere', async () => {
    const who = learner();
    const url = launchUrl(who);
    const first = await open(url, [], true);
    const second = await open(url, [], true);
    await second.waitForFunction(() => /open in another tab/.test(document.querySelector('[data-tracking-notice]')?.textContent ?? ''), { timeout: 5_000 });
    expect(await first.$eval('[data-tracking-notice]', (el) => el.textContent)).not.toMatch(/another tab/);
    // Both pages at once, both writing to the one queue in localStorage, which fills while the LRS is slow.
    for (const until of [2, 3, 4, undefined]) {
      lrs.setMode(until === undefined ? 'up' : 'stall');
      await Promise.all([playThrough(first, first.mainFrame(), lesson, { until }), playThrough(second, second.mainFrame(), lesson, { until })]);
      lrs.setMode('up');
    }
    await Promise.all([tap(first.mainFrame(), '[data-action="finish"]'), tap(second.mainFrame(), '[data-action="finish"]')]);
    const session = (await lrs.waitFor((all) => all.filter((s) => mine(who)(s) && verbName(s) === 'terminated').length === 2, 15_000)).filter(mine(who));
    const key = queueKey({ endpoint: lrs.endpoint, lessonId: LESSON_IRI, registration: who.registration, actor: who.actor });
    await first.waitForFunction((k) => !Object.keys(localStorage).some((name) => name === k || name.startsWith(`${k}/`)), { timeout: 20_000 }, key);
    const all = lrs.sent(mine(who));
    expectWellFormed(all, who);
    expect(count(all, 'initialized')).toBe(2);
    expect(count(all, 'answered')).toBe(2 * lesson.questions.length);
    expect(count(all, 'experienced')).toBe(2 * lesson.screens.length);
    expect(count(all, 'terminated')).toBe(2);
    expect(session.length).toBeGreaterThan(0);
  });

  it('a gateway answering 400 to every statement for a while: nothing is dropped, and the learner is not told it is saved meanwhile', async () => {
    const who = learner();
    const page = await open(launchUrl(who));
    let refusing = true;
    lrs.intercept = () => (refusing ? { status: 400, text: 'Bad Request (gateway)' } : undefined);
    await playThrough(page, page.mainFrame(), lesson, { until: 3 });
    await page.waitForFunction(() => /not reached your LMS/.test(document.querySelector('[data-tracking-notice]')?.textContent ?? ''), { timeout: 10_000 });
    refusing = false;
    await playThrough(page, page.mainFrame(), lesson);
    await tap(page.mainFrame(), '[data-action="finish"]');
    const session = (await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'), 30_000)).filter(mine(who));
    await page.waitForFunction(() => /progress is saved/.test(document.querySelector('[data-ended-message]')?.textContent ?? ''), { timeout: 30_000 });
    const all = lrs.sent(mine(who));
    expectWellFormed(all, who);
    expect(count(all, 'answered')).toBe(lesson.questions.length);
    expect(count(all, 'experienced')).toBe(lesson.screens.length);
    expect(count(all, 'initialized')).toBe(1);
    expect(session.length).toBeGreaterThan(0);
  });

  it('an expired session (the LRS refuses the launch credentials): the learner reads that progress could not be saved', async () => {
    const who = learner();
    const page = await open(launchUrl(who));
    await playThrough(page, page.mainFrame(), lesson, { until: 2 });
    lrs.accepted.delete(who.auth);
    await playThrough(page, page.mainFrame(), lesson);
    await tap(page.mainFrame(), '[data-action="finish"]');
    await page.waitForFunction(() => /could not be saved/.test(document.querySelector('[data-ended-message]')?.textContent ?? ''), { timeout: 15_000 });
    expect(await page.$eval('[data-ended-message]', (el) => el.textContent)).not.toMatch(/is saved/);
  });

  it('an LRS that does not answer at launch: the lesson says it is connecting, then starts, and sends once the LRS is back', async () => {
    const who = learner();
    lrs.setMode('stall');
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(launchUrl(who));
    await page.waitForSelector('[data-screen]');
    expect(await page.$eval('[data-tracking-notice]', (el) => el.textContent)).toMatch(/Connecting/);
    await page.waitForSelector('html[data-tandem-tracker="xapi"]', { timeout: 20_000 });
    lesson ??= await readLesson(page.mainFrame());
    await playThrough(page, page.mainFrame(), lesson, { until: 2 });
    lrs.setMode('up');
    await playThrough(page, page.mainFrame(), lesson);
    await tap(page.mainFrame(), '[data-action="finish"]');
    const session = (await lrs.waitFor((all) => all.some((s) => mine(who)(s) && verbName(s) === 'terminated'), 30_000)).filter(mine(who));
    expect(count(session, 'answered')).toBe(lesson.questions.length);
  });
});

/**
 * Accessibility of the lesson player on every screen of every sample lesson, as built into the
 * SCORM 1.2 packages: zero axe-core violations (WCAG 2.0/2.1/2.2 A and AA, plus best practices)
 * before and after answering, on the results and the end screens; no sideways scrolling at
 * 320 px; a visible focus indicator on every control reached with Tab.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, isAnswered, next, readLesson, tap, visibleScreen } from './support/learner.js';
import { byName, buildScorm12 } from './support/samplePackages.js';
import { TestLms } from './support/testLms.js';
import { launchTestBrowser } from '../support/testBrowser.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const UNITS = ['customer-data-handling', 'discount-approval', 'lockout-tagout', 'refund-approval'];

let browser: Browser;
let lms: TestLms;

beforeAll(async () => {
  const { zips } = await buildScorm12();
  lms = await TestLms.start(byName(zips));
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

async function open(unit: string, width: number): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 720 });
  await page.goto(lms.url(`/pkg/${unit}/units/${unit}/index.html`));
  // Evaluated through DevTools rather than added as a <script>: the lesson's CSP allows only its own
  // script files, and the test should see the page under that policy.
  await page.evaluate(AXE);
  return { page, frame: page.mainFrame() };
}

/** axe violations on the page as shown, as "rule: target" lines. */
async function violations(frame: Frame, where: string): Promise<string[]> {
  const found = await frame.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${n.target.join(' ')}`));
  });
  return found.map((f: string) => `${where} — ${f}`);
}

describe('the lesson player is accessible', () => {
  for (const unit of UNITS) {
    it(`${unit}: no axe violations on any screen, before and after answering, or on results and end screens`, async () => {
      const { page, frame } = await open(unit, 1024);
      const lesson = await readLesson(frame);
      const problems: string[] = [];
      let wrongNext = true;
      for (let screen = 0; screen < lesson.screens.length; screen++) {
        expect(await visibleScreen(frame)).toBe(screen);
        problems.push(...(await violations(frame, `screen ${screen + 1}`)));
        if (lesson.screens[screen]!.questionIds.length) {
          for (const id of lesson.screens[screen]!.questionIds) {
            // Alternate right and wrong answers so both kinds of feedback are checked.
            await answer(page, frame, lesson.questions.find((q) => q.id === id)!, !wrongNext);
            wrongNext = !wrongNext;
            expect(await isAnswered(frame, id)).toBe(true);
          }
          problems.push(...(await violations(frame, `screen ${screen + 1}, answered`)));
        }
        await next(frame);
      }
      expect(await visibleScreen(frame)).toBe(-1);
      problems.push(...(await violations(frame, 'results')));
      await tap(frame, '[data-action="finish"]');
      problems.push(...(await violations(frame, 'ended')));
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it('fits 320 px wide on every screen of every lesson, without sideways scrolling', async () => {
    const problems: string[] = [];
    for (const unit of UNITS) {
      const { page, frame } = await open(unit, 320);
      const lesson = await readLesson(frame);
      for (let screen = 0; screen <= lesson.screens.length; screen++) {
        const width = await frame.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) problems.push(`${unit} screen ${screen + 1}: ${width} px wide`);
        if (screen === 0) problems.push(...(await violations(frame, `${unit} at 320 px`)));
        if (screen === lesson.screens.length) break;
        for (const id of lesson.screens[screen]!.questionIds) await answer(page, frame, lesson.questions.find((q) => q.id === id)!, false);
        await next(frame);
      }
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('shows where the keyboard focus is on every control reached with Tab', async () => {
    const { page, frame } = await open('refund-approval', 1024);
    await next(frame);
    const seen: string[] = [];
    const invisible: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const focus = await frame.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const label = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.dataset.action ? `[${el.dataset.action}]` : ''}`;
        return { label, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, body: el === document.body };
      });
      if (focus.body) continue;
      seen.push(focus.label);
      if (!focus.outline) invisible.push(focus.label);
    }
    expect(seen).toEqual(expect.arrayContaining(['a', 'button[exit]', 'input#q-matrix-who-approves-a', 'button[back]', 'button[next]']));
    expect(invisible).toEqual([]);
    await page.close();
  });
});

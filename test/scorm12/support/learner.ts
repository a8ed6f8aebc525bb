/**
 * Drives the lesson player like a learner: answers questions right or wrong, moves between
 * screens, and puts sequencing steps in order with the keyboard only (focus a Move button, press
 * Enter), as a learner who cannot use a mouse would.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { LessonData, QuestionData } from '../../../src/runtime/contract/lessonData.js';

/** A real mouse click, after scrolling the element to the middle of the viewport, as a learner would. */
export async function tap(frame: Frame, selector: string): Promise<void> {
  await frame.$eval(selector, (el) => el.scrollIntoView({ block: 'center' }));
  await frame.click(selector);
}

export function readLesson(frame: Frame): Promise<LessonData> {
  return frame.$eval('#tandem-lesson', (el) => JSON.parse(el.textContent ?? '') as LessonData);
}

/** Index of the visible screen; -1 on the results screen, -2 when the session has ended. */
export function visibleScreen(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const screens = [...document.querySelectorAll<HTMLElement>('[data-screen]')];
    const shown = screens.findIndex((s) => !s.hidden);
    if (shown >= 0) return shown;
    return document.querySelector<HTMLElement>('[data-results]')!.hidden ? -2 : -1;
  });
}

export function isAnswered(frame: Frame, id: string): Promise<boolean> {
  return frame.$eval(`#q-${id}`, (form) => form.classList.contains('is-answered'));
}

export async function answer(page: Page, frame: Frame, q: QuestionData, correct: boolean, wrongText = 'no idea'): Promise<void> {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const right = q.choices.filter((c) => c.correct).map((c) => c.id);
      const wrong = q.choices.find((c) => !c.correct)!.id;
      for (const id of correct ? right : [wrong]) await tap(frame, `#q-${q.id}-${id}`);
      break;
    }
    case 'true-false':
      await tap(frame, `#q-${q.id}-${q.answer === correct ? 't' : 'f'}`);
      break;
    case 'fill-in':
      await frame.type(`#q-${q.id}-answer`, correct ? q.answers[0]! : wrongText);
      break;
    case 'numeric':
      await frame.type(`#q-${q.id}-answer`, String(correct ? q.answer : q.answer + 1000));
      break;
    case 'sequencing':
      // Shown shuffled (never in the right order), so leaving it as shown is a wrong answer.
      if (correct) await orderWithKeyboard(page, frame, q.id, q.steps.map((s) => s.id));
      break;
  }
  await tap(frame, `#q-${q.id} button[type="submit"]`);
}

/** Moves each step up with Enter on its focused "Move up" button until the order matches. */
export async function orderWithKeyboard(page: Page, frame: Frame, questionId: string, order: string[]): Promise<void> {
  for (let target = 0; target < order.length; target++) {
    const id = order[target]!;
    const button = `#q-${questionId} li[data-step="${id}"] [data-move="up"]`;
    for (;;) {
      const at = await frame.$$eval(`#q-${questionId} li[data-step]`, (items, wanted) => items.findIndex((li) => (li as HTMLElement).dataset.step === wanted), id);
      if (at <= target) break;
      await frame.focus(button);
      await page.keyboard.press('Enter');
      const stillFocused = await frame.$eval(button, (el) => el === document.activeElement);
      if (!stillFocused) throw new Error('Focus left the Move up button after moving a step');
    }
  }
}

export function next(frame: Frame): Promise<void> {
  return tap(frame, '[data-action="next"]');
}

/**
 * Answers the open questions on each screen and moves on, until the results screen (or until the
 * screen `until` is shown). `wrong` lists questions to answer wrongly; `wrongText` is what a wrong
 * fill-in answer types.
 */
export async function playThrough(
  page: Page,
  frame: Frame,
  lesson: LessonData,
  options: { wrong?: ReadonlySet<string>; until?: number; wrongText?: string } = {},
): Promise<void> {
  for (let guard = 0; guard < 100; guard++) {
    const screen = await visibleScreen(frame);
    if (screen < 0 || (options.until !== undefined && screen >= options.until)) return;
    for (const id of lesson.screens[screen]!.questionIds) {
      if (await isAnswered(frame, id)) continue;
      await answer(page, frame, lesson.questions.find((q) => q.id === id)!, !options.wrong?.has(id), options.wrongText);
    }
    await next(frame);
  }
  throw new Error('The lesson never reached its results screen');
}

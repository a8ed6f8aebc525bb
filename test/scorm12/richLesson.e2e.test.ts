/**
 * Issue 14 in a real Chromium, on the sample course's SCORM 1.2 packages (and a copy with one unit
 * in French and a question with two tries, played inside the test LMS): callouts and tables are
 * styled, the video plays with its WebVTT captions and poster, images enlarge and close with the
 * keyboard, a wrong try shows feedback and leaves the question open, the French unit's buttons
 * are in French, the navigation bar sits at the bottom of a phone's viewport, and the results
 * screen has one primary action.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answer, next, playThrough, readLesson, tap, visibleScreen } from './support/learner.js';
import { byName, buildScorm12 } from './support/samplePackages.js';
import { scorm12Violations, writes } from './support/strictScorm12.js';
import { TestLms, type ApiCall } from './support/testLms.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { useTempDirs } from '../support/tempDirs.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const { courseCopy } = useTempDirs('tandem-french-');
let browser: Browser;
let lms: TestLms;
const pages: Page[] = [];

beforeAll(async () => {
  const sample = await buildScorm12();
  expect(sample.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  // The French copy: lockout-tagout in French, its multiple-choice question with two tries.
  const dir = courseCopy();
  const unit = path.join(dir, 'units/lockout-tagout');
  writeFileSync(path.join(unit, 'unit.yaml'), readFileSync(path.join(unit, 'unit.yaml'), 'utf8').replace(/^language: en$/m, 'language: fr'));
  writeFileSync(path.join(unit, 'lesson.md'), readFileSync(path.join(unit, 'lesson.md'), 'utf8').replace('id: lockout-points\n', 'id: lockout-points\nattempts: 2\n'));
  const french = await buildScorm12(dir);
  expect(french.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  const renamed = Object.fromEntries(Object.entries(byName(french.zips)).map(([name, zip]) => [`fr-${name}`, zip]));
  lms = await TestLms.start({ ...byName(sample.zips), ...renamed });
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

afterEach(async () => {
  for (const page of pages.splice(0)) if (!page.isClosed()) await page.close();
});

/** The lesson on its own (no LMS): the player runs and records nothing. */
async function open(unit: string, width: number, height: number): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport({ width, height });
  await page.goto(lms.url(`/pkg/${unit}/units/${unit.replace(/^fr-/, '')}/index.html`));
  await page.waitForSelector('[data-screen]');
  return { page, frame: page.mainFrame() };
}

/** The lesson in the test LMS's frame, with every API call logged. */
async function launch(sco: string): Promise<{ page: Page; frame: Frame; calls: () => Promise<ApiCall[]> }> {
  const page = await browser.newPage();
  pages.push(page);
  await page.goto(lms.url('/lms/host.html'));
  await page.evaluate((c) => (window as any).startLms(c), { url: `/pkg/${sco}/units/${sco.replace(/^fr-/, '')}/index.html` });
  const frame = (await (await page.waitForSelector('iframe#sco'))!.contentFrame())!;
  await frame.waitForSelector('[data-screen]');
  return { page, frame, calls: () => page.evaluate(() => (window as any).lms.calls as ApiCall[]) };
}

describe('richer lessons in the player', () => {
  it('callouts are labelled, styled notes; tables are styled and scroll sideways on a phone, not the page', async () => {
    const { page, frame } = await open('refund-approval', 375, 667);
    const lesson = await readLesson(frame);
    await playThrough(page, frame, lesson, { until: 1 });
    const table = await frame.$eval('[data-screen="2"] .table-scroll', (box) => ({
      label: box.getAttribute('aria-label'),
      focusable: (box as HTMLElement).tabIndex === 0,
      scrolls: box.scrollWidth > box.clientWidth,
      header: getComputedStyle(box.querySelector('th')!).backgroundColor,
    }));
    expect(table).toEqual({ label: 'Table', focusable: true, scrolls: true, header: 'rgb(245, 247, 249)' });
    expect(await frame.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    await playThrough(page, frame, lesson, { until: 3 });
    const tip = await frame.$eval('[data-screen="4"] .callout', (note) => ({
      role: note.getAttribute('role'),
      label: note.getAttribute('aria-label'),
      title: note.querySelector('.callout-title')?.textContent,
      border: getComputedStyle(note).borderLeftWidth,
      text: note.textContent?.includes('[!TIP]'),
    }));
    expect(tip).toEqual({ role: 'note', label: 'Tip', title: 'Tip', border: '6px', text: false });
  });

  it('the video plays from the package with its WebVTT captions shown and its poster', async () => {
    const { frame } = await open('lockout-tagout', 1280, 800);
    await frame.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('figure.media video');
      const track = video?.textTracks[0];
      return video && video.readyState >= 1 && track && track.mode === 'showing' && (track.cues?.length ?? 0) > 0;
    });
    const video = await frame.$eval('figure.media video', (v) => ({
      poster: v.getAttribute('poster'),
      width: v.videoWidth,
      cues: [...(v as HTMLVideoElement).textTracks[0]!.cues!].map((c) => (c as VTTCue).text),
      kind: v.textTracks[0]!.kind,
      language: v.textTracks[0]!.language,
      caption: v.closest('figure')!.querySelector('figcaption')!.textContent,
    }));
    expect(video).toEqual({
      poster: 'assets/zero-energy-test-poster.svg',
      width: 320,
      cues: ['Step one: with your locks on, try the switch.', 'Step two: test for zero energy. Nothing moves, the gauge reads 0.', 'Step three: return the panel to STOP before you reach in.'],
      kind: 'captions',
      language: 'en',
      caption: 'Trying the machine after lockout Duration 0:06',
    });
    const poster = await frame.evaluate(async () => {
      const image = new Image();
      image.src = document.querySelector('figure.media video')!.getAttribute('poster')!;
      await image.decode();
      return image.naturalWidth;
    });
    expect(poster).toBe(320);
  });

  it('an image enlarges with the keyboard, closes with Escape, and focus goes back to it', async () => {
    const { page, frame } = await open('lockout-tagout', 1280, 800);
    const lesson = await readLesson(frame);
    await playThrough(page, frame, lesson, { until: 2 });
    const zoom = '[data-screen="3"] figure button.zoom';
    expect(await frame.$eval(zoom, (b) => b.getAttribute('aria-label'))).toBe('Enlarge image: Lockout points on the Line 3 case packer');
    await frame.focus(zoom);
    await page.keyboard.press('Enter');
    await frame.waitForFunction(() => document.querySelector<HTMLDialogElement>('dialog[data-lightbox]')!.open);
    expect(await frame.evaluate(() => ({
      focus: document.activeElement?.hasAttribute('data-lightbox-close'),
      src: document.querySelector<HTMLImageElement>('[data-lightbox-image]')!.getAttribute('src'),
      alt: document.querySelector<HTMLImageElement>('[data-lightbox-image]')!.alt,
    }))).toEqual({ focus: true, src: expect.stringMatching(/assets\/lockout-points\.svg$/), alt: 'Lockout points on the Line 3 case packer' });
    // The open dialog keeps axe at zero violations (the existing accessibility test covers the screens).
    await page.evaluate(AXE);
    const violations = await frame.evaluate(async () => {
      const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return result.violations.map((v: any) => v.id);
    });
    expect(violations).toEqual([]);
    await page.keyboard.press('Escape');
    await frame.waitForFunction(() => !document.querySelector<HTMLDialogElement>('dialog[data-lightbox]')!.open);
    expect(await frame.$eval(zoom, (b) => b === document.activeElement)).toBe(true);
    // A tap opens it too, and the close button closes it.
    await tap(frame, zoom);
    await frame.waitForFunction(() => document.querySelector<HTMLDialogElement>('dialog[data-lightbox]')!.open);
    await frame.click('[data-lightbox-close]');
    expect(await frame.evaluate(() => document.querySelector<HTMLDialogElement>('dialog[data-lightbox]')!.open)).toBe(false);
  });

  it('a unit whose language is fr shows the player in French; a wrong first try shows feedback, keeps the question open and is recorded', async () => {
    const { page, frame, calls } = await launch('fr-lockout-tagout');
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr');
    const buttons = () => frame.$$eval('button:not([hidden])', (all) => all.filter((b) => (b as HTMLElement).offsetParent).map((b) => b.textContent!.trim()));
    expect(await buttons()).toEqual(['Enregistrer et quitter', 'Suivant']);
    const lesson = await readLesson(frame);
    await playThrough(page, frame, lesson, { until: 2 });
    expect(await buttons()).toEqual(expect.arrayContaining(['Précédent', 'Vérifier la réponse', 'Suivant']));
    expect(await frame.$eval('#q-lockout-points-hint', (h) => h.textContent)).toBe('Sélectionnez toutes les bonnes réponses. Vous avez 2 essais.');

    const q = lesson.questions.find((x) => x.id === 'lockout-points')!;
    await answer(page, frame, q, false);
    expect(await frame.$eval('#q-lockout-points [data-feedback]', (f) => f.textContent)).toContain('Réessayez : il vous reste 1 essai(s) sur 2.');
    expect(await frame.$eval('#q-lockout-points', (f) => ({ answered: f.classList.contains('is-answered'), enabled: !f.querySelector('input')!.disabled, marked: f.querySelectorAll('.choice-mark').length }))).toEqual({ answered: false, enabled: true, marked: 0 });
    // The author's Markdown in the feedback, formatted.
    expect(await frame.$eval('#q-lockout-points [data-feedback] em', (e) => e.textContent)).toBe('red-tagged');
    // Moving on is still blocked: the question is open.
    await next(frame);
    expect(await visibleScreen(frame)).toBe(2);
    expect(await frame.$eval('[data-nav-message]', (m) => m.textContent)).toBe('Répondez à la question de cet écran pour continuer.');

    // The second try: the learner unticks the wrong choice the first try left ticked, and ticks the right ones.
    for (const id of await frame.$$eval('#q-lockout-points input:checked', (all) => all.map((i) => (i as HTMLInputElement).value))) await tap(frame, `#q-lockout-points-${id}`);
    await answer(page, frame, q, true);
    expect(await frame.$eval('#q-lockout-points', (f) => f.classList.contains('is-answered'))).toBe(true);
    expect(await frame.$eval('#q-lockout-points [data-feedback]', (f) => f.textContent)).toContain('Correct.');
    await tap(frame, '[data-action="exit"]');
    await page.waitForFunction(() => (window as any).lms.calls.some((c: ApiCall) => c.name === 'LMSFinish'));
    const log = await calls();
    const rows = writes(log, /^cmi\.interactions\.\d+\.id$/).filter((id) => id === 'lockout-points');
    expect(rows).toHaveLength(2);
    expect(writes(log, /^cmi\.interactions\.\d+\.result$/).slice(-2)).toEqual(['wrong', 'correct']);
    expect(scorm12Violations(log)).toEqual([]);
  });
});

describe('player polish at 375 × 667', () => {
  it('the navigation bar sits at the bottom of the viewport on a short and on a long screen; the compact header lets content start in the first screenful', async () => {
    const { page, frame } = await open('lockout-tagout', 375, 667);
    const box = () => frame.$eval('[data-nav]', (n) => n.getBoundingClientRect().toJSON() as DOMRect);
    const header = await frame.$eval('.lesson-header', (h) => h.getBoundingClientRect().height);
    expect(header).toBeLessThan(100);
    // The first screen's text starts well inside the first screenful.
    expect(await frame.$eval('[data-screen="1"] .prose p', (p) => p.getBoundingClientRect().top)).toBeLessThan(667 / 2);
    expect((await box()).bottom).toBe(667);
    const lesson = await readLesson(frame);
    await playThrough(page, frame, lesson, { until: 2 });
    // A long screen: scrolled to the top and to the middle, the bar is still at the bottom.
    expect(await frame.evaluate(() => document.scrollingElement!.scrollHeight)).toBeGreaterThan(667 * 1.5);
    await frame.evaluate(() => window.scrollTo(0, 0));
    expect((await box()).bottom).toBe(667);
    await frame.evaluate(() => window.scrollTo(0, 600));
    const nav = await box();
    expect(nav.bottom).toBe(667);
    expect(nav.height).toBeLessThan(80);
  });

  it('the results screen has one primary action: Try again after a failed attempt, Finish otherwise', async () => {
    const { page, frame } = await open('refund-approval', 375, 667);
    const lesson = await readLesson(frame);
    const primary = () => frame.$$eval('[data-results] .button-primary', (all) => all.filter((b) => !(b as HTMLElement).hidden).map((b) => b.textContent));
    await playThrough(page, frame, lesson, { wrong: new Set(lesson.questions.map((q) => q.id)) });
    expect(await primary()).toEqual(['Try again']);
    await tap(frame, '[data-action="retry"]');
    await playThrough(page, frame, lesson);
    expect(await primary()).toEqual(['Finish and exit']);
  });
});

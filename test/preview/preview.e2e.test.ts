/**
 * `tandem preview` driven as an author would: the process on a copy of the sample course, the
 * index and a unit's page in Chromium, the lesson playing in the embedded SCORM 1.2 LMS with its
 * calls in the panel, a save reloading the page with the new text, a broken save showing its
 * diagnostic, and nothing written into the course folder.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewProcess, type PreviewProcess } from '../support/previewProcess.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-preview-');
let browser: Browser;
let preview: PreviewProcess | undefined;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
  await preview?.stop();
  preview = undefined;
});

/** Every file of the folder with its content hash: the course before and after a preview session. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else out[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function openUnit(url: string, unit: string): Promise<{ page: Page; lesson: () => Promise<Frame> }> {
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${url}/units/${unit}/`);
  const lesson = async () => {
    const handle = await page.waitForSelector('iframe#lesson');
    const frame = (await handle!.contentFrame())!;
    await frame.waitForSelector('[data-screen]');
    return frame;
  };
  return { page, lesson };
}

describe('tandem preview', () => {
  it('links every unit from /, plays a lesson in the embedded SCORM 1.2 LMS and reloads it after a save', async () => {
    const dir = courseCopy();
    const before = snapshot(dir);
    preview = await startPreviewProcess([dir, '--port', '0']);
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const index = await browser.newPage();
    pages.push(index);
    await index.goto(`${preview.url}/`);
    const links = await index.$$eval('ol.units a[href^="/units/"]', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['/units/customer-data-handling/', '/units/discount-approval/', '/units/lockout-tagout/', '/units/refund-approval/']));

    await index.click('a[href="/units/refund-approval/"]');
    await index.waitForSelector('iframe#lesson');
    const page = index;
    const frame = async () => {
      const f = (await (await page.waitForSelector('iframe#lesson'))!.contentFrame())!;
      await f.waitForSelector('[data-screen]');
      return f;
    };
    const first = await frame();
    expect(await first.$eval('[data-screen]:not([hidden])', (el) => el.textContent)).toContain('A $640 refund, on a busy Monday');
    // The lesson talked to the embedded LMS, and the panel shows it, checked.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-log] li')].some((li) => li.textContent!.startsWith('LMSInitialize')));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-log] li')].some((li) => li.textContent!.includes('cmi.core.lesson_status')));
    expect(await page.$eval('[data-build-status]', (el) => el.getAttribute('data-state'))).toBe('done');
    expect(await page.$eval('[data-violation-count]', (el) => el.textContent)).toBe('0');
    expect(await page.$eval('[data-suspend-text]', (el) => el.textContent)).toMatch(/^\d+ \/ 4096 characters/);

    // A save: the page reloads the lesson by itself, with the new text.
    const generation = await page.$eval('html', (el) => Number(el.getAttribute('data-preview-generation')));
    const lessonFile = path.join(dir, 'units/refund-approval/lesson.md');
    writeFileSync(lessonFile, readFileSync(lessonFile, 'utf8').replace('## A $640 refund, on a busy Monday', '## A $640 refund, on a rainy Tuesday'));
    await page.waitForFunction((g) => Number(document.documentElement.getAttribute('data-preview-generation')) > g, { timeout: 20_000 }, generation);
    const reloaded = await frame();
    await reloaded.waitForFunction(() => document.querySelector('[data-screen]:not([hidden])')?.textContent?.includes('A $640 refund, on a rainy Tuesday'));
    expect(await page.$eval('[data-log]', (el) => el.textContent)).toMatch(/reloaded: build \d+/);

    await preview.stop();
    expect(snapshot(dir)).toEqual({ ...before, 'units/refund-approval/lesson.md': createHash('sha256').update(readFileSync(lessonFile)).digest('hex') });
  }, 120_000);

  it('shows a save with an error as its diagnostic, with the code frame of tandem check and a link to the line', async () => {
    const dir = courseCopy();
    preview = await startPreviewProcess([dir, '--port', '0']);
    const { page, lesson } = await openUnit(preview.url, 'refund-approval');
    await lesson();
    const unitFile = path.join(dir, 'units/refund-approval/unit.yaml');
    const text = readFileSync(unitFile, 'utf8');
    writeFileSync(unitFile, text.replace(/^version: .*$/m, 'version: not-a-version'));
    await page.waitForSelector('[data-build-status][data-state="error"]', { timeout: 20_000 });
    const problem = await page.$eval('[data-diagnostics]', (el) => ({ hidden: (el as HTMLElement).hidden, text: el.textContent!, href: el.querySelector('a')?.getAttribute('href') ?? '' }));
    expect(problem.hidden).toBe(false);
    expect(problem.text).toContain('units/refund-approval/unit.yaml:');
    expect(problem.text).toMatch(/> +\d+ \| version: not-a-version/);
    expect(problem.href).toMatch(/^vscode:\/\/file\/.*units\/refund-approval\/unit\.yaml:\d+:\d+$/);
    const code = await page.$eval('[data-diagnostics] [data-code]', (el) => el.getAttribute('data-code'));
    expect(code).toMatch(/^[A-Z_]+$/);
    // Fixed again: the error clears and the lesson comes back.
    writeFileSync(unitFile, text);
    await page.waitForSelector('[data-build-status][data-state="done"]', { timeout: 20_000 });
    expect(await page.$eval('[data-diagnostics]', (el) => (el as HTMLElement).hidden)).toBe(true);
  }, 120_000);
});

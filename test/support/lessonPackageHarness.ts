/**
 * The setup the xAPI end-to-end files share: the sample release's packages for one lesson target
 * mounted on the test LRS on 127.0.0.1, one Chromium for the whole file, pages closed
 * and the LRS brought back up after each test.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { sampleArtifacts } from './sampleRelease.js';
import { TestLrs } from './testLrs.js';
import { launchTestBrowser } from './testBrowser.js';

export interface LessonPackageHarness {
  browser: Browser;
  lrs: TestLrs;
  /** Pages a test opens; closed after each test. */
  pages: Page[];
}

/** Registers the hooks; the returned object is filled in by the time the tests (and later beforeAll hooks) run. */
export function lessonPackageHarness(target: 'xapi' | 'cmi5'): LessonPackageHarness {
  const harness = { pages: [] as Page[] } as LessonPackageHarness;
  beforeAll(async () => {
    harness.lrs = await TestLrs.start();
    const prefix = `${target}/`;
    const zips = sampleArtifacts(prefix);
    expect(zips.size).toBeGreaterThan(0);
    for (const [file, bytes] of zips) harness.lrs.mount(file.slice(prefix.length, -'.zip'.length), bytes);
    harness.browser = await launchTestBrowser();
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.lrs?.close();
  });
  afterEach(async () => {
    harness.lrs.setMode('up');
    harness.lrs.intercept = undefined;
    for (const page of harness.pages.splice(0)) if (!page.isClosed()) await page.close();
  });
  return harness;
}

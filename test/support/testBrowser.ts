/**
 * The Chromium an end-to-end test file drives: found as `tandem build` finds it (TANDEM_BROWSER,
 * the usual paths, PATH) and launched with Tandem's own flags. No browser is a failure, never a skip.
 */
import type { Browser } from 'puppeteer-core';
import { findBrowser } from '../../src/browserPool/findBrowser.js';
import { launchBrowser } from '../../src/browserPool/launchBrowser.js';

export async function launchTestBrowser(): Promise<Browser> {
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error(`No Chromium for the end-to-end tests (install it: apt-get install chromium); tried ${found.tried.join(', ')}`);
  return launchBrowser(found.path);
}

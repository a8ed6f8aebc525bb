/** The page pool on a real Chromium (one for the file): bounded, reused, healing, closing. */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browserPool/findBrowser.js';
import { launchBrowser } from '../../src/browserPool/launchBrowser.js';
import { PagePool } from '../../src/browserPool/pagePool.js';

let browser: Browser;
beforeAll(async () => {
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error('These tests need Chrome or Chromium.');
  browser = await launchBrowser(found.path);
});
afterAll(async () => {
  if (browser?.connected) await browser.close();
});

describe('PagePool', () => {
  it('never lends more pages than its size, and reuses them', async () => {
    const pool = new PagePool(browser, 2);
    let inUse = 0;
    let most = 0;
    const seen = new Set<unknown>();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        pool.withPage(async (page) => {
          most = Math.max(most, ++inUse);
          seen.add(page);
          await page.setContent(`<p>${i}</p>`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          inUse--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(seen.size).toBe(2);
  });

  it('replaces a page whose job failed, and the queue keeps going', async () => {
    const pool = new PagePool(browser, 1);
    let failed: unknown;
    const first = pool.withPage(async (page) => {
      failed = page;
      throw new Error('print failed');
    });
    const second = pool.withPage(async (page) => page);
    await expect(first).rejects.toThrow('print failed');
    const next = await second;
    expect(next).not.toBe(failed);
    expect(next.isClosed()).toBe(false);
  });

  it('fails busy, waiting and later jobs with one crash error when the browser dies, instead of waiting forever', async () => {
    const found = findBrowser({ env: process.env });
    if (!found.found) throw new Error('These tests need Chrome or Chromium.');
    const own = await launchBrowser(found.path);
    const crash = new Error('crashed');
    let reason = '';
    const pool = new PagePool(own, 1, {
      crashError: (how) => {
        reason = how;
        return crash;
      },
    });
    let started!: () => void;
    const busyStarted = new Promise<void>((resolve) => (started = resolve));
    const busy = pool.withPage(async () => {
      started();
      await new Promise(() => undefined); // a print that never finishes on its own
    });
    const waiting = pool.withPage(async () => 'never');
    await busyStarted;
    own.process()!.kill('SIGKILL');
    await expect(busy).rejects.toBe(crash);
    await expect(waiting).rejects.toBe(crash);
    await expect(pool.withPage(async () => 'later')).rejects.toBe(crash);
    expect(reason).toBe('killed by SIGKILL');
    await pool.close();
  });

  // Last: it closes the file's browser.
  it('closes the browser, and refuses work afterwards', async () => {
    const pool = new PagePool(browser, 1);
    await pool.withPage(async (page) => page.setContent('<p>x</p>'));
    await pool.close();
    expect(browser.connected).toBe(false);
    await expect(pool.withPage(async () => 1)).rejects.toThrow(/closed/);
    await pool.close();
  });
});

/**
 * A fixed number of tabs in one browser, lent out one job at a time through `withPage(fn)`. The
 * page goes back to the pool in `finally`; a page whose job failed is closed and replaced, since a
 * timed-out or crashed page may be left half-loaded. (After marp-team/marp-cli src/browser/.)
 */
import type { Browser, Page } from 'puppeteer-core';

/** What targets see: borrow a page, use it, give it back. */
export interface PageLender {
  withPage<T>(fn: (page: Page) => Promise<T>): Promise<T>;
}

interface Waiter {
  resolve: (page: Page) => void;
  reject: (error: unknown) => void;
}

export class PagePool implements PageLender {
  private readonly idle: Page[] = [];
  private readonly waiting: Waiter[] = [];
  /** Pages open or being opened; never more than `size`. */
  private open = 0;
  private closed = false;

  constructor(
    readonly browser: Browser,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A page pool needs at least one page, not ${size}.`);
  }

  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    let healthy = false;
    try {
      const result = await fn(page);
      healthy = true;
      return result;
    } finally {
      this.release(page, healthy);
    }
  }

  /** Closes the browser; jobs still waiting for a page fail. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The browser was closed before a page became free.'));
    this.idle.length = 0;
    await this.browser.close();
  }

  private acquire(): Promise<Page> {
    if (this.closed) return Promise.reject(new Error('The browser is already closed.'));
    const page = this.idle.pop();
    if (page) return Promise.resolve(page);
    if (this.open < this.size) return this.openPage();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(page: Page, healthy: boolean): void {
    if (this.closed) return;
    if (!healthy || page.isClosed()) {
      this.open--;
      void page.close().catch(() => undefined);
      const waiter = this.waiting.shift();
      if (waiter) this.openPage().then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(page);
    else this.idle.push(page);
  }

  private async openPage(): Promise<Page> {
    this.open++;
    try {
      const page = await this.browser.newPage();
      // Printing must not depend on, or wait for, the network: everything is inlined, and a stray
      // remote image in Markdown would otherwise hang the print until the request times out.
      await page.setOfflineMode(true);
      // Print copies carry no script, and a <script> an author wrote into job-aid.md must not run
      // (or loop) in the printing browser. Puppeteer's own evaluate() still works.
      await page.setJavaScriptEnabled(false);
      return page;
    } catch (error) {
      this.open--;
      throw error;
    }
  }
}

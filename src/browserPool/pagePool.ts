/**
 * A fixed number of tabs in one browser, lent out one job at a time through `withPage(fn)`. The
 * page goes back to the pool in `finally`; a page whose job failed is closed and replaced, since a
 * timed-out or crashed page may be left half-loaded. (After marp-team/marp-cli src/browser/.)
 *
 * A browser that goes away on its own (crashed, killed, out of memory) fails every job that is
 * waiting for a page, opening one, or printing with one, and every later request, all with the
 * same error: puppeteer's `newPage()` never settles once the connection is gone, so without this a
 * build would wait forever, and Node would exit 0 when nothing else was left to do.
 */
import type { Browser, Page } from 'puppeteer-core';

/** What targets see: borrow a page, use it, give it back. */
export interface PageLender {
  withPage<T>(fn: (page: Page) => Promise<T>): Promise<T>;
}

export interface PagePoolOptions {
  /** The error every job gets after the browser went away; `reason` says how (e.g. "killed by SIGKILL"). One object, so a build reports it once. */
  crashError?: (reason: string) => Error;
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
  /** Set once the browser went away without close(). */
  private crashed: Error | undefined;
  /** Rejects with `crashed` when the browser goes away; raced against everything that talks to it. */
  private readonly crash: Promise<never>;

  constructor(
    readonly browser: Browser,
    readonly size: number,
    options: PagePoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A page pool needs at least one page, not ${size}.`);
    const makeError = options.crashError ?? ((reason: string) => new Error(`The browser stopped during the build (${reason}).`));
    this.crash = new Promise<never>((_, reject) => {
      browser.once('disconnected', () => {
        if (this.closed) return;
        void howItEnded(browser).then((reason) => {
          this.crashed = makeError(reason);
          for (const waiter of this.waiting.splice(0)) waiter.reject(this.crashed);
          this.idle.length = 0;
          reject(this.crashed);
        });
      });
    });
    // Nobody may be racing it when the browser goes away; that is not an unhandled rejection.
    this.crash.catch(() => undefined);
  }

  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    let healthy = false;
    try {
      const result = await Promise.race([fn(page), this.crash]);
      healthy = true;
      return result;
    } catch (error) {
      throw await this.crashOr(error);
    } finally {
      this.release(page, healthy);
    }
  }

  /** Closes the browser (or what is left of it after a crash); jobs still waiting for a page fail. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.crashed ?? new Error('The browser was closed before a page became free.'));
    this.idle.length = 0;
    if (!this.crashed) {
      await this.browser.close();
      return;
    }
    // What is left after a crash (renderer and GPU processes, the profile) goes too; puppeteer's
    // close() kills the browser's whole process group when the polite way fails, as it must here.
    await this.browser.close().catch(() => undefined);
  }

  private acquire(): Promise<Page> {
    if (this.crashed) return Promise.reject(this.crashed);
    if (this.closed) return Promise.reject(new Error('The browser is already closed.'));
    const page = this.idle.pop();
    if (page) return Promise.resolve(page);
    if (this.open < this.size) return this.openPage();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(page: Page, healthy: boolean): void {
    if (this.closed || this.crashed) return;
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
      const page = await Promise.race([this.browser.newPage(), this.crash]);
      // Printing must not depend on, or wait for, the network: everything is inlined, and a stray
      // remote image in Markdown would otherwise hang the print until the request times out.
      await Promise.race([page.setOfflineMode(true), this.crash]);
      // Print copies carry no script, and a <script> an author wrote into job-aid.md must not run
      // (or loop) in the printing browser. Puppeteer's own evaluate() still works.
      await Promise.race([page.setJavaScriptEnabled(false), this.crash]);
      return page;
    } catch (error) {
      this.open--;
      throw await this.crashOr(error);
    }
  }

  /**
   * Whatever puppeteer said when the connection dropped ("Connection closed", "Target closed"),
   * the job failed because of the crash: report that. Calls can fail a moment before the
   * 'disconnected' event, so a lost connection waits for the crash error.
   */
  private async crashOr(error: unknown): Promise<unknown> {
    if (this.crashed) return this.crashed;
    if (this.closed || this.browser.connected) return error;
    return this.crash.then(
      () => error,
      (crash: unknown) => crash,
    );
  }
}

/** How the browser process ended, in words, waiting briefly for its exit status after the connection dropped. */
async function howItEnded(browser: Browser): Promise<string> {
  const child = browser.process();
  if (!child) return 'the connection to it closed';
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (child.signalCode) return `killed by ${child.signalCode}`;
  if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
  return 'the connection to it closed';
}

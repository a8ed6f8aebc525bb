/**
 * The build's browser: looked up once when the plan has jobs that print, started by the build
 * before any job runs when some printing job is not in the cache (so a browser that will not start
 * is known before lesson packages are built, which then go without the PDF rather than fail), and
 * closed by the build's SharedResources in `finally`. A browser that goes away mid-build fails the
 * jobs still needing it with one BROWSER_CRASHED.
 */
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnosticError.js';
import type { SharedResources } from './sharedResources.js';
import { findBrowser } from '../browserPool/findBrowser.js';
import { launchBrowser } from '../browserPool/launchBrowser.js';
import { PagePool, type PageLender } from '../browserPool/pagePool.js';

/**
 * Pages printing at once. On a 2-core machine two pages print almost twice as fast as one; four
 * gained another tenth for more browser memory (scripts/bench-pdf.mjs, 200 units).
 */
export const DEFAULT_PAGE_POOL_SIZE = 2;

export interface BrowserOptions {
  /** An explicit executable (a `--browser` flag or API caller); wins over everything else. */
  path?: string;
  /** Environment for TANDEM_BROWSER, CHROME_PATH, PUPPETEER_EXECUTABLE_PATH and PATH; the CLI passes its own. */
  env?: Record<string, string | undefined>;
  /** Pages printing at once. */
  pages?: number;
  /** Whose install locations to search (default: this machine's). */
  platform?: NodeJS.Platform;
  /** A browser already running (a watch mode, a test file): print with its pages; the build does not close it. */
  pool?: PageLender;
}

export type BrowserForBuild =
  | {
      pages: PageLender;
      /** Starts the browser now; a BROWSER_LAUNCH_FAILED diagnostic when it will not start. */
      start: () => Promise<Diagnostic | undefined>;
      diagnostics: [];
    }
  | { pages: undefined; diagnostics: Diagnostic[] };

/** `printJobs` is how many planned jobs need the browser, for the message when there is none. */
export function browserForBuild(options: BrowserOptions, shared: SharedResources, printJobs: number, configFile: string): BrowserForBuild {
  if (options.pool) return { pages: options.pool, start: async () => undefined, diagnostics: [] };
  const lookup = findBrowser({ explicitPath: options.path, env: options.env ?? {}, platform: options.platform });
  if (!lookup.found) {
    const params = { jobs: printJobs, tried: lookup.tried.join(', '), explicit: lookup.explicitFailed ?? '', from: lookup.explicitSource ?? '' };
    return { pages: undefined, diagnostics: [diagnose('BROWSER_NOT_FOUND', params, { file: configFile })] };
  }
  const size = options.pages ?? DEFAULT_PAGE_POOL_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`The browser needs at least one page to print with, not ${size}.`);
  const pool = () =>
    shared.get(
      'browser',
      async () => {
        try {
          const browser = await launchBrowser(lookup.path);
          // One error object for every job the crash fails, so the build reports it once.
          const crashError = (reason: string) => new DiagnosticError(diagnose('BROWSER_CRASHED', { path: lookup.path, reason }, { file: configFile }));
          return new PagePool(browser, size, { crashError });
        } catch (error) {
          const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
          throw new DiagnosticError(diagnose('BROWSER_LAUNCH_FAILED', { path: lookup.path, reason, jobs: printJobs }, { file: configFile }), { cause: error });
        }
      },
      (p) => p.close(),
    );
  const start = async () => {
    try {
      await pool();
      return undefined;
    } catch (error) {
      if (error instanceof DiagnosticError) return error.diagnostic;
      throw error;
    }
  };
  return { pages: { withPage: async (fn) => (await pool()).withPage(fn) }, start, diagnostics: [] };
}

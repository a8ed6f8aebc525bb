/**
 * The build's browser: looked up once when the plan has jobs that print, launched on the first
 * `withPage` (so a build whose PDF jobs are all skipped never starts one), and closed by the
 * build's SharedResources in `finally`.
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

export type BrowserForBuild = { pages: PageLender; diagnostics: [] } | { pages: undefined; diagnostics: Diagnostic[] };

/** `printJobs` is how many planned jobs need the browser, for the message when there is none. */
export function browserForBuild(options: BrowserOptions, shared: SharedResources, printJobs: number, configFile: string): BrowserForBuild {
  if (options.pool) return { pages: options.pool, diagnostics: [] };
  const lookup = findBrowser({ explicitPath: options.path, env: options.env ?? {}, platform: options.platform });
  if (!lookup.found) {
    const params = { jobs: printJobs, tried: lookup.tried.join(', '), explicit: lookup.explicitFailed ?? '' };
    return { pages: undefined, diagnostics: [diagnose('BROWSER_NOT_FOUND', params, { file: configFile })] };
  }
  const size = options.pages ?? DEFAULT_PAGE_POOL_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`The browser needs at least one page to print with, not ${size}.`);
  const pool = () =>
    shared.get(
      'browser',
      async () => {
        try {
          return new PagePool(await launchBrowser(lookup.path), size);
        } catch (error) {
          const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
          throw new DiagnosticError(diagnose('BROWSER_LAUNCH_FAILED', { path: lookup.path, reason }, { file: configFile }), { cause: error });
        }
      },
      (p) => p.close(),
    );
  return { pages: { withPage: async (fn) => (await pool()).withPage(fn) }, diagnostics: [] };
}

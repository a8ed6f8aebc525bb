/**
 * Foundation: the headless Chrome/Chromium Tandem prints with. Finders for an explicit path, the
 * environment variables, the usual install paths, then PATH; one launch with the flags a closed
 * network needs; a fixed pool of pages lent out and always returned. Users: compile (PDF job
 * aids) and, later, preview. Imports nothing else of Tandem.
 */
export { BROWSER_ENV_VARS, findBrowser, type BrowserLookup, type FindBrowserOptions } from './findBrowser.js';
export { HEADLESS_ARGS, launchBrowser } from './launchBrowser.js';
export { PagePool, type PageLender } from './pagePool.js';

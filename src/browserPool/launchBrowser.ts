/**
 * Launches the found browser headless, as CI containers and offline machines need it: no sandbox
 * when running as root, no background networking (which would hang or spam a closed network), a
 * fresh throwaway profile. Callers must close it; SharedResources does that after a build.
 *
 * Puppeteer's own SIGINT/SIGTERM/SIGHUP handlers are off: they close the browser but keep the
 * process alive (a handler cancels Node's default exit), so a build stopped by SIGTERM went on,
 * found no browser, and exited 0. Signals belong to the CLI, which closes the browser and exits
 * 128+n. Puppeteer still kills the browser's process group when Node exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Browser } from 'puppeteer-core';
import { profilePrefix, removeStaleProfiles } from './staleProfiles.js';

export const HEADLESS_ARGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

export async function launchBrowser(executablePath: string): Promise<Browser> {
  const { launch } = await import('puppeteer-core');
  // Browsers and profiles left by builds that were killed outright go first.
  await removeStaleProfiles();
  const userDataDir = await mkdtemp(profilePrefix());
  // Chromium refuses to start as root with its sandbox on (the usual case in CI containers).
  const needsNoSandbox = typeof process.getuid === 'function' && process.getuid() === 0;
  let browser: Browser;
  try {
    browser = await launch({
      executablePath,
      headless: true,
      userDataDir,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [...HEADLESS_ARGS, ...(needsNoSandbox ? ['--no-sandbox', '--disable-setuid-sandbox'] : [])],
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
    throw error;
  }
  // Chromium may still be flushing its profile when the connection drops (ENOTEMPTY): retry, and
  // never let a leftover temp folder crash the build that already has its PDFs.
  browser.once('disconnected', () => void rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined));
  return browser;
}

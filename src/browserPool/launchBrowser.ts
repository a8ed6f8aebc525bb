/**
 * Launches the found browser headless, as CI containers and offline machines need it: no sandbox
 * when running as root, no background networking (which would hang or spam a closed network), a
 * fresh throwaway profile. Callers must close it; SharedResources does that after a build.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';

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
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-chromium-'));
  // Chromium refuses to start as root with its sandbox on (the usual case in CI containers).
  const needsNoSandbox = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await launch({
    executablePath,
    headless: true,
    userDataDir,
    args: [...HEADLESS_ARGS, ...(needsNoSandbox ? ['--no-sandbox', '--disable-setuid-sandbox'] : [])],
  });
  // Chromium may still be flushing its profile when the connection drops (ENOTEMPTY): retry, and
  // never let a leftover temp folder crash the build that already has its PDFs.
  browser.once('disconnected', () => void rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined));
  return browser;
}

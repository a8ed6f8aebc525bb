/**
 * Finds an installed Chrome or Chromium, in the order a user expects to be able to override it:
 * an explicit path, then the TANDEM_BROWSER / CHROME_PATH / PUPPETEER_EXECUTABLE_PATH variables,
 * then the usual install locations of Linux, macOS and Windows, then the PATH.
 * (After marp-team/marp-cli src/browser/finders.)
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export const BROWSER_ENV_VARS = ['TANDEM_BROWSER', 'CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH'] as const;

export interface FindBrowserOptions {
  /** From --browser: used as given, and an error if it is not executable. */
  explicitPath?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export type BrowserLookup =
  | { found: true; path: string; source: string }
  /** `explicitFailed`: the path given by --browser or TANDEM_BROWSER (`explicitSource`) that is not an executable. */
  | { found: false; tried: string[]; explicitFailed?: string; explicitSource?: string };

const LINUX = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
];
const MACOS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];
const WINDOWS_SUFFIXES = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'msedge'];

export function findBrowser(options: FindBrowserOptions = {}): BrowserLookup {
  const env = options.env ?? {};
  const platform = options.platform ?? process.platform;
  const tried: string[] = [];
  if (options.explicitPath) {
    return isExecutable(options.explicitPath)
      ? { found: true, path: options.explicitPath, source: '--browser' }
      : { found: false, tried: [options.explicitPath], explicitFailed: options.explicitPath };
  }
  for (const name of BROWSER_ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    tried.push(`${name}=${value}`);
    if (isExecutable(value)) return { found: true, path: value, source: name };
    // TANDEM_BROWSER is Tandem's own: a typo there must not quietly print with another browser.
    // CHROME_PATH and PUPPETEER_EXECUTABLE_PATH belong to other tools too, so they only suggest.
    if (name === 'TANDEM_BROWSER') return { found: false, tried, explicitFailed: value, explicitSource: name };
  }
  for (const candidate of platformCandidates(platform, env)) {
    tried.push(candidate);
    if (isExecutable(candidate)) return { found: true, path: candidate, source: 'install location' };
  }
  const separator = platform === 'win32' ? ';' : ':';
  for (const dir of (env.PATH ?? env.Path ?? '').split(separator).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = path.join(dir, platform === 'win32' ? `${name}.exe` : name);
      if (isExecutable(candidate)) return { found: true, path: candidate, source: 'PATH' };
    }
  }
  tried.push('PATH');
  return { found: false, tried };
}

function platformCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'darwin') return MACOS;
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => WINDOWS_SUFFIXES.map((s) => `${root}\\${s}`));
  }
  return LINUX;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

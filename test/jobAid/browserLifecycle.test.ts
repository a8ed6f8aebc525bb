/**
 * The build's browser: not found → one diagnostic with guidance, exit code 2, and every other
 * target still built; launched only when the plan prints; started once; closed even when jobs fail.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import type { Browser } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/commands/exitCode.js';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { TARGETS } from '../../src/compile/targets/registry.js';
import type { Target } from '../../src/compile/targets/target.js';
import { SAMPLE } from './support.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-browser-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A "browser" that only leaves a mark that it was started, then fails. */
function fakeBrowser(name: string): { path: string; starts: () => number } {
  const marker = path.join(temp, `${name}.started`);
  const file = path.join(temp, name);
  writeFileSync(file, `#!/bin/sh\necho started >> "${marker}"\nexit 1\n`);
  chmodSync(file, 0o755);
  return { path: file, starts: () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n').length : 0) };
}

describe('the browser a build prints with', () => {
  it('not found: one BROWSER_NOT_FOUND with what to do, exit code 2, and the HTML job aids still built', async () => {
    const sink = new MemorySink();
    // No variables, no PATH, and macOS's install locations on this Linux machine: nothing to find.
    const result = await build({ courseDir: SAMPLE, targets: ['job-aid-html', 'job-aid-pdf'], sink, manifest: false, browser: { env: {}, platform: 'darwin' } });
    const notFound = result.diagnostics.filter((d) => d.code === 'BROWSER_NOT_FOUND');
    expect(notFound).toHaveLength(1);
    expect(notFound[0]!.message).toContain('12 PDF job aid(s) were not printed');
    expect(notFound[0]!.hint).toContain('TANDEM_BROWSER=');
    expect(notFound[0]!.hint).toContain('apt-get install chromium');
    expect(notFound[0]!.hint).toContain('/Applications/Google Chrome.app');
    expect(exitCodeFor(result.diagnostics, false)).toBe(2);
    expect([...sink.files.keys()].filter((f) => f.endsWith('.html'))).toHaveLength(4);
    expect([...sink.files.keys()].filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('an explicit path that is not a browser is named in the diagnostic', async () => {
    const result = await build({ courseDir: SAMPLE, targets: ['job-aid-pdf'], sink: new MemorySink(), manifest: false, browser: { path: path.join(temp, 'no-such-chrome') } });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['BROWSER_NOT_FOUND']);
    expect(result.diagnostics[0]!.message).toContain(`"${path.join(temp, 'no-such-chrome')}" is not an executable file`);
  });

  it('is not started when nothing is printed', async () => {
    const fake = fakeBrowser('unused-chrome');
    const sink = new MemorySink();
    const result = await build({ courseDir: SAMPLE, targets: ['job-aid-html'], sink, manifest: false, browser: { path: fake.path } });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fake.starts()).toBe(0);
  });

  it('that will not start: one BROWSER_LAUNCH_FAILED for all PDFs, started once, the other targets built', async () => {
    const fake = fakeBrowser('broken-chrome');
    const sink = new MemorySink();
    const result = await build({ courseDir: SAMPLE, targets: ['job-aid-html', 'job-aid-pdf'], sink, manifest: false, browser: { path: fake.path } });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['BROWSER_LAUNCH_FAILED']);
    expect(exitCodeFor(result.diagnostics, false)).toBe(2);
    expect(fake.starts()).toBe(1);
    expect([...sink.files.keys()].filter((f) => f.endsWith('.html'))).toHaveLength(4);
  });

  it('that will not start does not fail the lesson packages: they are built with the HTML job aid only, and the message says so', async () => {
    const fake = fakeBrowser('broken-chrome-lessons');
    const sink = new MemorySink();
    const result = await build({ courseDir: SAMPLE, targets: ['scorm12', 'job-aid-pdf'], sink, manifest: false, browser: { path: fake.path } });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['BROWSER_LAUNCH_FAILED']);
    expect(errors[0]!.message).toContain('12 PDF job aid(s) were not printed and lesson packages carry only the HTML job aid');
    const zips = [...sink.files.keys()].filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(6); // four units and two paths
    const entries = new AdmZip(Buffer.from(sink.files.get('scorm12/refund-approval.zip')!)).getEntries().map((e) => e.entryName);
    expect(entries).toContain('units/refund-approval/job-aid.html');
    expect(entries.filter((e) => e.endsWith('.pdf'))).toEqual([]);
  });

  it('TANDEM_BROWSER naming a missing file is an error, not a silent fall-back to another browser', async () => {
    const missing = path.join(temp, 'no-such-chromium');
    const sink = new MemorySink();
    const result = await build({ courseDir: SAMPLE, targets: ['job-aid-pdf'], sink, manifest: false, browser: { env: { ...process.env, TANDEM_BROWSER: missing } } });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['BROWSER_NOT_FOUND']);
    expect(result.diagnostics[0]!.message).toContain(`"${missing}" named by TANDEM_BROWSER is not an executable file`);
    expect(sink.files.size).toBe(0);
  });

  it('is closed when the build ends, even when every printing job failed', async () => {
    const browsers = new Set<Browser>();
    const failing: Target = {
      name: 'failing-print',
      description: 'borrows a page, then fails',
      planUnit: (unit) => [{ target: 'failing-print', subject: { kind: 'unit', unit }, output: `x/${unit.id}.pdf`, needsBrowser: true }],
      async build(_job, ctx) {
        await ctx.pages!.withPage(async (page) => {
          browsers.add(page.browser());
        });
        throw new Error('the printer caught fire');
      },
    };
    const result = await build({
      courseDir: SAMPLE,
      targets: ['failing-print', 'job-aid-html'],
      sink: new MemorySink(),
      manifest: false,
      availableTargets: [failing, ...TARGETS],
      browser: { env: process.env },
    });
    expect(result.diagnostics.filter((d) => d.code === 'BUILD_FAILED')).toHaveLength(4);
    // One browser for the whole build, and it is gone.
    expect(browsers.size).toBe(1);
    const [browser] = [...browsers];
    expect(browser!.connected).toBe(false);
    expect(browser!.process()?.exitCode ?? browser!.process()?.signalCode).not.toBeNull();
  });
});

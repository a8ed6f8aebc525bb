/**
 * The brand as people see it, in a real Chromium: the sample course's primary colour on the
 * lesson's primary buttons and the job aid's headings, its accent on the step numbers, one
 * embedded font (Source Sans 3) in both, the logo in both, safety-critical decision rows marked
 * by more than colour, and the colour in the printed PDF (rasterized with poppler).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byName, buildScorm12 } from '../scorm12/support/samplePackages.js';
import { TestLms } from '../scorm12/support/testLms.js';
import { sampleArtifacts } from '../support/sampleRelease.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { useTempDirs } from '../support/tempDirs.js';

const PRIMARY = 'rgb(122, 31, 92)'; // #7a1f5c in fixtures/sample-course/tandem.config.yaml
const ACCENT = 'rgb(15, 118, 110)'; // #0f766e
const WHITE = 'rgb(255, 255, 255)';
const { tempDir } = useTempDirs('tandem-brand-e2e-');

let browser: Browser;
let lms: TestLms;

beforeAll(async () => {
  const { zips } = await buildScorm12();
  lms = await TestLms.start(byName(zips));
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

/** What the page shows of the brand: computed styles of the named elements, the fonts loaded, the logo. */
async function brandSeen(page: Page, selectors: Record<string, string>, logo: string) {
  return page.evaluate(
    async (selectors: Record<string, string>, logo: string) => {
      await document.fonts.ready;
      const style = (selector: string) => {
        const el = document.querySelector(selector);
        if (!el) return null;
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor, font: s.fontFamily };
      };
      const img = document.querySelector<HTMLImageElement>(logo);
      return {
        styles: Object.fromEntries(Object.entries(selectors).map(([name, selector]) => [name, style(selector)])),
        loadedFonts: [...new Set([...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, '')))],
        logo: img && { alt: img.alt, width: img.naturalWidth },
      };
    },
    selectors,
    logo,
  );
}

describe('brand: applied through the design tokens', () => {
  it("the lesson's primary buttons use brand.primary with its text colour, the brand font is embedded and used, the logo shows", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(lms.url('/pkg/refund-approval/units/refund-approval/index.html'));
      await page.waitForSelector('[data-action="next"]:not([hidden])');
      const seen = await brandSeen(page, { next: '[data-action="next"]', body: 'body' }, 'img.lesson-logo');
      expect(seen.styles.next).toMatchObject({ background: PRIMARY, color: WHITE });
      expect(seen.styles.body!.font).toMatch(/^"Source Sans 3"/);
      expect(seen.loadedFonts).toContain('Source Sans 3');
      expect(seen.logo).toEqual({ alt: 'Acme Logistics', width: 160 });
    } finally {
      await page.close();
    }
  });

  it("the job aid's headings use brand.primary, its step numbers brand.accent, in the lesson's font, with the logo, under its CSP", async () => {
    const html = new TextDecoder().decode(sampleArtifacts('job-aids/').get('job-aids/lockout-tagout.html'));
    const page = await browser.newPage();
    try {
      // setContent keeps the page's own Content-Security-Policy: styles blocked by it would show as defaults.
      await page.setContent(html, { waitUntil: 'load' });
      const seen = await brandSeen(page, { h1: 'h1', h2: '.decide h2', number: '.step-number', body: 'body' }, 'img.brand-logo');
      expect(seen.styles.h1!.color).toBe(PRIMARY);
      expect(seen.styles.h2!.color).toBe(PRIMARY);
      expect(seen.styles.number).toMatchObject({ background: ACCENT, color: WHITE });
      expect(seen.styles.body!.font).toMatch(/^"Source Sans 3"/);
      expect(seen.loadedFonts).toEqual(['Source Sans 3']);
      expect(seen.logo).toEqual({ alt: 'Acme Logistics', width: 160 });

      // Safety-critical rows of the severity column: a mark and the bold label, not only a colour.
      const rows = await page.$$eval('.decide tbody tr', (trs) =>
        trs.map((tr) => ({ critical: tr.classList.contains('severity-critical'), mark: tr.querySelector('.severity-mark')?.textContent ?? '', label: tr.querySelector('.severity')?.textContent?.trim() ?? '', weight: getComputedStyle(tr.querySelector('td')!).fontWeight })),
      );
      expect(rows.filter((r) => r.critical)).toHaveLength(3);
      for (const row of rows) {
        expect(row.critical, row.label).toBe(row.label.includes('Safety-critical'));
        expect(row.mark).toBe(row.critical ? '!' : '');
        expect(row.weight).toBe(row.critical ? '700' : '400');
      }
    } finally {
      await page.close();
    }
  });

  it('the printed job aid carries brand.primary (its headings), read back from the rasterized PDF', () => {
    const dir = tempDir();
    const pdf = path.join(dir, 'aid.pdf');
    writeFileSync(pdf, sampleArtifacts('job-aids/').get('job-aids/lockout-tagout-a4.pdf')!);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '72', '-png', '-singlefile', pdf, path.join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(path.join(dir, 'page.png')));
    let primary = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (Math.abs(png.data[i]! - 122) < 12 && Math.abs(png.data[i + 1]! - 31) < 12 && Math.abs(png.data[i + 2]! - 92) < 12) primary++;
    }
    // Headings and rules in the primary colour: hundreds of pixels even at 72 dpi (none in the default theme).
    expect(primary).toBeGreaterThan(300);
  });
});

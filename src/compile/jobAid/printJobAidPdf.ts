/**
 * Prints a rendered job aid to PDF in a borrowed browser page: size, margins and footer (objective
 * ID, version, "Page x of y") come from the @page rule renderJobAid wrote for the paper; the type
 * size and columns are fitted to the paper (fitToPaper); the PDF is tagged (a structure tree from
 * the HTML, for screen readers and reflow) and has an outline built from the headings.
 */
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer-core';
import { APPLY_LEVEL_IN_PAGE, contentBox, FIRST_FITTING_LEVEL_IN_PAGE, type FitLevel, type FitPlan } from './fitToPaper.js';
import { escapeHtml } from './jobAidMarkdown.js';
import type { FooterText, Paper } from './papers.js';

/** Chromium 131 was the first to print CSS page-margin boxes (@bottom-left …). */
const FIRST_WITH_MARGIN_BOXES = 131;

export interface PrintedPdf {
  pdf: Uint8Array;
  /** The text of h1–h6 in document order, the entries of the outline Chrome builds. */
  headings: string[];
  /** Pages printed, and the level of the fit ladder they were printed at. */
  pages: number;
  level: FitLevel;
}

/**
 * Runs in the page: waits for fonts, then reads the headings. A string, because Node code is
 * compiled without DOM types (tsconfig.json) and this is the only page-side code in the printer.
 */
const READ_HEADINGS_IN_PAGE = `document.fonts.ready.then(() =>
  [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => (h.textContent ?? '').replace(/\\s+/g, ' ').trim()))`;

export async function printJobAidPdf(page: Page, html: string, paper: Paper, footer: FooterText, fit: FitPlan): Promise<PrintedPdf> {
  // Every print copy carries the same CSP (renderJobAid), so the page's document can be rewritten in place.
  // Everything is inline, so "load" means images and fonts are decoded; fonts.ready covers the rest.
  await page.setContent(html, { waitUntil: 'load' });
  // One round trip for both: waiting for fonts, then reading the headings for the outline.
  const headings = (await page.evaluate(READ_HEADINGS_IN_PAGE)) as string[];
  const marginBoxes = (await majorVersion(page.browser())) >= FIRST_WITH_MARGIN_BOXES;

  // Lay the page out as it prints (print media, the paper's content box) to pick the level that fits.
  const box = contentBox(paper);
  await page.setViewport({ width: Math.floor(box.width), height: Math.floor(box.height) });
  await page.emulateMediaType('print');
  let index = (await page.evaluate(`(${FIRST_FITTING_LEVEL_IN_PAGE})(${JSON.stringify({ levels: fit.levels, height: box.height, bySide: fit.bySide })})`)) as number;
  for (;;) {
    const pdf = await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      // Chromium ≥ 124 writes a structure tree (tagged) and bookmarks from h1–h6 (outline).
      tagged: true,
      outline: true,
      // An older browser ignores the margin boxes: let it draw the footer itself, in a system font.
      ...(marginBoxes
        ? {}
        : { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footerTemplate(paper, footer), margin: paper.margin }),
    });
    const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    // Chrome's page breaking can spill what the measure said fits: print again a level smaller.
    if (pages <= fit.pages || index >= fit.levels.length - 1) return { pdf, headings, pages, level: fit.levels[index]! };
    index++;
    await page.evaluate(`(${APPLY_LEVEL_IN_PAGE})(${JSON.stringify(fit.levels[index])})`);
  }
}

const versions = new WeakMap<Browser, Promise<number>>();
function majorVersion(browser: Browser): Promise<number> {
  let version = versions.get(browser);
  if (!version) {
    // "HeadlessChrome/156.0.8078.79", "Chrome/120.0.6099.109"; an unknown format is taken as current.
    version = browser.version().then((v) => Number(/\/(\d+)\./.exec(v)?.[1] ?? Number.POSITIVE_INFINITY));
    versions.set(browser, version);
  }
  return version;
}

/** Chrome renders this in its own document: no page CSS, no web fonts, so it styles itself. */
function footerTemplate(paper: Paper, footer: FooterText): string {
  const style = [
    'width:100%',
    'display:flex',
    'justify-content:space-between',
    `margin:0 ${paper.margin.right} 0 ${paper.margin.left}`,
    `font-size:${paper.footerFontSize}`,
    'font-family:Arial,Helvetica,sans-serif',
    'color:#4a5866',
  ].join(';');
  return (
    `<div style="${style}">` +
    `<span>${escapeHtml(footer.objectiveId)} · v${escapeHtml(footer.version)}</span>` +
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>' +
    '</div>'
  );
}

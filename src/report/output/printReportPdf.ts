/**
 * report.pdf: report.html printed by a headless Chromium from the browser pool foundation, A4,
 * tagged (a structure tree from the HTML's headings and tables, for screen readers) with an
 * outline from the headings. The HTML's print CSS starts each objective on a new page.
 */
import { writeFile } from 'node:fs/promises';
import { findBrowser, launchBrowser } from '../../browserPool/index.js';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';

export async function printReportPdf(html: string, file: string, options: { browser?: string; env: Record<string, string | undefined> }): Promise<Diagnostic | undefined> {
  const found = findBrowser({ explicitPath: options.browser, env: options.env });
  if (!found.found) return diagnose('REPORT_PDF_BROWSER_NOT_FOUND', { tried: found.explicitFailed ?? found.tried.join(', ') });
  let browser;
  try {
    browser = await launchBrowser(found.path);
  } catch (error) {
    return diagnose('REPORT_PDF_FAILED', { reason: `the browser at ${found.path} did not start: ${(error as Error).message}` });
  }
  try {
    const page = await browser.newPage();
    // Everything is inline (no script, no request), so "load" means the page is complete.
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    await writeFile(file, pdf);
    return undefined;
  } catch (error) {
    return diagnose('REPORT_PDF_FAILED', { reason: (error as Error).message });
  } finally {
    await browser.close();
  }
}

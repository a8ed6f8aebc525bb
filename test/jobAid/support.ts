/** Helpers for the job-aid tests: course copies with a changed config, PDF text by page, QR decoding. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { lexer, type Token } from 'marked';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';

export const SAMPLE = 'fixtures/sample-course';

/** A copy of the sample course in a temp folder, with `edit` applied to its tandem.config.yaml. */
export function sampleCopy(edit: (config: string) => string = (c) => c): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-job-aid-'));
  cpSync(SAMPLE, dir, { recursive: true });
  const configFile = path.join(dir, 'tandem.config.yaml');
  writeFileSync(configFile, edit(readFileSync(configFile, 'utf8')));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PdfPage {
  width: number;
  height: number;
  /** The page's text with all whitespace removed, so line wrapping does not matter. */
  compact: string;
  text: string;
}

export interface ReadPdf {
  pages: PdfPage[];
  info: Record<string, unknown>;
  /** XMP metadata, as pdf.js parses it. */
  xmp: { get(name: string): unknown } | null;
  marked: boolean;
  outline: string[];
}

/** Reads a PDF back with pdf.js: page sizes, text per page, Info and XMP metadata, tagging and outline. */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push({ width: x1 - x0, height: y1 - y0, text, compact: compact(text) });
    }
    const metadata = await doc.getMetadata();
    const outline = ((await doc.getOutline()) ?? []).flatMap(function titles(item): string[] {
      return [item.title, ...(item.items ?? []).flatMap(titles)];
    });
    const markInfo = await doc.getMarkInfo();
    return { pages, info: metadata.info as Record<string, unknown>, xmp: metadata.metadata, marked: markInfo?.Marked === true, outline };
  } finally {
    await doc.destroy();
  }
}

/** Whitespace removed and ligatures unfolded, for comparing text regardless of line breaks. */
export function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** What a reader sees of a Markdown snippet: the text of its tokens, without markup. */
export function plainText(markdown: string): string {
  const walk = (tokens: Token[]): string =>
    tokens
      .map((t) => ('tokens' in t && t.tokens ? walk(t.tokens) : 'items' in t && Array.isArray(t.items) ? walk(t.items as Token[]) : 'text' in t ? String(t.text) : ''))
      .join(' ');
  return walk(lexer(markdown));
}

/**
 * Rasterizes the top of page 1 (where the theme prints the QR code) with poppler's pdftoppm and
 * decodes the QR code there. Only that band is rendered: jsQR over a whole page at print
 * resolution takes a second or more.
 */
export function decodeQr(pdf: Uint8Array, size: { width: number; height: number }, dpi = 200): string | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-qr-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const px = (pt: number) => String(Math.round((pt / 72) * dpi));
    const crop = ['-x', px(size.width * 0.5), '-y', '0', '-W', px(size.width * 0.5), '-H', px(size.height * 0.35)];
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', String(dpi), ...crop, '-png', '-singlefile', file, path.join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(path.join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

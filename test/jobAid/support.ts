/** Helpers for the job-aid tests: course copies with a changed config, PDF text by page, QR decoding. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
/** jsqr is CommonJS whose typings declare an ES default export; this is the function either way. */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
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

/**
 * Adds unit `long-checklist` (a copy of discount-approval with its own objective) whose sixteen steps
 * run five or six lines each on a pocket card (three on A4), so page breaks are bound to fall inside some step
 * unless the print CSS keeps steps whole.
 */
export function addLongChecklistUnit(courseDir: string): void {
  const from = path.join(courseDir, 'units', 'discount-approval');
  const to = path.join(courseDir, 'units', 'long-checklist');
  cpSync(from, to, { recursive: true });
  for (const file of ['unit.yaml', 'lesson.md', 'job-aid.md']) {
    const p = path.join(to, file);
    writeFileSync(p, readFileSync(p, 'utf8').replace('id: discount-approval', 'id: long-checklist').replaceAll('OBJ-SAL-DISCOUNT-15', 'OBJ-SAL-LONG-CHECKLIST'));
  }
  const steps = Array.from(
    { length: 16 },
    (_, i) =>
      `${i + 1}. Check item ${i + 1} of the quote against the price book, write the list price, the net price and the discount ` +
      `in the notes, compare them with the customer's previous order, and ask the deal desk if anything differs by more than ` +
      `one percent from what the customer was quoted last time, before you move on to item ${i + 2}.`,
  ).join('\n');
  const jobAid = path.join(to, 'job-aid.md');
  writeFileSync(jobAid, readFileSync(jobAid, 'utf8').replace(/## Steps\n\n[\s\S]*?\n\n## /, `## Steps\n\n${steps}\n\n## `));
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
 * Rasterizes the right half of a band of a page (by default the top of page 1, where the theme
 * prints the QR code on A4 and Letter) with poppler's pdftoppm and decodes the QR code there. Only that band is rendered: jsQR over a whole page at print
 * resolution takes a second or more.
 */
export function decodeQr(pdf: Uint8Array, size: { width: number; height: number }, dpi = 200, where: { page: number; top: number; height: number } = { page: 1, top: 0, height: 0.35 }): string | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-qr-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const px = (pt: number) => String(Math.round((pt / 72) * dpi));
    const crop = ['-x', px(size.width * 0.5), '-y', px(size.height * where.top), '-W', px(size.width * 0.5), '-H', px(size.height * where.height)];
    const page = String(where.page);
    execFileSync('pdftoppm', ['-f', page, '-l', page, '-r', String(dpi), ...crop, '-png', '-singlefile', file, path.join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(path.join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Adds stress unit `id` of fixtures/job-aid-stress/units.json to a course: a copy of
 * discount-approval with that unit's title, objective, risk and job aid (the one-page tests).
 */
export function addJobAidUnit(courseDir: string, id: string): void {
  const spec = (JSON.parse(readFileSync('fixtures/job-aid-stress/units.json', 'utf8')) as Record<string, { jobAid: string; title: string; objective: string; risk: string }>)[id]!;
  const to = path.join(courseDir, 'units', id);
  cpSync(path.join(courseDir, 'units', 'discount-approval'), to, { recursive: true });
  const text = readFileSync(path.join('fixtures/job-aid-stress', spec.jobAid), 'utf8');
  const objective = /^objective: (\S+)$/m.exec(text)![1]!;
  const unitYaml = path.join(to, 'unit.yaml');
  writeFileSync(
    unitYaml,
    readFileSync(unitYaml, 'utf8')
      .replace(/^title: .*$/m, `title: ${spec.title}`)
      .replace(/^(objective:\n(?: {2}.*\n)*? {2}statement: ).*$/m, `$1${spec.objective}`)
      .replace(/^(risk:\n {2}statement: ).*$/m, `$1${spec.risk}`),
  );
  for (const file of ['unit.yaml', 'lesson.md']) {
    const p = path.join(to, file);
    writeFileSync(p, readFileSync(p, 'utf8').replace('id: discount-approval', `id: ${id}`).replaceAll('OBJ-SAL-DISCOUNT-15', objective));
  }
  writeFileSync(path.join(to, 'job-aid.md'), text);
}

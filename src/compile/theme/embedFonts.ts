/**
 * @font-face rules with the fonts inlined as data URLs, so a job aid and a lesson look the same on
 * every machine, in every PDF, and offline. A bundled font comes from its npm package (@fontsource),
 * and only the subsets (latin, latin-ext, cyrillic, greek, vietnamese) whose characters the text
 * uses are embedded: an English job aid carries about 45 KB of font, not the 1 MB of every subset.
 * A brand font file of the course is embedded whole, as one face for every weight.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUNDLED_FONTS, DEFAULT_BRAND, type BrandFont, type BundledFontName } from '../../course/model/brand.js';

/** The family name a brand font file is declared under (its own name inside the file does not matter). */
export const BRAND_FILE_FAMILY = 'Tandem Brand';
/** Behind the brand font: what the browser uses for characters the embedded subsets lack. */
export const FALLBACK_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export interface FontFace {
  weight: 400 | 600 | 700;
  style: 'normal' | 'italic';
}

const require = createRequire(import.meta.url);
const packageDir = (name: BundledFontName) => path.dirname(require.resolve(`${BUNDLED_FONTS[name].package}/package.json`));

/** The CSS font-family value of `font`, with fallbacks. */
export function fontFamily(font: BrandFont): string {
  return `'${font.kind === 'bundled' ? font.name : BRAND_FILE_FAMILY}', ${FALLBACK_FONTS}`;
}

/** Subset name → unicode-range, as published by each package (unicode.json). */
const subsets = new Map<BundledFontName, Promise<Record<string, string>>>();
function loadSubsets(name: BundledFontName): Promise<Record<string, string>> {
  let loaded = subsets.get(name);
  if (!loaded) {
    loaded = readFile(path.join(packageDir(name), 'unicode.json'), 'utf8').then((text) => JSON.parse(text) as Record<string, string>);
    subsets.set(name, loaded);
  }
  return loaded;
}

/** The subsets needed to show `text`; latin is always included (digits, punctuation, the UI's own words). A font file has one: 'all'. */
export async function subsetsFor(text: string, font: BrandFont = DEFAULT_BRAND.font): Promise<string[]> {
  if (font.kind === 'file') return ['all'];
  const ranges = await parsedSubsets(font.name);
  // ASCII is in latin, which is always embedded: only the other characters can add a subset.
  const codePoints = new Set<number>();
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp > 0x7f) codePoints.add(cp);
  }
  return [...ranges]
    .filter(([name, spans]) => name === 'latin' || [...codePoints].some((cp) => spans.some(([low, high]) => cp >= low && cp <= high)))
    .map(([name]) => name);
}

/** unicode.json's ranges as numbers, parsed once: subsetsFor runs for every job aid of a build. */
const parsed = new Map<BundledFontName, Promise<Map<string, [number, number][]>>>();
function parsedSubsets(name: BundledFontName): Promise<Map<string, [number, number][]>> {
  let ranges = parsed.get(name);
  if (!ranges) {
    ranges = loadSubsets(name).then(
      (all) =>
        new Map(
          Object.entries(all).map(([subset, range]) => [
            subset,
            range.split(',').map((part): [number, number] => {
              const [start, end] = part.trim().replace(/^U\+/i, '').split('-');
              const low = parseInt(start!, 16);
              return [low, end === undefined ? low : parseInt(end, 16)];
            }),
          ]),
        ),
    );
    parsed.set(name, ranges);
  }
  return ranges;
}

/** `@font-face` CSS for `faces` of `font` in `subsets` (see subsetsFor). */
export async function fontFaceCss(subsetNames: readonly string[], faces: readonly FontFace[], font: BrandFont = DEFAULT_BRAND.font): Promise<string> {
  if (font.kind === 'file') {
    const data = (await readFile(font.file)).toString('base64');
    const mime = { woff2: 'font/woff2', woff: 'font/woff', truetype: 'font/ttf', opentype: 'font/otf' }[font.format];
    return `@font-face{font-family:'${BRAND_FILE_FAMILY}';font-style:normal;font-weight:100 900;font-display:block;src:url(data:${mime};base64,${data}) format('${font.format}');}`;
  }
  const all = await loadSubsets(font.name);
  const rules: string[] = [];
  for (const subset of subsetNames) {
    for (const face of faces) {
      const file = path.join(packageDir(font.name), 'files', `${BUNDLED_FONTS[font.name].file}-${subset}-${face.weight}-${face.style}.woff2`);
      const data = (await readFile(file)).toString('base64');
      rules.push(
        `@font-face{font-family:'${font.name}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${all[subset]};}`,
      );
    }
  }
  return rules.join('\n');
}

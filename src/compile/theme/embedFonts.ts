/**
 * @font-face rules with the fonts inlined as woff2 data URLs, from the npm font package, so a job
 * aid looks the same on every machine, in every PDF, and offline. Only the subsets (latin,
 * latin-ext, cyrillic, greek, vietnamese) whose characters the text uses are embedded: an English
 * job aid carries about 45 KB of font, not the 1 MB of every subset.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export const FONT_FAMILY = 'Source Sans 3';
const PACKAGE = '@fontsource/source-sans-3';

export interface FontFace {
  weight: 400 | 600 | 700;
  style: 'normal' | 'italic';
}

const packageDir = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));

/** Subset name → unicode-range, as published by the package (unicode.json). */
let subsets: Promise<Record<string, string>> | undefined;
function loadSubsets(): Promise<Record<string, string>> {
  subsets ??= readFile(path.join(packageDir, 'unicode.json'), 'utf8').then((text) => JSON.parse(text) as Record<string, string>);
  return subsets;
}

/** The subsets needed to show `text`; latin is always included (digits, punctuation, the UI's own words). */
export async function subsetsFor(text: string): Promise<string[]> {
  const ranges = await parsedSubsets();
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
let parsed: Promise<Map<string, [number, number][]>> | undefined;
function parsedSubsets(): Promise<Map<string, [number, number][]>> {
  parsed ??= loadSubsets().then(
    (all) =>
      new Map(
        Object.entries(all).map(([name, range]) => [
          name,
          range.split(',').map((part): [number, number] => {
            const [start, end] = part.trim().replace(/^U\+/i, '').split('-');
            const low = parseInt(start!, 16);
            return [low, end === undefined ? low : parseInt(end, 16)];
          }),
        ]),
      ),
  );
  return parsed;
}

/** `@font-face` CSS for `faces` in `subsets` (see subsetsFor). */
export async function fontFaceCss(subsets: readonly string[], faces: readonly FontFace[]): Promise<string> {
  const all = await loadSubsets();
  const rules: string[] = [];
  for (const subset of subsets) {
    for (const face of faces) {
      const file = path.join(packageDir, 'files', `source-sans-3-${subset}-${face.weight}-${face.style}.woff2`);
      const data = (await readFile(file)).toString('base64');
      rules.push(
        `@font-face{font-family:'${FONT_FAMILY}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${all[subset]};}`,
      );
    }
  }
  return rules.join('\n');
}

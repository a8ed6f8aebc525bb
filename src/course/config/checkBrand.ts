/**
 * `brand:` of tandem.config.yaml, past the schema: the logo and a font file must be readable files
 * of the course, a font name must be one Tandem bundles, and every pair of colours the themes
 * show together must meet WCAG 2.1 AA contrast (a diagnostic with the ratio and a shade that
 * passes, never a silently unreadable button). Contrast is computed by colorjs.io.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Color from 'colorjs.io';
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import { diagnoseFileProblem, readFileWithin } from '../load/courseFiles.js';
import type { YamlSource } from '../load/yamlSource.js';
import { BRAND_BACKGROUND, BUNDLED_FONTS, DEFAULT_BRAND, type Brand, type BrandFont, type BundledFontName } from '../model/brand.js';
import { closestName } from '../validate/closestName.js';

/** A logo and a font go into every lesson page and job aid: anything bigger is a mistake. */
export const MAX_BRAND_FILE_BYTES = 2 * 1024 * 1024;

/** `brand:` as written, after the schema (each field has its type or is absent). */
export interface RawBrand {
  name?: string;
  logo?: string;
  primary?: string;
  on_primary?: string;
  accent?: string;
  on_accent?: string;
  font?: string;
}

const FONT_FORMATS: Record<string, Extract<BrandFont, { kind: 'file' }>['format']> = {
  '.woff2': 'woff2',
  '.woff': 'woff',
  '.ttf': 'truetype',
  '.otf': 'opentype',
};

export function checkBrand(raw: RawBrand | undefined, source: YamlSource, root: string): { brand: Brand; diagnostics: Diagnostic[] } {
  if (!raw) return { brand: DEFAULT_BRAND, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const at = (field: keyof RawBrand) => source.locate(['brand', field]);
  const primary = hex(raw.primary) ?? DEFAULT_BRAND.primary;
  const accent = hex(raw.accent) ?? DEFAULT_BRAND.accent;
  const brand: Brand = {
    ...(raw.name ? { name: raw.name } : {}),
    primary,
    onPrimary: hex(raw.on_primary) ?? readableOn(primary),
    accent,
    onAccent: hex(raw.on_accent) ?? readableOn(accent),
    font: DEFAULT_BRAND.font,
  };

  if (raw.logo !== undefined) {
    const logo = courseFile(raw.logo, 'brand.logo', root, at('logo'), diagnostics);
    if (logo) brand.logo = logo;
  }
  if (raw.font !== undefined) {
    const font = brandFont(raw.font, root, at('font'), diagnostics);
    if (font) brand.font = font;
  }

  const pairs: ContrastPair[] = [
    { pair: 'brand.on_primary on brand.primary', fg: brand.onPrimary, bg: primary, needed: 4.5, use: "the text of the lesson's primary buttons", at: at(raw.on_primary ? 'on_primary' : 'primary') },
    { pair: 'brand.primary on the page', fg: primary, bg: BRAND_BACKGROUND, needed: 4.5, use: "the job aid's headings and the links are set in it", at: at('primary') },
    { pair: 'brand.accent on the page', fg: accent, bg: BRAND_BACKGROUND, needed: 3, use: 'step numbers, the progress bar and rules are drawn in it; WCAG 1.4.11 non-text contrast', at: at('accent') },
    { pair: 'brand.on_accent on brand.accent', fg: brand.onAccent, bg: accent, needed: 4.5, use: 'the numbers of the job aid steps', at: at(raw.on_accent ? 'on_accent' : 'accent') },
  ];
  for (const p of pairs) {
    const ratio = contrast(p.fg, p.bg);
    if (ratio >= p.needed) continue;
    diagnostics.push(
      diagnose(
        'BRAND_CONTRAST_LOW',
        { pair: p.pair, foreground: p.fg, background: p.bg, ratio: (Math.floor(ratio * 100) / 100).toFixed(2), needed: String(p.needed), use: p.use, suggestion: shadeThatPasses(p.fg, p.bg, p.needed) ?? '' },
        p.at,
      ),
    );
  }
  return { brand, diagnostics };
}

interface ContrastPair {
  pair: string;
  fg: string;
  bg: string;
  needed: number;
  use: string;
  at: Location;
}

/** `#abc` or `#aabbcc` as lower-case `#aabbcc`. */
function hex(value: string | undefined): string | undefined {
  if (value === undefined || !/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) return undefined;
  return new Color(value).to('srgb').toString({ format: 'hex', collapse: false }).toLowerCase();
}

/** The WCAG 2.1 contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  return new Color(a).contrast(new Color(b), 'WCAG21');
}

/** White or black, whichever reads better on `background`: one of them always reaches 4.5:1. */
export function readableOn(background: string): string {
  return contrast('#ffffff', background) >= contrast('#000000', background) ? '#ffffff' : '#000000';
}

/** The same hue, darkened (or lightened) in OKLCH until it meets `needed` against `background`. */
export function shadeThatPasses(colour: string, background: string, needed: number): string | undefined {
  const start = new Color(colour).to('oklch');
  const darker = contrast('#000000', background) > contrast('#ffffff', background);
  for (let step = 1; step <= 100; step++) {
    const l = start.coords[0]! + (darker ? -step : step) * 0.01;
    if (l < 0 || l > 1) break;
    const candidate = start.clone();
    candidate.coords[0] = l;
    const shade = candidate.toGamut({ space: 'srgb' }).to('srgb').toString({ format: 'hex', collapse: false }).toLowerCase();
    if (contrast(shade, background) >= needed) return shade;
  }
  return undefined;
}

/** A file of the course named in `brand:`, checked like every course file; its absolute path, or undefined with a diagnostic. */
function courseFile(relative: string, field: string, root: string, at: Location, diagnostics: Diagnostic[]): string | undefined {
  const file = path.resolve(root, relative);
  if (!lstatSync(file, { throwIfNoEntry: false })) {
    diagnostics.push(diagnose('BRAND_FILE_MISSING', { field, path: relative, suggestion: similarFile(root, relative) ?? '' }, at));
    return undefined;
  }
  const read = readFileWithin(file, root, MAX_BRAND_FILE_BYTES);
  if (!read.ok) {
    diagnostics.push(diagnoseFileProblem(read.problem, `"${relative}"`, 'the course folder', at));
    return undefined;
  }
  return file;
}

function brandFont(value: string, root: string, at: Location, diagnostics: Diagnostic[]): BrandFont | undefined {
  const names = Object.keys(BUNDLED_FONTS) as BundledFontName[];
  const named = names.find((n) => n.toLowerCase() === value.trim().toLowerCase());
  if (named) return { kind: 'bundled', name: named };
  const format = FONT_FORMATS[path.extname(value).toLowerCase()];
  if (!format) {
    diagnostics.push(diagnose('BRAND_FONT_UNKNOWN', { font: value, known: names.join(', '), suggestion: closestName(value, names) ?? '' }, at));
    return undefined;
  }
  const file = courseFile(value, 'brand.font', root, at, diagnostics);
  return file ? { kind: 'file', file, format } : undefined;
}

/** A file in the same folder with a near name, for "did you mean". */
function similarFile(root: string, relative: string): string | undefined {
  const dir = path.dirname(relative);
  let names: string[];
  try {
    names = readdirSync(path.resolve(root, dir));
  } catch {
    return undefined;
  }
  const near = closestName(path.basename(relative), names);
  return near && (dir === '.' ? near : `${dir}/${near}`);
}

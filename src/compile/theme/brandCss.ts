/**
 * The brand as design tokens: CSS custom properties on :root that every theme stylesheet reads
 * with a fallback (`var(--tandem-primary, #0b57d0)`), written before the theme's own rules:
 *
 *   --tandem-primary, --tandem-on-primary   buttons, headings, links; text on buttons
 *   --tandem-accent, --tandem-on-accent     step numbers, progress, rules; text on them
 *   --tandem-font                           the one font family of lesson and job aid
 *
 * plus the font's @font-face rules (data URLs: packages stay offline and under their CSP) and the
 * logo as a data URL for the templates. The names are a contract: preview and cards use them too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Brand } from '../../course/model/brand.js';
import type { SharedResources } from '../sharedResources.js';
import { fontFaceCss, fontFamily, subsetsFor, type FontFace } from './embedFonts.js';

/** What templates get as `brand`: the name and the logo ready for an <img>. */
export interface BrandView {
  name?: string;
  logo?: { src: string; alt: string };
}

const LOGO_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** `:root { --tandem-…: … }` for `brand`. */
export function brandTokens(brand: Brand): string {
  return (
    `:root{--tandem-primary:${brand.primary};--tandem-on-primary:${brand.onPrimary};` +
    `--tandem-accent:${brand.accent};--tandem-on-accent:${brand.onAccent};--tandem-font:${fontFamily(brand.font)};}`
  );
}

/** @font-face rules for the brand font, the subsets `text` needs; encoded once per build and combination. */
export async function brandFontCss(brand: Brand, text: string, faces: readonly FontFace[], shared: SharedResources): Promise<string> {
  const subsets = await subsetsFor(text, brand.font);
  const font = brand.font.kind === 'bundled' ? brand.font.name : brand.font.file;
  const key = `fonts:${font}:${subsets.join(',')}:${faces.map((f) => `${f.weight}${f.style}`).join(',')}`;
  return shared.get(key, () => fontFaceCss(subsets, faces, brand.font));
}

/** The brand's name and logo for the templates, the logo read once per build. */
export async function brandView(brand: Brand, shared: SharedResources): Promise<BrandView> {
  if (!brand.logo) return brand.name ? { name: brand.name } : {};
  const logo = brand.logo;
  const src = await shared.get(`brand-logo:${logo}`, async () => {
    const type = LOGO_TYPES[path.extname(logo).toLowerCase()] ?? 'application/octet-stream';
    return `data:${type};base64,${(await readFile(logo)).toString('base64')}`;
  });
  return { ...(brand.name ? { name: brand.name } : {}), logo: { src, alt: brand.name ?? 'Logo' } };
}

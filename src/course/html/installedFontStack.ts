/**
 * The brand font for pages and emails that cannot load the course's font files (an email, the
 * nudge answer page): a bundled font by its name, for readers who have it installed, then fonts
 * every reader has. A course font file has no name Tandem can vouch for, so it gets the fallbacks.
 */
import type { Brand } from '../model/brand.js';

/** Fonts every mail client and browser has without downloading anything. */
const FALLBACK_FONTS = "'Segoe UI', Arial, sans-serif";

export function installedFontStack(brand: Brand): string {
  return brand.font.kind === 'bundled' ? `'${brand.font.name}', ${FALLBACK_FONTS}` : FALLBACK_FONTS;
}

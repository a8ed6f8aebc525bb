/**
 * `brand:` in tandem.config.yaml after checks: the colours, logo and font that the lesson player
 * and the job aids share through design tokens (CSS custom properties on :root, see
 * compile/theme/brandCss). A course without `brand:` gets DEFAULT_BRAND, so lesson and job aid
 * always share one font.
 */

/** Open fonts Tandem ships (npm @fontsource packages), by the name authors write in `brand.font`. */
export const BUNDLED_FONTS = {
  'Source Sans 3': { package: '@fontsource/source-sans-3', file: 'source-sans-3' },
  'Atkinson Hyperlegible': { package: '@fontsource/atkinson-hyperlegible', file: 'atkinson-hyperlegible' },
} as const;
export type BundledFontName = keyof typeof BUNDLED_FONTS;

/** A bundled font by name, or a font file of the course (absolute path) embedded as it is. */
export type BrandFont = { kind: 'bundled'; name: BundledFontName } | { kind: 'file'; file: string; format: 'woff2' | 'woff' | 'truetype' | 'opentype' };

export interface Brand {
  /** Shown as the logo's text alternative and in the lesson header. */
  name?: string;
  /** Absolute path of the logo file inside the course folder. */
  logo?: string;
  /** `#rrggbb`, lower case: buttons, headings, links. */
  primary: string;
  /** Text on primary (buttons): chosen for contrast unless `on_primary` is set. */
  onPrimary: string;
  /** `#rrggbb`: step numbers, progress, rules. */
  accent: string;
  /** Text on accent (step numbers). */
  onAccent: string;
  font: BrandFont;
}

/** Tandem's own look: the colours of the default theme and Source Sans 3. */
export const DEFAULT_BRAND: Brand = {
  primary: '#0b57d0',
  onPrimary: '#ffffff',
  accent: '#0b5a6b',
  onAccent: '#ffffff',
  font: { kind: 'bundled', name: 'Source Sans 3' },
};

/** The page background every brand colour is checked against (both themes print on white). */
export const BRAND_BACKGROUND = '#ffffff';

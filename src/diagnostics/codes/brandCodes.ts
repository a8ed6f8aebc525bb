/** Codes of a course's look: `brand:` in tandem.config.yaml, its theme, and job aids that must fit their paper. */
import { entry } from '../catalogueEntry.js';

export const BRAND_CODES = {
  BRAND_CONTRAST_LOW: entry<{ pair: string; foreground: string; background: string; ratio: string; needed: string; use: string; suggestion: string }>({
    severity: 'error',
    summary: 'Two brand colours that are shown together fall short of WCAG AA contrast.',
    message: (p) =>
      `${p.pair}: ${p.foreground} on ${p.background} has a contrast ratio of ${p.ratio}:1; WCAG 2.1 AA needs ${p.needed}:1 (${p.use}).`,
    hint: (p) =>
      (p.suggestion ? `Use ${p.suggestion} instead (same hue, enough contrast), ` : 'Use a darker or lighter shade, ') +
      'or set another colour; check pairs at https://webaim.org/resources/contrastchecker/.',
  }),
  BRAND_FONT_UNKNOWN: entry<{ font: string; known: string; suggestion: string }>({
    severity: 'error',
    summary: '`brand.font` is neither a font Tandem bundles nor a font file of the course.',
    message: (p) => `"${p.font}" is not a font Tandem bundles, nor a path to a font file (.woff2, .woff, .ttf, .otf).`,
    hint: (p) =>
      (p.suggestion ? `Did you mean "${p.suggestion}"? ` : '') +
      `Use one of: ${p.known}; or the path of a font file in the course folder, e.g. brand/fonts/Acme.woff2.`,
  }),
  BRAND_FILE_MISSING: entry<{ field: string; path: string; suggestion: string }>({
    severity: 'error',
    summary: 'The logo or font file named in `brand:` does not exist in the course folder.',
    message: (p) => `\`${p.field}\` names "${p.path}", which does not exist in the course folder.`,
    hint: (p) =>
      (p.suggestion ? `Did you mean "${p.suggestion}"? ` : '') + 'Paths in `brand:` are relative to the folder of tandem.config.yaml.',
  }),
  THEME_NOT_FOUND: entry<{ theme: string; known: string; suggestion: string }>({
    severity: 'error',
    summary: '`theme:` names a theme that is neither in the course\'s themes/ folder nor one of Tandem\'s.',
    message: (p) => `There is no theme "${p.theme}": no folder themes/${p.theme}/ in the course, and Tandem has no theme of that name.`,
    hint: (p) =>
      (p.suggestion ? `Did you mean "${p.suggestion}"? ` : '') +
      `Themes available: ${p.known}. Or create themes/${p.theme}/ in the course with the files you want to change; it extends the default theme.`,
  }),
  JOB_AID_TOO_LONG: entry<{ paper: string; pages: number; floor: string; cut: string }>({
    severity: 'warning',
    summary: 'A job aid does not fit its paper (one page, or one two-sided pocket card) even at the smallest type size.',
    message: (p) =>
      `The job aid does not fit on ${p.paper === 'pocket card (A6)' ? 'one two-sided pocket card' : `one ${p.paper} page`} even with its type at ${p.floor}; it prints on ${p.pages} pages.`,
    hint: (p) => `Cut it down: ${p.cut}. A job aid is for the work itself; explanations belong in the lesson.`,
  }),
} as const;

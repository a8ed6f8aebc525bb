/** Theme lookup order and font embedding. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Course } from '../../src/course/model/course.js';
import { fontFaceCss, subsetsFor } from '../../src/compile/theme/embedFonts.js';
import { resolveThemeFile, TANDEM_THEMES_DIR } from '../../src/compile/theme/resolveThemeFile.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-theme-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const courseWith = (theme: string) => ({ root, config: { theme } }) as unknown as Course;

describe('resolveThemeFile', () => {
  it("prefers the course's own theme file, then Tandem's theme, then Tandem's default", () => {
    mkdirSync(path.join(root, 'themes', 'acme'), { recursive: true });
    writeFileSync(path.join(root, 'themes', 'acme', 'job-aid.css'), 'body{}');
    expect(resolveThemeFile(courseWith('acme'), 'job-aid.css')).toBe(path.join(root, 'themes', 'acme', 'job-aid.css'));
    expect(resolveThemeFile(courseWith('acme'), 'job-aid.hbs')).toBe(path.join(TANDEM_THEMES_DIR, 'default', 'job-aid.hbs'));
    expect(resolveThemeFile(courseWith('default'), 'job-aid.css')).toBe(path.join(TANDEM_THEMES_DIR, 'default', 'job-aid.css'));
  });

  it('throws, naming where it looked, when even the default theme lacks the file (a broken install)', () => {
    expect(() => resolveThemeFile(courseWith('acme'), 'nothing.hbs')).toThrow(/nothing\.hbs is missing; looked in/);
  });
});

describe('embedded fonts', () => {
  it('embeds only the subsets the text needs, latin always', async () => {
    expect(await subsetsFor('Approve refunds over $500 – café')).toEqual(['latin']);
    expect(await subsetsFor('Возврат свыше 500 €')).toEqual(expect.arrayContaining(['cyrillic', 'latin']));
    expect(await subsetsFor('Zwróć uwagę')).toEqual(expect.arrayContaining(['latin-ext', 'latin']));
  });

  it('writes woff2 data URLs with the subset unicode-range', async () => {
    const css = await fontFaceCss(['latin'], [{ weight: 400, style: 'normal' }, { weight: 700, style: 'normal' }]);
    const faces = css.split('\n');
    expect(faces).toHaveLength(2);
    expect(faces[0]).toMatch(/^@font-face\{font-family:'Source Sans 3';font-style:normal;font-weight:400;.*src:url\(data:font\/woff2;base64,d09GMg/);
    expect(faces[1]).toContain('font-weight:700');
    expect(faces[0]).toContain('unicode-range:U+0000-00FF');
  });
});

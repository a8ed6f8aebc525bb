/** `brand:` in tandem.config.yaml: checked files and font names, and WCAG AA contrast with the ratio and a shade that passes. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast } from '../../src/course/config/checkBrand.js';
import { loadConfig } from '../../src/course/config/loadConfig.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-brand-');

/** A copy of the sample course whose `brand:` block is replaced by `brand` (YAML lines). */
function withBrand(brand: string): string {
  const dir = courseCopy();
  const file = path.join(dir, 'tandem.config.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^brand:\n( {2}.*\n)+/m, `brand:\n${brand}`));
  return dir;
}

const lineOf = (dir: string, text: string) => readFileSync(path.join(dir, 'tandem.config.yaml'), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('brand:', () => {
  it("the sample's brand loads: colours, the text colours chosen for contrast, the logo and the font", async () => {
    const loaded = await loadConfig('fixtures/sample-course');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.config!.brand).toEqual({
      name: 'Acme Logistics',
      logo: path.resolve('fixtures/sample-course/brand/acme-logo.svg'),
      primary: '#7a1f5c',
      onPrimary: '#ffffff',
      accent: '#0f766e',
      onAccent: '#ffffff',
      font: { kind: 'bundled', name: 'Source Sans 3' },
    });
  });

  it('a light primary is BRAND_CONTRAST_LOW at its line, with the ratio, what it is used for and a darker shade that passes', async () => {
    const dir = withBrand('  primary: "#ffcc00"\n  accent: "#0f766e"\n');
    const { diagnostics, config } = await loadConfig(dir);
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['BRAND_CONTRAST_LOW', lineOf(dir, '#ffcc00')]]);
    const [d] = diagnostics;
    expect(d!.message).toBe("brand.primary on the page: #ffcc00 on #ffffff has a contrast ratio of 1.51:1; WCAG 2.1 AA needs 4.5:1 (the job aid's headings and the links are set in it).");
    const suggested = /Use (#[0-9a-f]{6}) instead/.exec(d!.hint)?.[1];
    expect(suggested).toBeDefined();
    expect(contrast(suggested!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // The same hue, only darker: not some unrelated colour that happens to pass.
    expect(suggested).not.toBe('#000000');
  });

  it('an on_primary that does not read on primary is reported at on_primary; a pale accent needs 3:1 (non-text contrast)', async () => {
    const dir = withBrand('  primary: "#7a1f5c"\n  on_primary: "#8a4070"\n  accent: "#a7f3d0"\n');
    const { diagnostics } = await loadConfig(dir);
    expect(diagnostics.map((d) => [d.code, d.line, /^[^:]+/.exec(d.message)![0]])).toEqual([
      ['BRAND_CONTRAST_LOW', lineOf(dir, 'on_primary'), 'brand.on_primary on brand.primary'],
      ['BRAND_CONTRAST_LOW', lineOf(dir, 'accent'), 'brand.accent on the page'],
    ]);
    expect(diagnostics[1]!.message).toContain('WCAG 2.1 AA needs 3:1');
  });

  it('an unknown font name is BRAND_FONT_UNKNOWN with the closest bundled font; a missing logo or font file is BRAND_FILE_MISSING', async () => {
    const dir = withBrand('  primary: "#7a1f5c"\n  font: Atkinson Hyperlegable\n  logo: brand/acme-logo.png\n');
    const { diagnostics } = await loadConfig(dir);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['BRAND_FILE_MISSING', lineOf(dir, 'logo:')],
      ['BRAND_FONT_UNKNOWN', lineOf(dir, 'font:')],
    ]);
    expect(diagnostics[0]!.hint).toContain('Did you mean "brand/acme-logo.svg"?');
    expect(diagnostics[1]!.hint).toContain('Did you mean "Atkinson Hyperlegible"?');

    const fontFile = withBrand('  font: brand/fonts/Acme.woff2\n');
    expect((await loadConfig(fontFile)).diagnostics.map((d) => d.code)).toEqual(['BRAND_FILE_MISSING']);
    mkdirSync(path.join(fontFile, 'brand', 'fonts'), { recursive: true });
    writeFileSync(path.join(fontFile, 'brand', 'fonts', 'Acme.woff2'), readFileSync('node_modules/@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff2'));
    const loaded = await loadConfig(fontFile);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.config!.brand.font).toEqual({ kind: 'file', file: path.join(fontFile, 'brand', 'fonts', 'Acme.woff2'), format: 'woff2' });
  });

  it('a colour that is not a CSS hex colour, or a logo that is not an image, is a schema error at its line', async () => {
    const dir = withBrand('  primary: navy\n  logo: brand/logo.pdf\n');
    const diagnostics = (await loadConfig(dir)).diagnostics.sort((a, b) => a.line! - b.line!);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['FIELD_VALUE', lineOf(dir, 'primary:')],
      ['FIELD_VALUE', lineOf(dir, 'logo:')],
    ]);
    expect(diagnostics[0]!.hint).toContain('a CSS hex colour such as #0b57d0');
  });
});

/** The README documents every diagnostic code, so authors can look any of them up. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/diagnostics/catalogue.js';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');
  it('lists every diagnostic code with its severity and summary', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(readme).toContain(`| \`${code}\` | ${entry.severity} | ${entry.summary} |`);
    }
  });
  it('lists no code that does not exist', () => {
    const listed = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed.filter((code) => !(code! in CATALOGUE))).toEqual([]);
  });
});

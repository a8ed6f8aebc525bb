/** The fast approvals reader agrees with the YAML parser, and leaves anything unusual to it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readCanonicalApprovals } from '../../src/release/signoff/canonicalApprovals.js';

const DIR = 'fixtures/sample-course/approvals';

describe('readCanonicalApprovals', () => {
  it('reads every file tandem approve wrote for the sample exactly as YAML does, with the line of each role', () => {
    for (const name of readdirSync(DIR)) {
      const text = readFileSync(path.join(DIR, name), 'utf8');
      const fast = readCanonicalApprovals(text, name, name.slice(0, -5));
      expect(fast, name).toBeDefined();
      expect(fast!.data).toEqual(parse(text));
      const line = text.split('\n').indexOf('  ops_manager:') + 1;
      expect(fast!.locate(['approvals', 'ops_manager'], { key: true })).toMatchObject({ line, column: 3 });
    }
  });

  it('leaves to the YAML parser what it does not read the same way: quotes, numbers, booleans, comments, flow style, tabs, duplicates', () => {
    const base = readFileSync(path.join(DIR, 'refund-approval.yaml'), 'utf8');
    for (const edit of [
      (t: string) => t.replace('by: Priya Nair', 'by: "Priya Nair"'),
      (t: string) => t.replace('version: 1.2.0', 'version: 1.2'),
      (t: string) => t.replace('by: Priya Nair', 'by: true'),
      (t: string) => t.replace('by: Priya Nair', 'by: Priya Nair # SME'),
      (t: string) => t.replace('by: Priya Nair', 'by: Priya Nair '),
      (t: string) => t.replace(/parts:\n( {6}.*\n)+/, 'parts: {}\n'),
      (t: string) => t.replace('    by: Priya Nair', '\tby: Priya Nair'),
      (t: string) => t.replace('    by: Priya Nair', '    by: Priya Nair\n    by: Someone'),
      (t: string) => t.replace(/hash: [0-9a-f]{64}/, `hash: ${'1'.repeat(64)}`),
    ]) {
      const text = edit(base);
      expect(text).not.toBe(base);
      expect(readCanonicalApprovals(text, 'f', 'refund-approval')).toBeUndefined();
    }
  });
});

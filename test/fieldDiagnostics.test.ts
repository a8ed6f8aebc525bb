/**
 * Issue 11, author diagnostics: what the wording of a diagnostic tells the author to do. The
 * fixture tests pin codes and positions; these pin the words a new author acts on.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/course/check.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';

const fixture = (name: string) => path.resolve('fixtures/invalid', name);
const diagnosticsOf = async (name: string): Promise<Diagnostic[]> => (await check(fixture(name))).diagnostics;

describe('author diagnostics say what to do', () => {
  it('JOB_AID_OBJECTIVE_MISMATCH never tells the author to copy an invalid objective id', async () => {
    const mismatches = (await diagnosticsOf('objective-mismatch-unsafe-id')).filter((d) => d.code === 'JOB_AID_OBJECTIVE_MISMATCH');
    expect(mismatches).toHaveLength(2);
    for (const d of mismatches) {
      expect(d.hint).not.toContain('objective: OBJ SUP CALLBACK LOG');
      expect(d.hint).toContain('OBJECTIVE_ID_UNSAFE');
      expect(d.hint).toContain('`OBJ-SUP-CALLBACK-LOG`');
    }
  });

  it('a misspelt field name is one FIELD_UNKNOWN that names the field it was meant to be', async () => {
    const found = await diagnosticsOf('field-name-typo');
    expect(found.map((d) => d.code)).toEqual(['FIELD_UNKNOWN']);
    expect(found[0]!.hint).toMatch(/^Did you mean `statement`\?/);
  });

  it('`version: 1.0` is quoted back as written, and the hint gives a version the schema accepts', async () => {
    const [d] = await diagnosticsOf('version-number');
    expect(d!.message).toBe('`version` must be text, not the number 1.0.');
    expect(d!.hint).toBe('Write it as `version: 1.0.0`.');
  });
});

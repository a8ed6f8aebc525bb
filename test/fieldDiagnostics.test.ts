/**
 * Issue 11, author diagnostics: what the wording of a diagnostic tells the author to do. The
 * fixture tests pin codes and positions; these pin the words a new author acts on.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/course/check.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { parseYamlSource } from '../src/course/load/yamlSource.js';
import { findPlaceholders } from '../src/course/validate/findPlaceholders.js';

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

  it('misnamed unit files get a "did you mean" with the rename, and Lesson.md is called out as a Linux-only failure', async () => {
    const found = await diagnosticsOf('misnamed-unit-files');
    const hints = Object.fromEntries(found.map((d) => [path.basename(d.file!), d.hint]));
    expect(hints['job_aid.md']).toMatch(/^Did you mean job-aid\.md\? Rename it: `git mv job_aid\.md job-aid\.md`\.$/);
    expect(hints['unit.yml']).toMatch(/^Did you mean unit\.yaml\?/);
    expect(hints['Lesson.md']).toMatch(/case-sensitive on Linux/);
    expect((await check(fixture('misnamed-unit-files'))).course?.units).toHaveLength(1);
  });

  it('ASSET_MISSING names the similarly named file next to it', async () => {
    const [d] = await diagnosticsOf('asset-similar-name');
    expect(d!.hint).toMatch(/^Did you mean "assets\/followup-form\.svg"\?/);
  });

  it('a job-aid section called "Before you start" gets the suggestion to rename it to "When to use"', async () => {
    const d = (await diagnosticsOf('job-aid-section-lookalike')).find((x) => x.code === 'JOB_AID_SECTION_UNKNOWN');
    expect(d!.hint).toMatch(/^Did you mean "When to use"\? Rename it to `## When to use`/);
  });

  it('PLACEHOLDER_LEFT names the field and its line; example.com and its subdomains count, .example names do not', () => {
    const source = parseYamlSource(
      'owners:\n  sme: Replace with the SME\'s name\nbase_iri: https://learning.example.com/x\nrelay: https://relay.acme.example/s\nmail: ops@example.org\n',
      { file: 'unit.yaml' },
    );
    expect(findPlaceholders(source).map((d) => `${d.message} ${d.line}`)).toEqual([
      "`owners.sme` still holds placeholder text from `tandem init` or `tandem new`. 2",
      '`base_iri` still holds an example.com address from `tandem init` or `tandem new`. 3',
      '`mail` still holds an example.com address from `tandem init` or `tandem new`. 5',
    ]);
    // A document that is only a sentence is a FIELD_TYPE problem, not a placeholder in a field.
    expect(findPlaceholders(parseYamlSource('Replace with a unit\n', { file: 'unit.yaml' }))).toEqual([]);
  });

  it('COURSE_NOT_FOUND names a misnamed tandem.config.yml', async () => {
    const [d] = await diagnosticsOf('config-misnamed');
    expect(d!.hint).toMatch(/^Did you mean tandem\.config\.yml\? Rename it to tandem\.config\.yaml/);
  });
});

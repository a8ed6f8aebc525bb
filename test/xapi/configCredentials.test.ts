/**
 * `tandem build` refuses a tandem.config.yaml that would carry a credential into packages
 * (CONFIG_CREDENTIAL), points at the field, never repeats the secret, and builds nothing (check
 * reports it too); the
 * sample course, with its ordinary URLs, is not flagged.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialIn } from '../../src/course/config/findConfigCredentials.js';
import { build } from '../../src/compile/build.js';
import { check } from '../../src/course/check.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function courseWithConfig(edit: (config: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cred-'));
  temps.push(dir);
  cpSync('fixtures/sample-course', dir, { recursive: true });
  const file = path.join(dir, 'tandem.config.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

/** Lines of the sample config: settings appended to it start on the next line. */
const CONFIG_LINES = readFileSync('fixtures/sample-course/tandem.config.yaml', 'utf8').trimEnd().split('\n').length;

describe('credentials in tandem.config.yaml', () => {
  const cases: [string, (c: string) => string, number, string][] = [
    ['a relay URL with a token', (c) => `${c}job_aids:\n  relay_url: https://relay.acme.example/statements?token=s3cr3t-value\n`, CONFIG_LINES + 2, 'job_aids.relay_url'],
    ['a base IRI with user and password', (c) => c.replace('base_iri: https://learn.acme.example/xapi', 'base_iri: https://lrsuser:s3cr3t-value@learn.acme.example/xapi'), 4, 'base_iri'],
    ['a field named like a secret', (c) => `${c}lrs_password: s3cr3t-value\n`, CONFIG_LINES + 1, 'lrs_password'],
  ];
  for (const [name, edit, line, field] of cases) {
    it(`refuses ${name}: CONFIG_CREDENTIAL at the field, nothing built, the secret not repeated`, async () => {
      const dir = courseWithConfig(edit);
      const sink = new MemorySink();
      const result = await build({ courseDir: dir, targets: ['xapi', 'cmi5'], sink });
      const found = result.diagnostics.filter((d) => d.code === 'CONFIG_CREDENTIAL');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'tandem.config.yaml'), line });
      expect(found[0]!.message).toContain(`\`${field}\``);
      expect(JSON.stringify(result.diagnostics)).not.toContain('s3cr3t-value');
      expect(sink.files.size).toBe(0);
      // `tandem check` says so too, before anyone tries to build.
      const checked = await check(dir);
      expect(checked.diagnostics.filter((d) => d.code === 'CONFIG_CREDENTIAL')).toMatchObject([{ line }]);
    });
  }

  it('builds the sample course, whose URLs hold no credential', async () => {
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['xapi'], sink });
    expect(result.diagnostics.filter((d) => d.code === 'CONFIG_CREDENTIAL')).toEqual([]);
    expect(sink.files.size).toBeGreaterThan(0);
  });

  it('tells credentials from ordinary values', () => {
    expect(credentialIn(['job_aid_url'], 'https://aids.acme.example/frontline?lang=en')).toBeUndefined();
    expect(credentialIn(['title'], 'Basic safety')).toBeUndefined();
    expect(credentialIn(['x'], 'Basic dXNlcjpwYXNzd29yZA==')).toBe('an Authorization header value');
    expect(credentialIn(['x'], 'https://relay.example/s#access_token=abc')).toBe('a "access_token" parameter in the URL');
    expect(credentialIn(['x'], 'https://relay.example/s?api_key=abc')).toBe('a "api_key" parameter in the URL');
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTandem } from './support/cli.js';
import { useTempDirs } from './support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-cli-');

describe('tandem check', () => {
  it('exits 0 on the sample course and says so', async () => {
    const r = await runTandem(['check', 'fixtures/sample-course']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No problems found.\n');
    expect(r.stderr).toMatch(/Checked 4 units and 2 path\(s\)/);
  });

  it('exits 1 with a code frame, the code and the hint for an invalid course', async () => {
    const r = await runTandem(['check', 'fixtures/invalid/wrong-type']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fixtures/invalid/wrong-type/units/first-unit/unit.yaml:8:11 error FIELD_TYPE');
    expect(r.stdout).toContain('`request.impact` must be a whole number, not text "high".');
    expect(r.stdout).toMatch(/>\s+8 \|\s+impact: high/);
    expect(r.stdout).toMatch(/\|\s+\^{4}\n/);
    expect(r.stdout).toContain('→ Write `request.impact` as a whole number.');
    expect(r.stdout).toContain('1 error, 0 warnings.');
  });

  it('treats warnings as success unless --strict', async () => {
    expect((await runTandem(['check', 'fixtures/invalid/learning-only-metric'])).code).toBe(0);
    expect((await runTandem(['check', 'fixtures/invalid/learning-only-metric', '--strict'])).code).toBe(1);
  });

  it('prints JSON with relative paths', async () => {
    const r = await runTandem(['check', 'fixtures/invalid/owner-missing', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({
      code: 'OWNER_MISSING',
      severity: 'error',
      file: 'fixtures/invalid/owner-missing/units/first-unit/unit.yaml',
      line: 21,
      column: 1,
      unitId: 'first-unit',
    });
  });

  it('prints GitHub workflow annotations', async () => {
    const r = await runTandem(['check', 'fixtures/invalid/path-unknown-unit', '--format', 'github']);
    expect(r.stdout).toMatch(/^::error file=fixtures\/invalid\/path-unknown-unit\/paths\/onboarding\.yaml,line=5,col=5,.*title=PATH_UNKNOWN_UNIT::The path names unit "frist-unit"/m);
    expect(r.stdout).toContain('Did you mean "first-unit"?');
  });

  it('exits 2 when there is no course, or on usage errors', async () => {
    expect((await runTandem(['check', 'fixtures/invalid/no-config'])).code).toBe(2);
    expect((await runTandem(['check', '--format', 'xml'])).code).toBe(2);
    expect((await runTandem(['check', '--bogus'])).code).toBe(2);
    expect((await runTandem(['frobnicate'])).code).toBe(2);
  });
});

describe('tandem init', () => {
  it('creates a course whose only findings are the placeholders to replace, and refuses to overwrite it', async () => {
    const dir = path.join(tempDir(), 'x');
    const init = await runTandem(['init', dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('units/first-unit/unit.yaml');
    const checked = await runTandem(['check', dir, '--format', 'json']);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.stdout) as { errors: number; diagnostics: { code: string; severity: string; message: string }[] };
    expect(report.errors).toBe(0);
    // Issue 11: owner names and example.com addresses from `tandem init` no longer pass silently.
    expect(report.diagnostics.map((d) => `${d.code} ${d.severity} ${d.message}`).sort()).toEqual([
      'PLACEHOLDER_LEFT warning `base_iri` still holds an example.com address from `tandem init` or `tandem new`.',
      'PLACEHOLDER_LEFT warning `job_aid_url` still holds an example.com address from `tandem init` or `tandem new`.',
      'PLACEHOLDER_LEFT warning `owners.analyst` still holds placeholder text from `tandem init` or `tandem new`.',
      'PLACEHOLDER_LEFT warning `owners.ld_lead` still holds placeholder text from `tandem init` or `tandem new`.',
      'PLACEHOLDER_LEFT warning `owners.ops_manager` still holds placeholder text from `tandem init` or `tandem new`.',
      'PLACEHOLDER_LEFT warning `owners.sme` still holds placeholder text from `tandem init` or `tandem new`.',
    ]);
    expect((await runTandem(['check', dir, '--strict'])).code).toBe(1);
    const again = await runTandem(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a course');
  });

  it('takes --id and --title, and rejects an invalid id', async () => {
    const dir = path.join(tempDir(), 'Sales Team 2027');
    expect((await runTandem(['init', dir, '--title', 'Sales: "the basics"'])).code).toBe(0);
    const { check } = await import('../src/course/check.js');
    const result = await check(dir);
    expect(result.course?.config).toMatchObject({ id: 'sales-team-2027', title: 'Sales: "the basics"' });
    expect((await runTandem(['init', path.join(tempDir(), 'y'), '--id', 'Bad Id'])).code).toBe(2);
  });
});

describe('help', () => {
  it('lists the commands and each command has its own help', async () => {
    const main = await runTandem(['--help']);
    expect(main.code).toBe(0);
    for (const command of ['check', 'build', 'init']) expect(main.stdout).toContain(`  ${command} `);
    for (const command of ['check', 'build', 'init']) {
      const r = await runTandem([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage\n {2}tandem /);
    }
    expect((await runTandem(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

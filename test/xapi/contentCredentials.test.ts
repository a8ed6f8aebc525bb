/**
 * Issue 10 (medium): credential checks that were bypassed. A URL `new URL` rejects still counts;
 * `?code=`, `X-Amz-Signature`, `sas`, `sig` and `auth_key` are secrets; lesson text, job aids and
 * the course theme are scanned (CONTENT_CREDENTIAL, the unit or every unit is not built); and
 * every built text file is scanned before it is written (ARTIFACT_CREDENTIAL). No diagnostic, code
 * frame included, repeats the secret.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { findTarget } from '../../src/compile/targets/registry.js';
import type { Target } from '../../src/compile/targets/target.js';
import { credentialIn } from '../../src/course/config/findConfigCredentials.js';
import { check } from '../../src/course/check.js';
import { credentialsInText } from '../../src/course/validate/credentialsInText.js';
import { runTandem } from '../support/cli.js';

const SECRET = 'Zx9Qw8Er7Ty6Ui5Op4As3Df2';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function sampleCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-secret-'));
  temps.push(dir);
  cpSync('fixtures/sample-course', dir, { recursive: true });
  return dir;
}
const lineCount = (file: string) => readFileSync(file, 'utf8').split('\n').length;

describe('credentials in tandem.config.yaml: the bypasses', () => {
  const cases: [string, string][] = [
    ['user:pass@ in a URL new URL rejects (port out of range)', `https://lrsuser:${SECRET}@lrs.acme.example:99999/xapi`],
    ['user:pass@ with a space in the host', `https://lrsuser:${SECRET}@lrs acme.example/xapi`],
    ['?code=', `https://relay.acme.example/statements?code=${SECRET}`],
    ['X-Amz-Signature', `https://bucket.s3.amazonaws.com/relay?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${SECRET}`],
    ['sas', `https://relay.acme.example/s?sas=${SECRET}`],
    ['sig (Azure SAS)', `https://acme.blob.core.windows.net/relay?sv=2022-11-02&sig=${SECRET}`],
    ['auth_key', `https://relay.acme.example/s?auth_key=${SECRET}`],
    ['a token in a URL new URL rejects', `https://relay.acme.example:99999/s?token=${SECRET}`],
  ];
  for (const [name, url] of cases) {
    it(`flags ${name}`, () => {
      expect(credentialIn(['job_aids', 'relay_url'], url)).toMatch(/user name or password|parameter in the URL/);
    });
  }

  it('flags it in a real config: nothing is built', async () => {
    const dir = sampleCopy();
    appendFileSync(path.join(dir, 'tandem.config.yaml'), `job_aids:\n  relay_url: https://relay.acme.example/statements?X-Amz-Signature=${SECRET}\n`);
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['job-aid-html'], sink });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['CONFIG_CREDENTIAL']);
    expect(sink.files.size).toBe(0);
  });

  it('leaves ordinary URLs alone', () => {
    expect(credentialIn(['job_aid_url'], 'https://aids.acme.example/frontline')).toBeUndefined();
    expect(credentialIn(['job_aids', 'relay_url'], 'https://relay.acme.example/statements?course=acme&lang=en')).toBeUndefined();
  });
});

describe('credentials in lesson text, job aids and themes', () => {
  it('a signed URL in a lesson: CONTENT_CREDENTIAL at the secret, that unit not built, the secret never printed', async () => {
    const dir = sampleCopy();
    const lesson = path.join(dir, 'units/refund-approval/lesson.md');
    const line = lineCount(lesson) + 1;
    appendFileSync(lesson, `\nDownload the [matrix](https://bucket.s3.amazonaws.com/m.pdf?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=${SECRET}).\n`);
    const credentialColumn = `Download the [matrix](https://bucket.s3.amazonaws.com/m.pdf?X-Amz-Credential=`.length + 1;
    const column = `Download the [matrix](https://bucket.s3.amazonaws.com/m.pdf?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=`.length + 1;

    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['scorm12', 'job-aid-html'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${path.relative(dir, d.file!)}:${d.line}:${d.column}`)).toEqual([
      `CONTENT_CREDENTIAL units/refund-approval/lesson.md:${line}:${credentialColumn}`,
      `CONTENT_CREDENTIAL units/refund-approval/lesson.md:${line}:${column}`,
      'PATH_NOT_BUILT paths/support-onboarding.yaml:1:1',
    ]);
    expect(result.skippedUnits).toEqual(['refund-approval']);
    expect([...sink.files.keys()].filter((p) => p.includes('refund-approval'))).toEqual([]);
    expect([...sink.files.keys()]).toContain('scorm12/lockout-tagout.zip');

    for (const format of ['human', 'json', 'github']) {
      const { code, stdout, stderr } = await runTandem(['check', dir, '--format', format]);
      expect(code).toBe(1);
      expect(stdout).toContain('CONTENT_CREDENTIAL');
      expect(stdout + stderr).not.toContain(SECRET);
    }
  });

  it('a token in a job aid and a key in the course theme', async () => {
    const dir = sampleCopy();
    const jobAid = path.join(dir, 'units/lockout-tagout/job-aid.md');
    const jobAidLine = lineCount(jobAid) + 1;
    appendFileSync(jobAid, `\nCall the API with \`Authorization: Bearer ${SECRET}9\`.\n`);
    const themeDir = path.join(dir, 'themes/default');
    mkdirSync(themeDir, { recursive: true });
    writeFileSync(path.join(themeDir, 'job-aid.css'), readFileSync('themes/default/job-aid.css', 'utf8') + '\n/* deploy key AKIAIOSFODNN7EXAMPLE */\n');
    const themeLine = lineCount(path.join(themeDir, 'job-aid.css')) - 1;

    const result = await check(dir);
    expect(result.diagnostics.map((d) => `${d.code} ${path.relative(dir, d.file!)}:${d.line}`).sort()).toEqual(
      [`CONTENT_CREDENTIAL themes/default/job-aid.css:${themeLine}`, `CONTENT_CREDENTIAL units/lockout-tagout/job-aid.md:${jobAidLine}`].sort(),
    );
    // A secret in the theme would be in every package: no unit is built.
    expect([...result.failedUnits].sort()).toEqual(['customer-data-handling', 'discount-approval', 'lockout-tagout', 'refund-approval']);
    const { code, stdout } = await runTandem(['check', dir]);
    expect(code).toBe(1);
    expect(stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('built text artifacts are scanned before they are written', () => {
  it('a generated value that looks like a key fails that job with ARTIFACT_CREDENTIAL; nothing of it is written', async () => {
    const real = findTarget('xapi')!;
    const leaky: Target = {
      ...real,
      async build(job, ctx) {
        if (job.subject.kind !== 'unit' || job.subject.unit.id !== 'discount-approval') return real.build(job, ctx);
        // As if a template or a config value had put a key into the package.
        const unit = { ...job.subject.unit, contract: { ...job.subject.unit.contract, title: `Discounts ghp_${'a1B2c3D4e5'.repeat(4)}` } };
        return real.build({ ...job, subject: { kind: 'unit', unit } }, ctx);
      },
    };
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['xapi'], sink, availableTargets: [leaky] });
    const leaks = result.diagnostics.filter((d) => d.code === 'ARTIFACT_CREDENTIAL');
    expect(leaks.length).toBeGreaterThanOrEqual(1);
    expect(leaks[0]!.message).toContain('xapi/discount-approval.zip:');
    expect(leaks[0]!.message).toContain('a GitHub token');
    expect(leaks[0]!.file).toBe(path.resolve('fixtures/sample-course/units/discount-approval/unit.yaml'));
    expect(JSON.stringify(result.diagnostics)).not.toContain('a1B2c3D4e5');
    expect(sink.files.has('xapi/discount-approval.zip')).toBe(false);
    expect(sink.files.has('xapi/refund-approval.zip')).toBe(true);
  });

  it('the sample course builds with no false alarm from the runtime, fonts or pages', async () => {
    const sink = new MemorySink();
    const result = await build({ courseDir: 'fixtures/sample-course', targets: ['scorm12', 'xapi', 'cmi5', 'job-aid-html'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('tells secrets from ordinary text', () => {
    const ordinary = [
      'Basic internationalization is covered in lesson two.',
      'See https://docs.acme.example/guide?page=2&lang=en#setup for the steps.',
      'Use the code from the box: ABC-123.',
      'ssh://git@github.com/acme/repo.git',
    ];
    for (const text of ordinary) expect(credentialsInText(text), text).toEqual([]);
    expect(credentialsInText(`-----BEGIN OPENSSH PRIVATE KEY-----`)).toMatchObject([{ reason: 'a private key' }]);
    expect(credentialsInText(`curl -u x https://user:${SECRET}@host/`)).toMatchObject([{ reason: 'a user name and password in a URL', length: SECRET.length }]);
  });
});

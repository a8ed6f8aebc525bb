/** `tandem serve` refuses to start, with a code and exit 2, when its settings cannot work. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';

function course(extra = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-serve-cmd-'));
  cpSync('fixtures/sample-course', dir, { recursive: true });
  writeFileSync(path.join(dir, 'tandem.config.yaml'), readFileSync(path.join(dir, 'tandem.config.yaml'), 'utf8') + extra);
  return dir;
}

function release(courseId: string, targets: string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-serve-rel-'));
  mkdirSync(path.join(dir, 'job-aids'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ course: { id: courseId, title: 'x' }, targets, units: [], paths: [] }));
  return dir;
}

describe('tandem serve: refusing to start', () => {
  it('needs --release', async () => {
    const result = await runTandem(['serve', course()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--release');
  });

  it('names a release folder without a manifest, and a release of another course', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tandem-serve-none-'));
    const missing = await runTandem(['serve', course(), '--release', empty]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SERVE_RELEASE_NOT_FOUND');
    const other = await runTandem(['serve', course(), '--release', release('someone-else')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('SERVE_RELEASE_MISMATCH');
  });

  it('refuses an identity header without a server secret, and an LRS URL with credentials in it', async () => {
    const noSecret = await runTandem(['serve', course('serve:\n  identity_header: X-Auth-Request-Email\n'), '--release', release('acme-frontline')]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('SERVE_SECRET_MISSING');
    // The config check already refuses user info in any URL of tandem.config.yaml.
    const inUrl = await runTandem(['serve', course('serve:\n  lrs_endpoint: https://key:secret@lrs.example.com/xapi/\n'), '--release', release('acme-frontline')]);
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toContain('CONFIG_CREDENTIAL');
    expect(inUrl.stderr).not.toContain('key:secret');
  });

  it('refuses a release whose SCORM packages report xAPI (scorm12.report_xapi) without a secret to hash their learners with', async () => {
    const reporting = course('job_aids:\n  relay_url: https://learn.acme.example/statements\nscorm12:\n  report_xapi: true\nserve:\n  lesson_origins: [https://lms.acme.example]\n');
    const noSecret = await runTandem(['serve', reporting, '--release', release('acme-frontline', ['scorm12'])]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('SCORM_XAPI_SECRET_MISSING');
  });

  it('rejects a bad --port and lists serve in the help', async () => {
    const bad = await runTandem(['serve', course(), '--release', release('acme-frontline'), '--port', 'http']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port');
    expect((await runTandem(['--help'])).stdout).toContain('serve [course-dir]');
    expect((await runTandem(['help', 'serve'])).stdout).toContain('TANDEM_LRS_AUTH');
  });
});

describe('tandem serve: what stops it at start, each with its code', () => {
  it('a port already in use: SERVE_LISTEN_FAILED, exit 2', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const result = await runTandem(['serve', course(), '--release', release('acme-frontline'), '--host', '127.0.0.1', '--port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('SERVE_LISTEN_FAILED');
      expect(result.stderr).toContain(`127.0.0.1:${port}`);
    } finally {
      busy.close();
    }
  });

  it('a journal another live process holds: SERVE_JOURNAL_LOCKED, exit 2', async () => {
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-serve-journal-'));
    // pid 1 is always alive; a lock held by it is not stale.
    writeFileSync(path.join(journal, 'journal.lock'), '1\n');
    const result = await runTandem(['serve', course(), '--release', release('acme-frontline'), '--port', '0', '--journal', journal]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SERVE_JOURNAL_LOCKED');
  });

  it('a relay path that is one of the server’s own: SERVE_SETTING_INVALID, exit 2', async () => {
    const config = 'job_aids:\n  relay_url: https://aids.acme.example/healthz\n';
    const dir = course();
    const file = path.join(dir, 'tandem.config.yaml');
    // Replace the sample's own job_aids block with one whose relay is /healthz.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^job_aids:\n(?: {2}.*\n)*/m, '') + config);
    const result = await runTandem(['serve', dir, '--release', release('acme-frontline'), '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SERVE_SETTING_INVALID');
    expect(result.stderr).toContain('job_aids.relay_url');
  });
});

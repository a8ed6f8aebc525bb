/**
 * `tandem preview` as a process: the password gate (and the password never in its output), the
 * refusal to listen beyond loopback without one, and the reasons it does not start.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startPreviewProcess, type PreviewProcess } from '../support/previewProcess.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-preview-cli-');
const PASSWORD = 'lan-preview-secret-42';
let preview: PreviewProcess | undefined;

afterEach(async () => {
  await preview?.stop();
  preview = undefined;
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('tandem preview, the process', { timeout: 60_000 }, () => {
  it('asks for the password set in TANDEM_PREVIEW_PASSWORD, and never prints it', async () => {
    preview = await startPreviewProcess([courseCopy(), '--port', '0', '--host', '127.0.0.1'], { TANDEM_PREVIEW_PASSWORD: PASSWORD });
    const none = await fetch(`${preview.url}/`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="Tandem preview"/);
    expect((await fetch(`${preview.url}/units/refund-approval/`, { headers: { authorization: basic('sme', 'wrong-password-000') } })).status).toBe(401);
    expect((await fetch(`${preview.url}/_preview/events`, { headers: { authorization: basic('sme', 'nope') } })).status).toBe(401);
    const ok = await fetch(`${preview.url}/`, { headers: { authorization: basic('sme', PASSWORD) } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('/units/refund-approval/');
    expect(preview.stderr()).toContain('password required');
    expect(await preview.stop()).toBe(0);
    expect(preview.stdout() + preview.stderr()).not.toContain(PASSWORD);
  });

  it('answers only requests for its loopback name without a password (DNS rebinding)', async () => {
    preview = await startPreviewProcess([courseCopy(), '--port', '0']);
    const port = new URL(preview.url).port;
    expect((await fetch(`${preview.url}/`)).status).toBe(200);
    expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
    // fetch() will not let a test set Host; node:http will.
    const status = await new Promise<number>((resolve, reject) => {
      const req = net.connect(Number(port), '127.0.0.1', () => req.write(`GET / HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`));
      let text = '';
      req.on('data', (c) => (text += c.toString()));
      req.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1])));
      req.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('will not listen on 0.0.0.0 without a password (PREVIEW_PASSWORD_REQUIRED)', async () => {
    const result = await runTandem(['preview', courseCopy(), '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PREVIEW_PASSWORD_REQUIRED');
    expect(result.stdout).not.toContain('listening on');
  });

  it('stops with PREVIEW_UNIT_NOT_FOUND for an unknown --unit and PREVIEW_LISTEN_FAILED for a port in use', async () => {
    const dir = courseCopy();
    const unknown = await runTandem(['preview', dir, '--unit', 'refund-aproval', '--port', '0']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('PREVIEW_UNIT_NOT_FOUND');
    expect(unknown.stderr).toContain('refund-approval');

    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as net.AddressInfo).port);
      const busy = await runTandem(['preview', dir, '--port', port]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain('PREVIEW_LISTEN_FAILED');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('prints the unit page of --unit', async () => {
    preview = await startPreviewProcess([courseCopy(), '--port', '0', '--unit', 'lockout-tagout']);
    await new Promise<void>((resolve) => {
      const check = () => (preview!.stderr().includes('/units/lockout-tagout/') ? resolve() : undefined);
      preview!.proc.stderr!.on('data', check);
      check();
    });
    expect((await fetch(`${preview.url}/units/lockout-tagout/`)).status).toBe(200);
  });
});

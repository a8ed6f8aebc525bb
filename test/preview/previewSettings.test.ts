/** Who may see a preview: loopback by default, any other address only behind a password. */
import { describe, expect, it } from 'vitest';
import { resolvePreviewSettings } from '../../src/preview/index.js';

const codes = (r: ReturnType<typeof resolvePreviewSettings>) => (r.ok ? [] : r.diagnostics.map((d) => d.code));

describe('resolvePreviewSettings', () => {
  it('listens on 127.0.0.1 by default, without a password', () => {
    const r = resolvePreviewSettings({ courseRoot: '/c' }, {});
    expect(r.ok && r.settings).toMatchObject({ host: '127.0.0.1', port: 4300, poll: false });
    expect(r.ok && r.settings.password).toBeUndefined();
  });

  it('refuses an address other machines can reach without a password (PREVIEW_PASSWORD_REQUIRED)', () => {
    expect(codes(resolvePreviewSettings({ courseRoot: '/c', host: '0.0.0.0' }, {}))).toEqual(['PREVIEW_PASSWORD_REQUIRED']);
    expect(codes(resolvePreviewSettings({ courseRoot: '/c', host: '192.168.1.20' }, { TANDEM_PREVIEW_PASSWORD: '' }))).toEqual(['PREVIEW_PASSWORD_REQUIRED']);
  });

  it('takes such an address with a password from the environment, and a short one is refused (PREVIEW_PASSWORD_TOO_SHORT)', () => {
    const r = resolvePreviewSettings({ courseRoot: '/c', host: '0.0.0.0' }, { TANDEM_PREVIEW_PASSWORD: 'correct horse battery' });
    expect(r.ok && r.settings).toMatchObject({ host: '0.0.0.0', password: 'correct horse battery' });
    const short = resolvePreviewSettings({ courseRoot: '/c' }, { TANDEM_PREVIEW_PASSWORD: 'hunter2' });
    expect(codes(short)).toEqual(['PREVIEW_PASSWORD_TOO_SHORT']);
    // The message says how long it is, never what it is.
    expect(JSON.stringify(short)).not.toContain('hunter2');
  });

  it('polls when asked, by flag or by CHOKIDAR_USEPOLLING', () => {
    expect(resolvePreviewSettings({ courseRoot: '/c', poll: true }, {}).ok && resolvePreviewSettings({ courseRoot: '/c', poll: true }, {})).toMatchObject({ settings: { poll: true } });
    expect(resolvePreviewSettings({ courseRoot: '/c' }, { CHOKIDAR_USEPOLLING: '1' })).toMatchObject({ settings: { poll: true } });
  });
});

/**
 * Where `tandem preview` listens and who may see it. 127.0.0.1 by default: the preview shows
 * unpublished content and answers with whatever the course folder holds. Another address (for SMEs
 * on the LAN, `--host 0.0.0.0`) is allowed only with a password, from TANDEM_PREVIEW_PASSWORD
 * (never an option: command lines show up in `ps` and shell history). The password is never
 * logged or echoed; a set password guards loopback too.
 */
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface PreviewSettings {
  courseRoot: string;
  host: string;
  port: number;
  password?: string;
  /** Poll the folder instead of waiting for file events. */
  poll: boolean;
  /** Open this unit's page first (its id was checked). */
  unit?: string;
}

export const DEFAULT_PREVIEW_PORT = 4300;
export const MIN_PASSWORD_LENGTH = 12;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

export function resolvePreviewSettings(
  input: { courseRoot: string; host?: string; port?: number; poll?: boolean; unit?: string },
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; settings: PreviewSettings } | { ok: false; diagnostics: Diagnostic[] } {
  const host = input.host ?? '127.0.0.1';
  const password = env.TANDEM_PREVIEW_PASSWORD || undefined;
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) return { ok: false, diagnostics: [diagnose('PREVIEW_PASSWORD_TOO_SHORT', { length: password.length })] };
  if (!isLoopback(host) && password === undefined) return { ok: false, diagnostics: [diagnose('PREVIEW_PASSWORD_REQUIRED', { host })] };
  const poll = input.poll === true || env.CHOKIDAR_USEPOLLING === '1' || env.CHOKIDAR_USEPOLLING === 'true';
  return {
    ok: true,
    settings: { courseRoot: input.courseRoot, host, port: input.port ?? DEFAULT_PREVIEW_PORT, poll, ...(password ? { password } : {}), ...(input.unit ? { unit: input.unit } : {}) },
  };
}

/**
 * Everything `tandem serve` runs with, resolved once at start from (highest first) the command
 * line, the environment (and serve.environment_file), the `serve:` section of tandem.config.yaml,
 * and defaults. Secrets (the LRS Authorization, the server secret) come only from the environment
 * or an environment file outside the course and release folders, never from the course.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import type { CourseConfig } from '../course/model/course.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_FILE, RELEASE_JOURNAL_DIR, type ReleaseManifest } from '../release/releaseManifest.js';
import type { LrsSettings } from './forward/lrsClient.js';
import type { IdentitySettings } from './relay/identity.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_STATEMENTS_PER_MINUTE = 60;
export const DEFAULT_REQUESTS_PER_MINUTE = 1200;
/** Contract of issue 12: one statement or at most 50, each at most 8 KB, a body of at most 64 KB. */
export const MAX_STATEMENTS = 50;
export const MAX_STATEMENT_BYTES = 8 * 1024;
export const MAX_BODY_BYTES = 64 * 1024;
const MB = 1024 * 1024;

export interface ServeOverrides {
  port?: number;
  host?: string;
  journal?: string;
}

export interface ServeSettings {
  courseRoot: string;
  releaseDir: string;
  manifest: ReleaseManifest;
  baseIri: string;
  host: string;
  port: number;
  journalDir: string;
  journalBudgetBytes: number;
  segmentBytes: number;
  /** `/statements`: the path of job_aids.relay_url; undefined when the course sets none. */
  relayPath?: string;
  /** `/frontline`: the path of job_aid_url ('' for the root); undefined when the course sets none. */
  jobAidPath?: string;
  jobAidOrigin?: string;
  lessonOrigins: string[];
  lrs?: LrsSettings;
  identity?: IdentitySettings;
  /**
   * The release's SCORM packages report xAPI (scorm12.report_xapi): their LMS learners are accepted
   * and their names replaced by an HMAC under this secret (TANDEM_SERVE_SECRET).
   */
  lmsLearners?: { secret: string };
  statementsPerMinute: number;
  requestsPerMinute: number;
  trustProxy: boolean | number | string;
  logRequests: boolean;
  /** The nudge answer page, when `reinforcement.answer_url` is set; `secret` checks personal answer links. */
  nudges?: { path: string; secret?: string };
}

export type Resolved = { ok: true; settings: ServeSettings } | { ok: false; diagnostics: Diagnostic[] };

/** The course part serve needs: its folder and its validated config (units are not loaded). */
export interface ServedCourse {
  root: string;
  config: CourseConfig;
}

export function resolveServeSettings(course: ServedCourse, releaseDir: string, overrides: ServeOverrides, processEnv: Record<string, string | undefined>): Resolved {
  const problems: Diagnostic[] = [];
  const fail = (setting: string, problem: string) => problems.push(diagnose('SERVE_SETTING_INVALID', { setting, problem }));
  const config = course.config;
  const serve = config.serve;
  const release = path.resolve(releaseDir);

  let manifest: ReleaseManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(release, MANIFEST_FILE), 'utf8')) as ReleaseManifest;
    if (!Array.isArray(manifest.units) || !manifest.course?.id) throw new Error('not a release manifest');
  } catch {
    return { ok: false, diagnostics: [diagnose('SERVE_RELEASE_NOT_FOUND', { dir: release })] };
  }
  if (manifest.course.id !== config.id) {
    return { ok: false, diagnostics: [diagnose('SERVE_RELEASE_MISMATCH', { release: manifest.course.id, course: config.id })] };
  }

  // The process environment wins over the file, as systemd's Environment= wins over EnvironmentFile=.
  let env: Record<string, string | undefined> = processEnv;
  if (serve.environmentFile) {
    const file = path.resolve(course.root, serve.environmentFile);
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      fail('serve.environment_file', 'the file cannot be read');
      return { ok: false, diagnostics: problems };
    }
    if (isInside(real, realpathSync(course.root)) || isInside(real, realpathSync(release))) {
      return { ok: false, diagnostics: [diagnose('SERVE_SECRETS_IN_COURSE', { setting: 'serve.environment_file' })] };
    }
    try {
      env = { ...parseEnv(readFileSync(real, 'utf8')), ...stripEmpty(processEnv) };
    } catch {
      fail('serve.environment_file', 'the file cannot be read as KEY=VALUE lines');
      return { ok: false, diagnostics: problems };
    }
  }

  const port = overrides.port ?? serve.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port', 'give a whole number from 0 to 65535');

  let lrs: LrsSettings | undefined;
  const endpoint = env.TANDEM_LRS_ENDPOINT || serve.lrsEndpoint;
  if (endpoint) {
    // Named by its source only: the endpoint may carry a key in its query.
    const source = env.TANDEM_LRS_ENDPOINT ? 'TANDEM_LRS_ENDPOINT' : 'serve.lrs_endpoint';
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      fail(source, 'not a URL');
    }
    if (url && (!/^https?:$/.test(url.protocol) || !url.pathname.endsWith('/') || url.search || url.hash)) fail(source, "give the xAPI base URL, http(s) and ending in '/', without query");
    else if (url && (url.username || url.password)) fail(source, 'put credentials in TANDEM_LRS_AUTH, not in the URL');
    lrs = { endpoint, timeoutMs: 10_000, ...(env.TANDEM_LRS_AUTH ? { auth: env.TANDEM_LRS_AUTH } : {}) };
  }

  let identity: IdentitySettings | undefined;
  if (serve.identityHeader) {
    const secret = env.TANDEM_SERVE_SECRET ?? '';
    if (secret.length < 16) problems.push(diagnose('SERVE_SECRET_MISSING', {}));
    identity = { header: serve.identityHeader.toLowerCase(), homePage: serve.identityHomePage ?? new URL(config.baseIri).origin, secret };
  }

  let lmsLearners: { secret: string } | undefined;
  if (config.scorm12?.reportXapi && manifest.targets?.includes('scorm12')) {
    const secret = env.TANDEM_SERVE_SECRET ?? '';
    if (secret.length < 16) problems.push(diagnose('SCORM_XAPI_SECRET_MISSING', {}));
    lmsLearners = { secret };
  }

  const relayPath = config.jobAids.relayUrl ? new URL(config.jobAids.relayUrl).pathname.replace(/\/+$/, '') || '/' : undefined;
  const jobAidUrl = config.jobAidUrl ? new URL(config.jobAidUrl) : undefined;
  const jobAidPath = jobAidUrl?.pathname.replace(/\/+$/, '');
  for (const reserved of ['/healthz', '/metrics']) {
    if (relayPath === reserved) fail('job_aids.relay_url', `its path ${reserved} is the server's own`);
  }

  const answerUrl = config.reinforcement.answerUrl;
  const serveSecret = env.TANDEM_SERVE_SECRET && env.TANDEM_SERVE_SECRET.length >= 16 ? env.TANDEM_SERVE_SECRET : undefined;
  const nudges = answerUrl ? { path: `${new URL(answerUrl).pathname.replace(/\/+$/, '')}/nudges/answer`, ...(serveSecret ? { secret: serveSecret } : {}) } : undefined;

  const homeOrigins = [jobAidUrl?.origin, ...(serve.lessonOrigins ?? [])].filter((o): o is string => !!o);
  const trustProxy = serve.trustProxy ?? false;

  if (problems.length) return { ok: false, diagnostics: problems };
  return {
    ok: true,
    settings: {
      courseRoot: course.root,
      releaseDir: release,
      manifest,
      baseIri: config.baseIri,
      host: overrides.host ?? serve.host ?? DEFAULT_HOST,
      port,
      journalDir: overrides.journal ? path.resolve(overrides.journal) : serve.journal ? path.resolve(course.root, serve.journal) : path.join(release, RELEASE_JOURNAL_DIR),
      journalBudgetBytes: Math.floor((serve.journalBudgetMb ?? 1024) * MB),
      segmentBytes: Math.max(4096, Math.floor((serve.segmentMb ?? 16) * MB)),
      ...(relayPath !== undefined ? { relayPath } : {}),
      ...(jobAidPath !== undefined ? { jobAidPath, jobAidOrigin: jobAidUrl!.origin } : {}),
      lessonOrigins: homeOrigins.filter((o) => o !== jobAidUrl?.origin),
      ...(lrs ? { lrs } : {}),
      ...(identity ? { identity } : {}),
      ...(lmsLearners ? { lmsLearners } : {}),
      statementsPerMinute: serve.statementsPerMinute ?? DEFAULT_STATEMENTS_PER_MINUTE,
      requestsPerMinute: serve.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
      trustProxy,
      logRequests: serve.logRequests ?? true,
      ...(nudges ? { nudges } : {}),
    },
  };
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

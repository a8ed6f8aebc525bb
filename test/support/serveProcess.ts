/**
 * `tandem serve` as a real process (node dist/cli/main.js serve …), on 127.0.0.1 with a free port,
 * and an HTTP client that keeps every response it got, so a test can scan all of them for secrets.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import { runTandem } from './cli.js';
import { startTandemProcess, type TandemProcess } from './tandemProcess.js';


export type ServeProcess = TandemProcess;

/** `tandem serve` as a real process, bound to 127.0.0.1 (see tandemProcess.ts). */
export function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  return startTandemProcess('serve', [...args, '--host', '127.0.0.1'], env);
}

/** Every response a test saw: status, headers and body, for the secret scan. */
export const seenResponses: { url: string; status: number; headers: string; body: string }[] = [];

export async function http(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: string; json: any }> {
  const response = await fetch(url, init);
  const body = await response.text();
  seenResponses.push({ url, status: response.status, headers: JSON.stringify([...response.headers]), body });
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body, json };
}

/**
 * A GET through node:http, for conditional requests: fetch() adds `Cache-Control: no-cache` to any
 * request with If-None-Match (Fetch standard, HTTP-network-or-cache fetch), which forbids a 304.
 */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        seenResponses.push({ url, status: res.statusCode ?? 0, headers: JSON.stringify(res.headers), body });
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    }).on('error', reject);
  });
}

export function postStatements(url: string, body: unknown, headers: Record<string, string> = {}) {
  return http(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export interface ServedRelease {
  courseDir: string;
  releaseDir: string;
  /** The statement template the job aid of `refund-approval` posts (without id, timestamp, actor). */
  template: Record<string, any>;
  html: string;
}

/**
 * The sample course with a relay, built once (HTML job aids only, no browser needed) into a temp
 * folder; `serve:` settings can be appended per test with withServeConfig.
 */
export async function buildServedRelease(): Promise<ServedRelease> {
  const root = mkdtempSync(path.join(tmpdir(), 'tandem-serve-'));
  const courseDir = path.join(root, 'course');
  cpSync('fixtures/sample-course', courseDir, { recursive: true });
  writeFileSync(path.join(courseDir, 'tandem.config.yaml'), readFileSync(path.join(courseDir, 'tandem.config.yaml'), 'utf8') + 'job_aids:\n  relay_url: https://aids.acme.example/statements\n');
  const releaseDir = path.join(root, 'release');
  const built = await runTandem(['build', courseDir, '--out', releaseDir, '--target', 'job-aid-html', '--quiet']);
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  const html = readFileSync(path.join(releaseDir, 'job-aids', 'refund-approval.html'), 'utf8');
  const settings = JSON.parse(/<script type="application\/json" id="tandem-job-aid">([\s\S]*?)<\/script>/.exec(html)![1]!);
  return { courseDir, releaseDir, template: settings.statement, html };
}

/** A course folder copy whose tandem.config.yaml has this `serve:` section (YAML text, indented by 2). */
export function withServeConfig(release: ServedRelease, serveYaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-serve-course-'));
  cpSync(release.courseDir, dir, { recursive: true });
  writeFileSync(path.join(dir, 'tandem.config.yaml'), readFileSync(path.join(dir, 'tandem.config.yaml'), 'utf8') + `serve:\n${serveYaml}`);
  return dir;
}

/**
 * `tandem serve` end to end, as a real process on 127.0.0.1: the online job aids, the relay's
 * contract (codes in 4xx bodies), forwarding to a real LRS on loopback, CORS, rate limits,
 * hashed identities, /healthz and /metrics, SIGTERM, and a scan of every response for secrets.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournalLines } from '../../src/serve/journal/journal.js';
import { hashIdentity } from '../../src/serve/relay/identity.js';
import { TestLrs } from '../support/testLrs.js';
import { buildServedRelease, http, postStatements, rawGet, seenResponses, startServe, withServeConfig, type ServeProcess, type ServedRelease } from '../support/serveProcess.js';
import { xapiProblems } from '../support/xapiChecks.js';

const JOB_AID_ORIGIN = 'https://aids.acme.example';
const SECRET = `salt-${randomUUID()}`;

let release: ServedRelease;
let lrs: TestLrs;
let lrsAuth: string;
const running: ServeProcess[] = [];

function statement(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    ...structuredClone(release.template),
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    actor: { objectType: 'Agent', account: { homePage: JOB_AID_ORIGIN, name: randomUUID() } },
    ...overrides,
  };
}

async function serve(courseDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<ServeProcess> {
  const server = await startServe([courseDir, '--release', release.releaseDir, '--port', '0', '--journal', mkdtempSync(path.join(tmpdir(), 'tandem-journal-')), ...extraArgs], env);
  running.push(server);
  return server;
}

async function stop(server: ServeProcess): Promise<number | string> {
  server.proc.kill('SIGTERM');
  return server.exited;
}

beforeAll(async () => {
  release = await buildServedRelease();
  lrs = await TestLrs.start();
  lrsAuth = lrs.credential('relay', randomUUID());
});

afterAll(async () => {
  for (const server of running) if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
  await lrs?.close();
});

describe('tandem serve: job aids', () => {
  let server: ServeProcess;
  beforeAll(async () => {
    server = await serve(release.courseDir);
  });
  afterAll(() => stop(server));

  it('serves a job aid at the path of job_aid_url with its own CSP, content type and an ETag', async () => {
    const page = await http(`${server.url}/frontline/refund-approval.html?o=OBJ-SUP-REFUND-500&v=1.2.0`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(release.html);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(release.html)![1]!.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
    expect(page.headers.get('content-security-policy')).toBe(meta);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'sha256-");
    const etag = page.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await rawGet(`${server.url}/frontline/refund-approval.html`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    // The address without .html (as the online copy compares it) is the same page.
    expect((await http(`${server.url}/frontline/refund-approval`)).body).toBe(release.html);
  });

  it('answers unknown paths with a coded 404 that names no server folder', async () => {
    const missing = await http(`${server.url}/frontline/nope.html`);
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('SERVE_NOT_FOUND');
    const traversal = await http(`${server.url}/frontline/..%2F..%2Fmanifest.json`);
    expect(traversal.status).toBe(404);
    expect(traversal.body).not.toContain(release.releaseDir);
    expect((await http(`${server.url}/frontline/../manifest.json`)).status).toBe(404);
  });

  it('answers /healthz 200 and /metrics in Prometheus text', async () => {
    expect((await http(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await http(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/^tandem_relay_journal_bytes \d+$/m);
  });

  it('logs one line per request without the query string or the client address', () => {
    const requests = server.stderr().split('\n').filter((l) => l.includes('"method"'));
    expect(requests.some((l) => l.includes('"path":"/frontline/refund-approval.html"'))).toBe(true);
    expect(requests.join('\n')).not.toMatch(/\?o=|127\.0\.0\.1|OBJ-SUP/);
  });
});

describe('tandem serve: the relay', () => {
  let server: ServeProcess;
  let journalDir: string;
  beforeAll(async () => {
    journalDir = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    server = await startServe([release.courseDir, '--release', release.releaseDir, '--port', '0', '--journal', journalDir], { TANDEM_LRS_ENDPOINT: lrs.endpoint, TANDEM_LRS_AUTH: lrsAuth });
    running.push(server);
  });
  afterAll(() => stop(server));

  it('journals a job-aid statement, answers with its id, and forwards it to the LRS exactly once', async () => {
    const sent = statement();
    const answer = await postStatements(`${server.url}/statements`, sent);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual([sent.id]);
    const journaled = (await readJournalLines(journalDir)).map((l) => JSON.parse(l));
    expect(journaled).toEqual([sent]);
    const stored = await lrs.waitFor((all) => all.some((s) => s.id === sent.id), 60_000);
    expect(stored.filter((s) => s.id === sent.id)).toEqual([sent]);
    expect(xapiProblems(sent)).toEqual([]);
  });

  it('takes an array of up to 50 and gives statements without id or timestamp both', async () => {
    const batch = Array.from({ length: 50 }, () => statement());
    delete batch[0]!.id;
    delete batch[0]!.timestamp;
    const answer = await postStatements(`${server.url}/statements`, batch);
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveLength(50);
    expect(answer.json[0]).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await lrs.waitFor((all) => answer.json.every((id: string) => all.some((s) => s.id === id)), 60_000);
    const first = stored.find((s) => s.id === answer.json[0])!;
    expect(first.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses what is not a Tandem statement of this release, each with its code and status', async () => {
    const url = `${server.url}/statements`;
    const cases: [string, Promise<Awaited<ReturnType<typeof http>>>, number, string][] = [
      ['text body', http(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' }), 415, 'RELAY_NOT_JSON'],
      ['broken JSON', postStatements(url, '{"verb":'), 400, 'RELAY_MALFORMED'],
      ['a number', postStatements(url, '42'), 400, 'RELAY_MALFORMED'],
      ['an empty list', postStatements(url, []), 400, 'RELAY_MALFORMED'],
      ['51 statements', postStatements(url, Array.from({ length: 51 }, () => statement())), 413, 'RELAY_TOO_MANY_STATEMENTS'],
      ['a 70 KB body', postStatements(url, [statement({ result: { response: 'x'.repeat(70_000) } })]), 413, 'RELAY_BODY_TOO_LARGE'],
      ['a 9 KB statement', postStatements(url, statement({ result: { response: 'x'.repeat(9_000) } })), 413, 'RELAY_STATEMENT_TOO_LARGE'],
      ['no actor', postStatements(url, { ...statement(), actor: undefined }), 400, 'RELAY_INVALID_STATEMENT'],
      ['another verb', postStatements(url, statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-US': 'attended' } } })), 403, 'RELAY_VERB_NOT_ALLOWED'],
      ['another activity', postStatements(url, statement({ object: { objectType: 'Activity', id: 'https://evil.example/thing' } })), 403, 'RELAY_ACTIVITY_NOT_ALLOWED'],
      ['no objective parent', postStatements(url, statement({ context: { ...release.template.context, contextActivities: {} } })), 403, 'RELAY_OBJECTIVE_MISSING'],
      ['an e-mail actor', postStatements(url, statement({ actor: { objectType: 'Agent', mbox: 'mailto:ann@acme.example' } })), 403, 'RELAY_ACTOR_NOT_ALLOWED'],
      ['a foreign homePage', postStatements(url, statement({ actor: { objectType: 'Agent', account: { homePage: 'https://evil.example', name: 'x1' } } })), 403, 'RELAY_ACTOR_NOT_ALLOWED'],
      ['a repeated id', postStatements(url, [statement({ id: '6c1a1f0e-4c3e-4d7e-9d5e-2a3f1b2c3d4e' }), statement({ id: '6c1a1f0e-4c3e-4d7e-9d5e-2a3f1b2c3d4e' })]), 400, 'RELAY_DUPLICATE_ID'],
      ['a GET', http(url), 405, 'SERVE_METHOD_NOT_ALLOWED'],
    ];
    const before = (await readJournalLines(journalDir)).length;
    for (const [what, pending, status, code] of cases) {
      const answer = await pending;
      expect({ what, status: answer.status, code: answer.json?.code }).toEqual({ what, status, code });
      expect(answer.json.message.length, what).toBeGreaterThan(10);
      expect(answer.json.hint.length, what).toBeGreaterThan(10);
    }
    expect((await readJournalLines(journalDir)).length).toBe(before);
  });

  it('lets the job-aid origin post across origins, and no other origin', async () => {
    const preflight = (origin: string) =>
      http(`${server.url}/statements`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const allowed = await preflight(JOB_AID_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(JOB_AID_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

// Each run starts real server processes; a busy 2-core machine needs tens of seconds for that.
describe('tandem serve: limits, identity and secrets', { timeout: 120_000 }, () => {
  it('limits statements per client address and objective: 429 with Retry-After and a code', async () => {
    const course = withServeConfig(release, '  trust_proxy: true\n  lesson_origins: [https://lms.acme.example]\n  rate_limit:\n    statements_per_minute: 5\n');
    const server = await serve(course);
    try {
      const url = `${server.url}/statements`;
      // Behind a proxy (trust_proxy), the client address is the one in X-Forwarded-For.
      const from = (address: string) => ({ 'X-Forwarded-For': address });
      for (let i = 0; i < 5; i++) expect((await postStatements(url, statement(), from('203.0.113.1'))).status).toBe(200);
      const limited = await postStatements(url, statement(), from('203.0.113.1'));
      expect(limited.status).toBe(429);
      expect(limited.json.code).toBe('RELAY_RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await postStatements(url, statement(), from('203.0.113.2'))).status).toBe(200);
      // Another objective from the same address has its own allowance.
      const other = JSON.parse(/<script type="application\/json" id="tandem-job-aid">([\s\S]*?)<\/script>/.exec(readFileSync(path.join(release.releaseDir, 'job-aids', 'lockout-tagout.html'), 'utf8'))![1]!).statement;
      const otherStatement = { ...other, id: randomUUID(), actor: statement().actor };
      expect((await postStatements(url, otherStatement, from('203.0.113.1'))).status).toBe(200);
      // A configured lesson origin may post across origins too.
      const preflight = await http(url, { method: 'OPTIONS', headers: { Origin: 'https://lms.acme.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://lms.acme.example');
    } finally {
      expect(await stop(server)).toBe(0);
    }
  });

  it('replaces the actor with a salted hash of the identity header, and journals no raw e-mail', async () => {
    const envDir = mkdtempSync(path.join(tmpdir(), 'tandem-secrets-'));
    const envFile = path.join(envDir, 'serve.env');
    writeFileSync(envFile, `TANDEM_SERVE_SECRET=${SECRET}\nTANDEM_LRS_ENDPOINT=${lrs.endpoint}\nTANDEM_LRS_AUTH="${lrsAuth}"\n`);
    const course = withServeConfig(release, `  identity_header: X-Auth-Request-Email\n  environment_file: ${envFile}\n`);
    const journal = mkdtempSync(path.join(tmpdir(), 'tandem-journal-'));
    const server = await startServe([course, '--release', release.releaseDir, '--port', '0', '--journal', journal]);
    running.push(server);
    try {
      const sent = statement();
      const answer = await postStatements(`${server.url}/statements`, sent, { 'X-Auth-Request-Email': 'Ann.Example@Acme.example' });
      expect(answer.status).toBe(200);
      const [line] = await readJournalLines(journal);
      expect(JSON.parse(line!).actor).toEqual({ objectType: 'Agent', account: { homePage: 'https://learn.acme.example', name: hashIdentity(SECRET, 'ann.example@acme.example') } });
      expect(line).not.toMatch(/ann\.example/i);
      const stored = await lrs.waitFor((all) => all.some((s) => s.id === sent.id), 60_000);
      expect(JSON.stringify(stored)).not.toMatch(/ann\.example/i);
    } finally {
      expect(await stop(server)).toBe(0);
    }
  });

  it('refuses an environment file inside the course folder, before serving anything', async () => {
    const course = withServeConfig(release, '  environment_file: serve.env\n');
    writeFileSync(path.join(course, 'serve.env'), `TANDEM_LRS_AUTH=${lrsAuth}\n`);
    await expect(startServe([course, '--release', release.releaseDir, '--port', '0'])).rejects.toThrow(/exited \(2\)[\s\S]*SERVE_SECRETS_IN_COURSE/);
  });

  it('no response of this run holds the LRS credentials or the server secret', () => {
    expect(seenResponses.length).toBeGreaterThan(20);
    const secrets = [lrsAuth, lrsAuth.slice('Basic '.length), Buffer.from(lrsAuth.slice('Basic '.length), 'base64').toString().split(':')[1]!, SECRET];
    const hits = seenResponses.filter((r) => secrets.some((s) => r.body.includes(s) || r.headers.includes(s)));
    expect(hits).toEqual([]);
  });
});

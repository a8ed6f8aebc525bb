/**
 * A small xAPI 1.0.3 LRS, with a cmi5 LMS's launch side, for end-to-end tests. Listens on 127.0.0.1
 * only. It serves the built package under /content/ (same origin as the LRS, as an LMS that hosts
 * both would), and:
 *
 * - checks `X-Experience-API-Version` and the Authorization header on every xAPI request;
 * - refuses statements that fail @learninglocker/xapi-validation (400), so all it stores passed it;
 * - stores statements from POST (single or batch) and PUT ?statementId=, in arrival order; a known id
 *   with the same content is ignored, with other content refused (409), as xAPI 1.0.3 Communication
 *   §2.1.2/§2.1.3 say;
 * - keeps State API documents and agent profiles (what cmi5 and bookmarking need);
 * - can be told to fail (503), to be down (connection closed), or to stall (hold requests until
 *   released), or be fronted by `intercept` (a proxy answering 400, 413, 429 with Retry-After…),
 *   and records every request it answered, with its arrival time and body size.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import AdmZip from 'adm-zip';
import { xapiProblems } from './xapiChecks.js';

export type LrsMode = 'up' | 'fail' | 'down' | 'stall';

export interface StoredStatement {
  statement: Record<string, any>;
  stored: string;
  /** How it arrived. */
  via: 'POST' | 'PUT';
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  /** Statement ids in the request body (POST/PUT statements). */
  ids?: string[];
  /** When it arrived (ms since the epoch). */
  at: number;
  /** Body size in bytes (UTF-8), what a body limit counts. */
  bytes: number;
}

/** What a proxy, gateway or body limit in front of the LRS answers instead of it. */
export interface Interception {
  status: number;
  headers?: Record<string, string>;
  text?: string;
}

export interface Cmi5LaunchOptions {
  /** The AU's activity id as the LMS launches it (cmi5 lets it differ from the publisher id). */
  activityId: string;
  /** The AU id from cmi5.xml, put in the context template's grouping (cmi5 9.6.2.3). */
  publisherId: string;
  actor: Record<string, unknown>;
  registration: string;
  launchMode?: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
  moveOn?: 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';
  returnURL?: string;
  preferences?: { languagePreference?: string; audioPreference?: 'on' | 'off' };
}

export interface Cmi5Launch {
  sessionId: string;
  /** Query string for the AU's url: endpoint, fetch, actor, registration, activityId. */
  query: string;
  /** The Authorization value the fetch URL hands out (for checking what the AU sent). */
  auth: string;
}

const VERSION = /^1\.0(\.\d+)?$/;

export class TestLrs {
  readonly statements: StoredStatement[] = [];
  readonly requests: RequestRecord[] = [];
  readonly documents = new Map<string, { contentType: string; body: string }>();
  /** Authorization values the LRS accepts. */
  readonly accepted = new Set<string>();
  mode: LrsMode = 'up';
  /** Answers a statements request instead of the LRS when it returns something. */
  intercept?: (request: { method: string; body: string; ids: string[] }) => Interception | undefined;
  /** How many of the next statement queries answer 429 with `Retry-After: 0`. */
  throttle = 0;
  private readonly content = new Map<string, Uint8Array>();
  private readonly fetchTokens = new Map<string, { auth: string; used: boolean }>();
  private readonly held: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  origin = '';

  static async start(): Promise<TestLrs> {
    const lrs = new TestLrs();
    lrs.server = createServer((req, res) => void lrs.handle(req, res));
    lrs.server.on('connection', (socket) => {
      lrs.sockets.add(socket);
      socket.on('close', () => lrs.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => lrs.server.listen(0, '127.0.0.1', resolve));
    lrs.origin = `http://127.0.0.1:${(lrs.server.address() as AddressInfo).port}`;
    return lrs;
  }

  get endpoint(): string {
    return `${this.origin}/xapi/`;
  }

  /** Serves a package's files under /content/<name>/, as an LMS serves an imported zip. */
  mount(name: string, zip: Uint8Array): void {
    for (const entry of new AdmZip(Buffer.from(zip)).getEntries()) {
      if (!entry.isDirectory) this.content.set(`${name}/${entry.entryName}`, entry.getData());
    }
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** A Basic credential the LRS accepts, as a Tin Can player would pass it in `auth`. */
  credential(user = 'learner', password = randomUUID()): string {
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    this.accepted.add(auth);
    return auth;
  }

  /** Resolves once `count` requests are held by a stall: the signal that a client sent (or re-sent) them. */
  async whenHolding(count: number, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.held.length < count) {
      if (Date.now() > until) throw new Error(`The LRS holds ${this.held.length} request(s), not ${count}, after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stores statements as if they had been posted at `stored` (no validation): an LRS with a history. */
  store(statements: Record<string, any>[], stored: string): void {
    for (const statement of statements) this.statements.push({ statement, stored, via: 'POST' });
  }

  /** Back to normal; answers requests held while stalled. */
  setMode(mode: LrsMode): void {
    this.mode = mode;
    if (mode !== 'stall') for (const release of this.held.splice(0)) release();
  }

  /**
   * Does what a cmi5 LMS does before launching an AU (cmi5 10.0, 9.3.1): a one-time fetch URL,
   * LMS.LaunchData and learner preferences in the LRS, and a `launched` statement.
   */
  launchCmi5(options: Cmi5LaunchOptions): Cmi5Launch {
    const sessionId = randomUUID();
    const auth = this.credential('cmi5', randomUUID());
    const fetchId = randomUUID();
    this.fetchTokens.set(fetchId, { auth, used: false });
    const contextTemplate = {
      contextActivities: { grouping: [{ objectType: 'Activity', id: options.publisherId }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
    };
    const launchData: Record<string, unknown> = {
      contextTemplate,
      launchMode: options.launchMode ?? 'Normal',
      moveOn: options.moveOn ?? 'CompletedAndPassed',
    };
    if (options.masteryScore !== undefined) launchData.masteryScore = options.masteryScore;
    if (options.returnURL) launchData.returnURL = options.returnURL;
    const agent = JSON.stringify(options.actor);
    this.setDocument('state', { activityId: options.activityId, agent, registration: options.registration, stateId: 'LMS.LaunchData' }, JSON.stringify(launchData));
    if (options.preferences) this.setDocument('profile', { agent, profileId: 'cmi5LearnerPreferences' }, JSON.stringify(options.preferences));
    this.statements.push({
      via: 'POST',
      stored: new Date().toISOString(),
      statement: {
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        actor: options.actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
        object: { objectType: 'Activity', id: options.activityId },
        context: {
          ...contextTemplate,
          registration: options.registration,
          contextActivities: { ...contextTemplate.contextActivities, category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }] },
          extensions: {
            ...contextTemplate.extensions,
            'https://w3id.org/xapi/cmi5/context/extensions/launchmode': launchData.launchMode,
            'https://w3id.org/xapi/cmi5/context/extensions/moveon': launchData.moveOn,
            ...(options.masteryScore !== undefined ? { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': options.masteryScore } : {}),
          },
        },
      },
    });
    const query = new URLSearchParams({
      endpoint: this.endpoint,
      fetch: `${this.origin}/lms/fetch/${fetchId}`,
      actor: agent,
      registration: options.registration,
      activityId: options.activityId,
    }).toString();
    return { sessionId, query, auth };
  }

  /** Statements the AU sent (not the LMS's `launched`), in the order stored. */
  sent(filter: (s: Record<string, any>) => boolean = () => true): Record<string, any>[] {
    return this.statements.map((s) => s.statement).filter((s) => s.verb.id !== 'http://adlnet.gov/expapi/verbs/launched' && filter(s));
  }

  /** Resolves once `predicate` holds for the stored statements; rejects after `timeoutMs`. */
  async waitFor(predicate: (sent: Record<string, any>[]) => boolean, timeoutMs = 10_000, what = 'statements'): Promise<Record<string, any>[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const sent = this.sent();
      if (predicate(sent)) return sent;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; stored: ${sent.map((s) => s.verb.id.split('/').pop()).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  document(kind: 'state' | 'profile', query: Record<string, string>): unknown {
    const doc = this.documents.get(documentKey(kind, query));
    return doc ? JSON.parse(doc.body) : undefined;
  }

  async close(): Promise<void> {
    this.setMode('up');
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private setDocument(kind: 'state' | 'profile', query: Record<string, string>, body: string): void {
    this.documents.set(documentKey(kind, query), { contentType: 'application/json', body });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await readBody(req);
    if (url.pathname.startsWith('/content/')) return this.serveContent(url, res);
    if (url.pathname.startsWith('/lms/fetch/')) return this.fetchToken(url, req, res);
    // A fetch URL (or any endpoint) that never answers: the connection stays open until close().
    if (url.pathname === '/lms/never') return;
    if (url.pathname === '/lms/return') return send(res, 200, '<!doctype html><title>LMS</title><p>Back in the LMS.</p>', { 'Content-Type': 'text/html' });
    if (!url.pathname.startsWith('/xapi/')) return send(res, 404, 'not found');
    if (req.method === 'OPTIONS') return send(res, 204, '', cors());

    if (this.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (this.mode === 'stall') await new Promise<void>((resolve) => this.held.push(resolve));
    const record: RequestRecord = { method: req.method ?? '', path: url.pathname + url.search, status: 0, at: Date.now(), bytes: Buffer.byteLength(body) };
    const reply = (status: number, text = '', headers: Record<string, string> = {}) => {
      record.status = status;
      this.requests.push(record);
      send(res, status, text, { ...cors(), ...headers });
    };
    if (this.mode === 'fail') return reply(503, 'The LRS is unavailable (test).');
    if (!VERSION.test(String(req.headers['x-experience-api-version'] ?? ''))) return reply(400, 'Missing or unsupported X-Experience-API-Version.');
    if (!this.accepted.has(String(req.headers.authorization ?? ''))) return reply(401, 'Unknown credentials.');

    const resource = url.pathname.slice('/xapi/'.length);
    const query = Object.fromEntries(url.searchParams);
    if (resource === 'statements' && req.method !== 'GET' && this.intercept) {
      let ids: string[];
      try {
        const parsed = JSON.parse(body) as Record<string, any> | Record<string, any>[];
        ids = (Array.isArray(parsed) ? parsed : [parsed]).map((s) => String(s.id));
      } catch {
        ids = [];
      }
      const answer = this.intercept({ method: req.method ?? '', body, ids });
      if (answer) {
        record.ids = ids;
        return reply(answer.status, answer.text ?? 'Refused (test proxy).', answer.headers);
      }
    }
    try {
      if (resource === 'about') return reply(200, JSON.stringify({ version: ['1.0.3'] }), json());
      if (resource === 'statements') return this.statementsResource(req.method ?? '', query, body, record, reply);
      if (resource === 'activities/state' || resource === 'agents/profile') {
        const kind = resource === 'activities/state' ? 'state' : 'profile';
        const key = documentKey(kind, query);
        if (req.method === 'GET') {
          const doc = this.documents.get(key);
          return doc ? reply(200, doc.body, { 'Content-Type': doc.contentType }) : reply(404, 'no document');
        }
        if (req.method === 'PUT' || req.method === 'POST') {
          this.documents.set(key, { contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), body });
          return reply(204);
        }
        if (req.method === 'DELETE') {
          this.documents.delete(key);
          return reply(204);
        }
      }
      return reply(404, `No resource ${resource}.`);
    } catch (error) {
      return reply(400, String(error));
    }
  }

  private statementsResource(method: string, query: Record<string, string>, body: string, record: RequestRecord, reply: (status: number, text?: string, headers?: Record<string, string>) => void): void {
    if (method === 'GET') {
      if (query.statementId) {
        const found = this.statements.find((s) => s.statement.id === query.statementId);
        return found ? reply(200, JSON.stringify(found.statement), json()) : reply(404, 'no statement');
      }
      if (this.throttle > 0) {
        this.throttle--;
        return reply(429, 'Too many requests (test).', { 'Retry-After': '0' });
      }
      // xAPI 1.0.3 Communication §2.1.3: voided statements are not returned by queries.
      const voided = new Set(this.statements.filter((s) => s.statement.verb?.id === 'http://adlnet.gov/expapi/verbs/voided').map((s) => s.statement.object?.id));
      let list: Record<string, any>[] = this.statements.filter((s) => !voided.has(s.statement.id)).map((s) => ({ ...s.statement, stored: s.stored }));
      if (query.registration) list = list.filter((s) => s.context?.registration === query.registration);
      if (query.verb) list = list.filter((s) => s.verb.id === query.verb);
      if (query.activity) list = list.filter((s) => namesActivity(s, query.activity!, query.related_activities === 'true'));
      if (query.since) list = list.filter((s) => s.stored > query.since!);
      if (query.until) list = list.filter((s) => s.stored <= query.until!);
      const offset = Number(query.offset ?? 0);
      const limit = Number(query.limit ?? 0) || list.length || 1;
      const page = list.slice(offset, offset + limit);
      const rest = new URLSearchParams({ ...query, offset: String(offset + limit) });
      const more = offset + limit < list.length ? `/xapi/statements?${rest}` : '';
      const latest = this.statements.reduce((max, s) => (s.stored > max ? s.stored : max), '1970-01-01T00:00:00.000Z');
      return reply(200, JSON.stringify({ statements: page, more }), { ...json(), 'X-Experience-API-Consistent-Through': latest });
    }
    const parsed = JSON.parse(body) as Record<string, any> | Record<string, any>[];
    const incoming = Array.isArray(parsed) ? parsed : [parsed];
    if (method === 'PUT') {
      if (!query.statementId || incoming.length !== 1 || (incoming[0]!.id && incoming[0]!.id !== query.statementId)) return reply(400, 'PUT needs ?statementId= matching the statement.');
      incoming[0]!.id = query.statementId;
    } else if (method !== 'POST') {
      return reply(405, 'Method not allowed.');
    }
    record.ids = incoming.map((s) => String(s.id));
    // Learning Locker's validator decides what is malformed: everything stored here passed it.
    const invalid = incoming.map((s) => xapiProblems(s)).find((p) => p.length);
    if (invalid) return reply(400, `Invalid statement: ${invalid.join('; ')}`);
    // xAPI 1.0.3 Communication §2.1.2: a known id with other content is a conflict; the same content is not stored again.
    const fresh: Record<string, any>[] = [];
    for (const statement of incoming) {
      if (!statement.id) statement.id = randomUUID();
      const known = this.statements.find((s) => s.statement.id === statement.id)?.statement ?? fresh.find((s) => s.id === statement.id);
      if (!known) fresh.push(statement);
      else if (JSON.stringify(known) !== JSON.stringify(statement)) return reply(409, `Statement ${statement.id} already exists with other content.`);
    }
    const stored = new Date().toISOString();
    for (const statement of fresh) this.statements.push({ statement, stored, via: method as 'POST' | 'PUT' });
    if (method === 'PUT') return reply(fresh.length ? 204 : 409, fresh.length ? '' : 'Statement already stored.');
    return reply(200, JSON.stringify(incoming.map((s) => s.id)), json());
  }

  private fetchToken(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const entry = this.fetchTokens.get(url.pathname.slice('/lms/fetch/'.length));
    this.requests.push({ method: req.method ?? '', path: url.pathname, status: 200, at: Date.now(), bytes: 0 });
    if (req.method !== 'POST' || !entry) return send(res, 200, JSON.stringify({ 'error-code': '2', 'error-text': 'Unknown fetch URL.' }), json());
    if (entry.used) return send(res, 200, JSON.stringify({ 'error-code': '1', 'error-text': 'The authorization token has already been returned.' }), json());
    entry.used = true;
    send(res, 200, JSON.stringify({ 'auth-token': entry.auth.slice('Basic '.length) }), json());
  }

  private serveContent(url: URL, res: ServerResponse): void {
    const path = decodeURIComponent(url.pathname.slice('/content/'.length));
    const bytes = this.content.get(path);
    if (!bytes) return send(res, 404, 'not found');
    const type = /\.html$/.test(path) ? 'text/html; charset=utf-8' : /\.js$/.test(path) ? 'text/javascript' : /\.css$/.test(path) ? 'text/css' : /\.pdf$/.test(path) ? 'application/pdf' : 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(bytes);
  }
}

function documentKey(kind: 'state' | 'profile', query: Record<string, string>): string {
  const agent = query.agent ? JSON.stringify(JSON.parse(query.agent)) : '';
  return kind === 'state'
    ? JSON.stringify(['state', query.activityId, agent, query.registration ?? '', query.stateId])
    : JSON.stringify(['profile', agent, query.profileId]);
}

function cors(): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
    'Access-Control-Expose-Headers': 'X-Experience-API-Version, ETag, Retry-After',
    'X-Experience-API-Version': '1.0.3',
  };
}

function json(): Record<string, string> {
  return { 'Content-Type': 'application/json' };
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, headers);
  res.end(status === 204 ? undefined : text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** xAPI 1.0.3 Communication §2.1.3 `activity` and `related_activities`: the object, or (related) any context activity. */
function namesActivity(s: Record<string, any>, activity: string, related: boolean): boolean {
  if (s.object?.id === activity) return true;
  if (!related) return false;
  const lists = Object.values(s.context?.contextActivities ?? {}) as unknown[];
  return lists.some((list) => (Array.isArray(list) ? list : [list]).some((a: any) => a?.id === activity));
}

/**
 * The preview's in-memory LRS: what a Tin Can or cmi5 lesson needs of one (statements, the State
 * and Agent Profile APIs, the cmi5 fetch URL), kept in memory for the life of the server and
 * never written anywhere. Each stored statement is checked with Learning Locker's xAPI validator,
 * the rules a real LRS applies, and handed to `onStatement` for the panel; an invalid one is
 * refused with 400, as an LRS would, so the author sees what a learner's LRS would lose.
 *
 * Launches are made here too, as an LMS would: credentials, a registration, and for cmi5 the
 * LMS.LaunchData document and the `launched` statement (cmi5 9.3.2 / 10).
 */
import { randomUUID } from 'node:crypto';
import validatorModule from '@learninglocker/xapi-validation';

type Statement = Record<string, unknown>;
type Validate = (s: unknown) => { path: (string | number)[]; typeName?: string; message?: string }[];
const validate = ((validatorModule as unknown as { default?: unknown }).default ?? validatorModule) as Validate;

export interface StatementEvent {
  unitId: string;
  statement: Statement;
  /** The validator's findings, in words; empty when the statement is valid xAPI. */
  problems: string[];
}

export type LaunchMode = 'Normal' | 'Browse' | 'Review';

export interface LaunchRequest {
  unitId: string;
  adapter: 'xapi' | 'cmi5';
  /** The lesson's activity IRI (the AU id of cmi5.xml). */
  activityId: string;
  /** The preview's origin as the browser reached it, e.g. `http://127.0.0.1:4300`. */
  origin: string;
  launchMode: LaunchMode;
  masteryScore?: number;
}

export interface LrsAnswer {
  status: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

const ACTOR = { objectType: 'Agent', name: 'Preview Learner', account: { homePage: 'https://tandem.invalid/preview', name: 'preview-learner' } };
const LAUNCH_DATA = 'LMS.LaunchData';
/** Where the preview serves the LRS and the cmi5 fetch URLs. */
export const LRS_PATH = '/lrs/';
export const FETCH_PATH = '/lrs-fetch/';

/** xAPI statement problems, in words, as Learning Locker's validator reports them. */
export function statementProblems(statement: unknown): string[] {
  return validate(statement).map((w) => `${w.path.join('.') || '(statement)'}: ${w.typeName ?? w.message ?? 'invalid'}`);
}

export class PreviewLrs {
  private readonly statements = new Map<string, Statement>();
  private readonly documents = new Map<string, { contentType: string; body: string }>();
  /** Authorization value → the unit the launch was for. */
  private readonly credentials = new Map<string, string>();
  private readonly fetchTokens = new Map<string, { auth: string; used: boolean }>();

  constructor(private readonly onStatement: (event: StatementEvent) => void) {}

  /** A fresh launch: the query string for the lesson page. */
  launch(request: LaunchRequest): string {
    const auth = `Basic ${Buffer.from(`preview:${randomUUID()}`).toString('base64')}`;
    this.credentials.set(auth, request.unitId);
    const registration = randomUUID();
    const actor = JSON.stringify(ACTOR);
    const endpoint = `${request.origin}${LRS_PATH}`;
    if (request.adapter === 'xapi') {
      return new URLSearchParams({ endpoint, auth, actor, registration, activity_id: request.activityId }).toString();
    }
    const fetchId = randomUUID();
    this.fetchTokens.set(fetchId, { auth, used: false });
    const sessionId = randomUUID();
    const contextTemplate = {
      contextActivities: { grouping: [{ objectType: 'Activity', id: request.activityId }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
    };
    const launchData: Record<string, unknown> = { contextTemplate, launchMode: request.launchMode, moveOn: 'CompletedAndPassed' };
    if (request.masteryScore !== undefined) launchData.masteryScore = request.masteryScore;
    this.documents.set(documentKey('state', { activityId: request.activityId, agent: actor, registration, stateId: LAUNCH_DATA }), {
      contentType: 'application/json',
      body: JSON.stringify(launchData),
    });
    // cmi5 9.3.2: the LMS records the launch before the AU starts.
    this.store(request.unitId, {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      actor: ACTOR,
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
      object: { objectType: 'Activity', id: request.activityId },
      context: {
        ...contextTemplate,
        registration,
        contextActivities: { ...contextTemplate.contextActivities, category: [{ objectType: 'Activity', id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }] },
        extensions: { ...contextTemplate.extensions, 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': request.launchMode, 'https://w3id.org/xapi/cmi5/context/extensions/moveon': 'CompletedAndPassed', 'https://w3id.org/xapi/cmi5/context/extensions/launchurl': `${request.origin}/units/${request.unitId}/` },
      },
    });
    const fetchUrl = `${request.origin}${FETCH_PATH}${fetchId}`;
    return new URLSearchParams({ endpoint, fetch: fetchUrl, actor, registration, activityId: request.activityId }).toString();
  }

  /** cmi5 8.2: the one-time fetch URL hands out the auth token. */
  fetchToken(id: string): LrsAnswer {
    const entry = this.fetchTokens.get(id);
    if (!entry) return { status: 404, body: JSON.stringify({ 'error-code': '3', 'error-text': 'Unknown fetch URL.' }), contentType: 'application/json' };
    if (entry.used) return { status: 200, body: JSON.stringify({ 'error-code': '1', 'error-text': 'The fetch URL was already used.' }), contentType: 'application/json' };
    entry.used = true;
    return { status: 200, body: JSON.stringify({ 'auth-token': entry.auth.slice('Basic '.length) }), contentType: 'application/json' };
  }

  /** One xAPI request: `resource` is the path after the endpoint, e.g. `statements`. */
  handle(method: string, resource: string, query: Record<string, string>, headers: { authorization?: string; contentType?: string; version?: string }, body: string): LrsAnswer {
    if (method === 'OPTIONS') return { status: 204 };
    if (resource === 'about') return json(200, { version: ['1.0.3'] });
    const unitId = this.credentials.get(headers.authorization ?? '');
    if (unitId === undefined) return { status: 401, body: 'Unknown credentials: launch the lesson from the preview.' };
    if (!/^1\.0(\.\d+)?$/.test(headers.version ?? '')) return { status: 400, body: 'Missing or unsupported X-Experience-API-Version.' };
    if (resource === 'statements') return this.statementsResource(unitId, method, query, body);
    if (resource === 'activities/state' || resource === 'agents/profile') {
      const key = documentKey(resource === 'activities/state' ? 'state' : 'profile', query);
      if (method === 'GET') {
        const doc = this.documents.get(key);
        return doc ? { status: 200, body: doc.body, contentType: doc.contentType } : { status: 404, body: 'No such document.' };
      }
      if (method === 'PUT' || method === 'POST') {
        // cmi5 10.0: the AU must not change LMS.LaunchData.
        if (query.stateId === LAUNCH_DATA) return { status: 403, body: 'LMS.LaunchData belongs to the LMS.' };
        this.documents.set(key, { contentType: headers.contentType ?? 'application/octet-stream', body });
        return { status: 204 };
      }
      if (method === 'DELETE') {
        this.documents.delete(key);
        return { status: 204 };
      }
    }
    return { status: 404, body: `No resource ${resource}.` };
  }

  private statementsResource(unitId: string, method: string, query: Record<string, string>, body: string): LrsAnswer {
    if (method === 'GET') {
      if (query.statementId) {
        const found = this.statements.get(query.statementId);
        return found ? json(200, found) : { status: 404, body: 'No such statement.' };
      }
      return json(200, { statements: [...this.statements.values()].filter((s) => !query.registration || (s.context as { registration?: string } | undefined)?.registration === query.registration), more: '' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { status: 400, body: 'The body is not JSON.' };
    }
    const incoming = (Array.isArray(parsed) ? parsed : [parsed]) as Statement[];
    if (method === 'PUT') {
      if (!query.statementId || incoming.length !== 1) return { status: 400, body: 'PUT needs ?statementId= and one statement.' };
      incoming[0]!.id ??= query.statementId;
    } else if (method !== 'POST') return { status: 405, body: 'Method not allowed.' };
    // Every statement reaches the panel, valid or not; only valid ones are stored, as an LRS would.
    const checked = incoming.map((statement) => ({ statement, problems: statementProblems(statement) }));
    for (const { statement, problems } of checked) this.onStatement({ unitId, statement, problems });
    const invalid = checked.find((c) => c.problems.length);
    if (invalid) return { status: 400, body: `Invalid statement: ${invalid.problems.join('; ')}` };
    for (const { statement } of checked) {
      statement.id ??= randomUUID();
      if (!this.statements.has(String(statement.id))) this.statements.set(String(statement.id), { ...statement, stored: new Date().toISOString() });
    }
    return method === 'PUT' ? { status: 204 } : json(200, incoming.map((s) => s.id));
  }

  private store(unitId: string, statement: Statement): void {
    this.statements.set(String(statement.id), { ...statement, stored: new Date().toISOString() });
    this.onStatement({ unitId, statement, problems: statementProblems(statement) });
  }
}

function json(status: number, value: unknown): LrsAnswer {
  return { status, body: JSON.stringify(value), contentType: 'application/json' };
}

function documentKey(kind: 'state' | 'profile', query: Record<string, string | undefined>): string {
  const agent = canonicalAgent(query.agent);
  return kind === 'state' ? `state|${query.activityId}|${agent}|${query.registration ?? ''}|${query.stateId}` : `profile|${agent}|${query.profileId}`;
}

/** Agents arrive as JSON with their keys in any order. */
function canonicalAgent(text: string | undefined): string {
  try {
    const agent = JSON.parse(text ?? '') as Record<string, unknown>;
    return JSON.stringify(agent.account ?? agent.mbox ?? agent.mbox_sha1sum ?? agent.openid ?? agent);
  } catch {
    return text ?? '';
  }
}

/**
 * The few LRS requests a lesson makes (xAPI 1.0.3 Communication §2): statements, the State API
 * (bookmarks, cmi5 LMS.LaunchData) and agent profiles (cmi5 learner preferences). Plain `fetch`,
 * so a request can be sent with `keepalive` while the page unloads, which axios-based clients
 * (@xapi/xapi, @xapi/cmi5) cannot do; and a few hundred bytes instead of their 18–31 kB gzipped.
 *
 * The Authorization value is held in this object only. It is never logged: errors name the
 * resource and the HTTP status, never the request headers.
 */
import type { Agent, Statement } from '@xapi/xapi';
import { timedRequest, type LrsResponse, type TimedRequestOptions } from './timedRequest.js';

export { parseRetryAfter, type LrsResponse } from './timedRequest.js';

export const XAPI_VERSION = '1.0.3';

export interface LrsConnection {
  /** The LRS endpoint, e.g. https://lrs.example.com/xapi/ (a trailing slash is added if missing). */
  endpoint: string;
  /** The whole Authorization header value, e.g. `Basic dXNlcjpwYXNz`. */
  auth: string;
}

export interface RequestOptions {
  /** Let the request outlive the page (fetch keepalive): for the last statements on pagehide. */
  keepalive?: boolean;
}

export interface StateParams {
  activityId: string;
  agent: Agent;
  registration?: string;
  stateId: string;
}

/** What the statement queue sends through: an LRS (LrsClient) or Tandem's relay (RelayClient). */
export type StatementEndpoint = Pick<LrsClient, 'postStatements' | 'putStatement' | 'getStatement' | 'putState'>;

export class LrsClient {
  private readonly endpoint: string;

  constructor(
    private readonly connection: LrsConnection,
    private readonly options: TimedRequestOptions = {},
  ) {
    this.endpoint = connection.endpoint.endsWith('/') ? connection.endpoint : `${connection.endpoint}/`;
  }

  postStatements(statements: Statement[], options: RequestOptions = {}): Promise<LrsResponse> {
    return this.request('POST', 'statements', {}, JSON.stringify(statements), options);
  }

  /** PUT with the statement's own id: the LRS answers 204 when stored, 409 when it already holds that id. */
  putStatement(statement: Statement, options: RequestOptions = {}): Promise<LrsResponse> {
    return this.request('PUT', 'statements', { statementId: statement.id! }, JSON.stringify(statement), options);
  }

  /** GET ?statementId=: 200 when the LRS holds the statement, 404 when it does not. */
  getStatement(id: string): Promise<LrsResponse> {
    return this.request('GET', 'statements', { statementId: id });
  }

  /** The parsed JSON document, or undefined when there is none (404). Throws when the LRS cannot answer. */
  async getState(params: StateParams): Promise<unknown> {
    return this.getDocument('activities/state', stateQuery(params));
  }

  putState(params: StateParams, document: unknown, options: RequestOptions = {}): Promise<LrsResponse> {
    return this.request('PUT', 'activities/state', stateQuery(params), JSON.stringify(document), options);
  }

  getAgentProfile(agent: Agent, profileId: string): Promise<unknown> {
    return this.getDocument('agents/profile', { agent: JSON.stringify(agent), profileId });
  }

  private async getDocument(resource: string, query: Record<string, string>): Promise<unknown> {
    const response = await this.request('GET', resource, query);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`The LRS answered ${response.status || 'nothing'} to GET ${resource}.`);
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      throw new Error(`The LRS sent a ${resource} document that is not JSON.`);
    }
  }

  private request(method: string, resource: string, query: Record<string, string>, body?: string, options: RequestOptions = {}): Promise<LrsResponse> {
    const search = new URLSearchParams(query).toString();
    const headers: Record<string, string> = { Authorization: this.connection.auth, 'X-Experience-API-Version': XAPI_VERSION };
    if (body) headers['Content-Type'] = 'application/json';
    return timedRequest(`${this.endpoint}${resource}${search ? `?${search}` : ''}`, { method, headers, body, keepalive: options.keepalive }, this.options);
  }
}

function stateQuery(params: StateParams): Record<string, string> {
  return {
    activityId: params.activityId,
    agent: JSON.stringify(params.agent),
    ...(params.registration ? { registration: params.registration } : {}),
    stateId: params.stateId,
  };
}

/**
 * The statement queue's connection when it sends to Tandem's relay (`tandem serve`) rather than to
 * an LRS: SCORM 1.2 packages with `scorm12.report_xapi`. The relay takes statements by POST only, on
 * one address, without any credential (it authorises by its allow-list and adds the LRS credentials
 * itself), so a lesson package holds no secret. It answers like an LRS's POST: 200 with the ids
 * once the statements are in its fsynced journal, 4xx with a code, 429/503 with Retry-After.
 *
 * The relay is write-only: it cannot say whether it holds a statement. So when the queue asks
 * (after a request whose answer it never saw), the answer is "not found" and the statement goes
 * again; the relay forwards it to the LRS under its original id, which the LRS stores once.
 */
import type { Statement } from '@xapi/xapi';
import { XAPI_VERSION, type RequestOptions, type StatementEndpoint } from './lrsClient.js';
import { timedRequest, type LrsResponse, type TimedRequestOptions } from './timedRequest.js';

export class RelayClient implements StatementEndpoint {
  constructor(
    /** `job_aids.relay_url`, e.g. https://learn.acme.example/statements. */
    private readonly url: string,
    private readonly options: TimedRequestOptions = {},
  ) {}

  postStatements(statements: Statement[], options: RequestOptions = {}): Promise<LrsResponse> {
    return this.post(JSON.stringify(statements), options);
  }

  putStatement(statement: Statement, options: RequestOptions = {}): Promise<LrsResponse> {
    return this.post(JSON.stringify(statement), options);
  }

  /** The relay never reads statements back: "not found", so the queue sends them again (see above). */
  async getStatement(): Promise<LrsResponse> {
    return { status: 404, body: '' };
  }

  /** The relay keeps no State API documents; a SCORM lesson's bookmark is the LMS's suspend_data, so none is ever queued. */
  async putState(): Promise<LrsResponse> {
    return { status: 405, body: '' };
  }

  private post(body: string, options: RequestOptions): Promise<LrsResponse> {
    // Only the headers the relay's CORS policy allows from a lesson origin.
    const headers = { 'Content-Type': 'application/json', 'X-Experience-API-Version': XAPI_VERSION };
    return timedRequest(this.url, { method: 'POST', headers, body, keepalive: options.keepalive }, this.options);
  }
}

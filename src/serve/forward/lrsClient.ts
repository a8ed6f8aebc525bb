/**
 * The relay's side of the LRS's Statement Resource (xAPI 1.0.3 Communication §2.1): POST a batch,
 * or PUT one statement by id. It sorts every answer into what the forwarder should do:
 * delivered, retry later (outage), or refused for good (this statement will never be stored).
 * The Authorization header goes only to the LRS; nothing of it is returned or logged.
 */

export interface LrsSettings {
  /** The xAPI base URL, ending in `/` (e.g. `https://lrs.example.com/xapi/`). */
  endpoint: string;
  /** The full Authorization header value, e.g. `Basic …`. */
  auth?: string;
  /** Per-request timeout. */
  timeoutMs: number;
}

export type LrsOutcome =
  | { kind: 'delivered' }
  /** Some statement of the batch is refused or conflicts: send them one by one to find which. */
  | { kind: 'split'; status: number }
  | { kind: 'refused'; status: number }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

export async function postStatements(lrs: LrsSettings, lines: readonly string[]): Promise<LrsOutcome> {
  const outcome = await send(lrs, 'POST', `${lrs.endpoint}statements`, `[${lines.join(',')}]`);
  if (outcome.kind === 'refused') return lines.length > 1 ? { kind: 'split', status: outcome.status } : outcome;
  return outcome;
}

/** PUT with the statement's own id: the way to store it exactly once (409 means it is already there). */
export async function putStatement(lrs: LrsSettings, id: string, line: string): Promise<LrsOutcome> {
  return send(lrs, 'PUT', `${lrs.endpoint}statements?statementId=${encodeURIComponent(id)}`, line);
}

async function send(lrs: LrsSettings, method: 'POST' | 'PUT', url: string, body: string): Promise<LrsOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
        ...(lrs.auth ? { Authorization: lrs.auth } : {}),
      },
      body,
      signal: AbortSignal.timeout(lrs.timeoutMs),
    });
    // Drain the body so the connection can be reused; its text is not needed (and never echoed).
    await response.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const name = (error as Error).name;
    return { kind: 'retry', reason: name === 'TimeoutError' ? 'timeout' : (cause?.code ?? name ?? 'network error') };
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  // xAPI 1.0.3 §2.1.2/§2.1.3: 409 = a statement with this id exists; the LRS has it.
  if (status === 409) return method === 'PUT' ? { kind: 'delivered' } : { kind: 'split', status };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return { kind: 'retry', reason: `HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status >= 500 || status === 408) return { kind: 'retry', reason: `HTTP ${status}` };
  // 401/403/404: the relay's LRS settings are wrong or the LRS is misconfigured. That is not the
  // statement's fault, so keep it and retry until an operator fixes the settings.
  if (status === 401 || status === 403 || status === 404) return { kind: 'retry', reason: `HTTP ${status}` };
  return { kind: 'refused', status };
}

/** RFC 9110 §10.2.3: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

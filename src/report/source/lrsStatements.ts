/**
 * Statements from an LRS through the xAPI query API (xAPI 1.0.3 Communication §2.1.3,
 * `GET /statements`), fetched into a local cache so the next run fetches only what is new.
 *
 * - One query per objective: `activity=<objective IRI>&related_activities=true` returns every
 *   lesson and job-aid statement that names the objective in its context.
 * - Pages are followed through `more` until it is empty.
 * - 429 Too Many Requests is answered by waiting `Retry-After` (seconds or an HTTP date, RFC 9110
 *   §10.2.3) and retrying, a bounded number of times.
 * - The cursor: the next run asks `since` the last run's `X-Experience-API-Consistent-Through`
 *   (the time up to which the LRS guarantees its answers are complete), else the latest `stored`
 *   seen. Each run's statements go to a new NDJSON segment in the cache folder; the report reads
 *   every segment, so a voiding statement fetched later still voids a statement fetched earlier.
 * - The LRS does not return voided statements (§2.1.3), only the voiding ones; those name no
 *   objective, so a second query by the `voided` verb fetches the ones stored since the last run.
 *
 * Credentials come from the caller (the CLI reads TANDEM_LRS_AUTH) and are never written to disk.
 */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { VOIDED_VERB_ID } from '../../xapi/index.js';

export interface LrsFetchOptions {
  /** The LRS's xAPI endpoint, e.g. `https://lrs.example/xapi/`. */
  endpoint: string;
  /** The Authorization header value. */
  auth: string;
  /** Activity IRIs to query (the course's objectives). */
  activities: readonly string[];
  /** Folder of cached segments and the cursor. */
  cacheDir: string;
  /** Statements per page asked for (the LRS may send fewer). */
  limit?: number;
  /** How often to retry a 429 before giving up. */
  maxRetries?: number;
  /** Longest wait for one Retry-After, in ms; a longer one is an error rather than a hang. */
  maxWaitMs?: number;
}

export interface LrsFetchResult {
  /** Statements fetched in this run. */
  fetched: number;
  requests: number;
  /** The segment written (undefined when nothing was new). */
  segment?: string;
  since?: string;
  cursor?: string;
}

export class LrsError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface Cursor {
  endpoint: string;
  since: string;
}

// Hidden, so reading the cache folder as statements skips it.
const CURSOR_FILE = '.cursor.json';

export async function fetchLrsStatements(options: LrsFetchOptions): Promise<LrsFetchResult> {
  await mkdir(options.cacheDir, { recursive: true });
  const cursor = await readCursor(options.cacheDir, options.endpoint);
  const segmentNumber = (await readdir(options.cacheDir)).filter((f) => /^segment-\d+\.ndjson$/.test(f)).length + 1;
  const segment = path.join(options.cacheDir, `segment-${String(segmentNumber).padStart(6, '0')}.ndjson`);
  const partial = `${segment}.partial`;
  const out = createWriteStream(partial);
  let fetched = 0;
  let requests = 0;
  let latestStored: string | undefined;
  let consistentThrough: string | undefined;
  const started = new Date().toISOString();
  try {
    // The voiding query comes last: a voiding statement names only its target, not the objective, and
    // one stored since the last run may void a statement already in the cache.
    const queries = [...options.activities.map((activity) => ({ activity, related_activities: 'true' })), { verb: VOIDED_VERB_ID }];
    for (const filter of queries) {
      const query = new URLSearchParams({ ...filter, limit: String(options.limit ?? 500), ascending: 'true' });
      if (cursor) query.set('since', cursor);
      let next: string | undefined = new URL(`statements?${query}`, withSlash(options.endpoint)).href;
      while (next) {
        const { body, headers } = await getJson(next, options);
        requests++;
        const header = headers.get('x-experience-api-consistent-through');
        if (header && (!consistentThrough || header < consistentThrough)) consistentThrough = header;
        const statements: unknown[] = Array.isArray(body?.statements) ? body.statements : [];
        for (const s of statements) {
          const stored = (s as { stored?: unknown }).stored;
          if (typeof stored === 'string' && (!latestStored || stored > latestStored)) latestStored = stored;
          if (!out.write(JSON.stringify(s) + '\n')) await once(out, 'drain');
          fetched++;
        }
        next = typeof body?.more === 'string' && body.more !== '' ? new URL(body.more, options.endpoint).href : undefined;
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  // Only a complete run moves the cursor and keeps its segment, so a failed run is simply rerun.
  const nextCursor = consistentThrough ?? latestStored ?? cursor ?? started;
  if (fetched > 0) await rename(partial, segment);
  else await rm(partial, { force: true });
  await writeFile(path.join(options.cacheDir, CURSOR_FILE), JSON.stringify({ endpoint: options.endpoint, since: nextCursor } satisfies Cursor, null, 2) + '\n');
  return { fetched, requests, segment: fetched > 0 ? segment : undefined, since: cursor, cursor: nextCursor };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the LRS's JSON is checked field by field
async function getJson(url: string, options: LrsFetchOptions): Promise<{ body: any; headers: Headers }> {
  const maxRetries = options.maxRetries ?? 5;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: options.auth, 'X-Experience-API-Version': '1.0.3', Accept: 'application/json' } });
    } catch (error) {
      throw new LrsError(`cannot reach ${new URL(url).origin}: ${(error as Error).message}`);
    }
    if (response.status === 429 && attempt < maxRetries) {
      const wait = retryAfterMs(response.headers.get('retry-after'));
      await response.arrayBuffer();
      if (wait > (options.maxWaitMs ?? 120_000)) throw new LrsError(`the LRS asked to wait ${Math.round(wait / 1000)} s (Retry-After), longer than Tandem waits`, 429);
      await sleep(wait);
      continue;
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 200);
      throw new LrsError(`GET ${new URL(url).pathname} answered ${response.status}${text ? `: ${text}` : ''}`, response.status);
    }
    try {
      return { body: await response.json(), headers: response.headers };
    } catch {
      throw new LrsError(`GET ${new URL(url).pathname} did not answer JSON`, response.status);
    }
  }
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); 1 s when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  if (value === null) return 1000;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

async function readCursor(dir: string, endpoint: string): Promise<string | undefined> {
  try {
    const cursor = JSON.parse(await readFile(path.join(dir, CURSOR_FILE), 'utf8')) as Partial<Cursor>;
    // A cache filled from another LRS says nothing about this one.
    return cursor.endpoint === endpoint && typeof cursor.since === 'string' ? cursor.since : undefined;
  } catch {
    return undefined;
  }
}

function withSlash(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}

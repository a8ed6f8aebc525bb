/**
 * The cmi5 launch sequence of an AU (cmi5 8.1 launch URL, 8.2 fetch URL, 10 LMS.LaunchData,
 * 11 learner preferences):
 *
 * 1. read `endpoint`, `fetch`, `actor`, `registration`, `activityId` from the launch URL;
 * 2. POST to the fetch URL once for the auth token. The fetch URL is one-time (8.2.3.1: a second
 *    POST gets an error), so the token is kept in sessionStorage, keyed by the fetch URL: a reload of
 *    the same launch reuses it instead of failing. sessionStorage lives as long as the tab and is not
 *    shared with other tabs; the token is not put in localStorage and never logged;
 * 3. GET the `LMS.LaunchData` state document (contextTemplate, launchMode, masteryScore, moveOn,
 *    returnURL), which the AU must not change;
 * 4. GET the `cmi5LearnerPreferences` agent profile (absent is fine).
 *
 * Types are @xapi/cmi5's. Its Cmi5 class is not used in the page: it sends through axios (no
 * keepalive, no persistent queue) and adds 31 kB gzipped to the lesson.
 */
import type { AuthTokenResponse, LaunchData, LaunchParameters, LearnerPreferences } from '@xapi/cmi5';
import { LrsClient } from './lrsClient.js';
import { timedRequest } from './timedRequest.js';
import { parseActor } from './tincanLaunch.js';

/** cmi5 10.0: the State API document the LMS writes before launch. */
export const LAUNCH_DATA_STATE_ID = 'LMS.LaunchData';
/** cmi5 11.0: the agent profile holding learner preferences. */
export const LEARNER_PREFERENCES_PROFILE_ID = 'cmi5LearnerPreferences';

export interface Cmi5Launch {
  parameters: LaunchParameters;
  client: LrsClient;
  /** The Authorization header value, `Basic <token>`. */
  auth: string;
  launchData: LaunchData;
  preferences: LearnerPreferences;
}

export class Cmi5LaunchError extends Error {
  override name = 'Cmi5LaunchError';
}

export function readCmi5Parameters(search: string): LaunchParameters | undefined {
  const params = new URLSearchParams(search);
  const endpoint = params.get('endpoint');
  const fetchUrl = params.get('fetch');
  const actor = parseActor(params.get('actor'));
  const registration = params.get('registration');
  const activityId = params.get('activityId');
  if (!endpoint || !fetchUrl || !actor || !registration || !activityId) return undefined;
  return { endpoint, fetch: fetchUrl, actor, registration, activityId };
}

/** `deadline` (ms since the epoch) bounds the fetch URL request: an LMS that never answers must not hold the lesson. */
export async function startCmi5Launch(parameters: LaunchParameters, storage: Storage | undefined, fetchImpl: typeof fetch = fetch, deadline = Date.now() + 10_000): Promise<Cmi5Launch> {
  const token = await authToken(parameters.fetch, storage, fetchImpl, deadline);
  const auth = `Basic ${token}`;
  const client = new LrsClient({ endpoint: parameters.endpoint, auth }, { fetch: fetchImpl });
  const launchData = (await client.getState({
    activityId: parameters.activityId,
    agent: parameters.actor,
    registration: parameters.registration,
    stateId: LAUNCH_DATA_STATE_ID,
  })) as LaunchData | undefined;
  if (!launchData || typeof launchData !== 'object' || !launchData.contextTemplate || !launchData.launchMode) {
    throw new Cmi5LaunchError('The LMS did not provide LMS.LaunchData for this launch.');
  }
  let preferences: LearnerPreferences = {};
  try {
    preferences = ((await client.getAgentProfile(parameters.actor, LEARNER_PREFERENCES_PROFILE_ID)) as LearnerPreferences | undefined) ?? {};
  } catch {
    // cmi5 11.0 makes preferences optional for the AU; a lesson without them uses its defaults.
  }
  return { parameters, client, auth, launchData, preferences };
}

async function authToken(fetchUrl: string, storage: Storage | undefined, fetchImpl: typeof fetch, deadline: number): Promise<string> {
  const key = `tandem.cmi5.token:${fetchUrl}`;
  const saved = safely(() => storage?.getItem(key));
  if (saved) return saved;
  let body: Partial<AuthTokenResponse> & { 'error-code'?: string; 'error-text'?: string };
  // At least 1 ms: timedRequest reads 0 as "no limit given" (its 10 s default).
  const answer = await timedRequest(fetchUrl, { method: 'POST' }, { timeoutMs: Math.max(1, deadline - Date.now()), fetch: fetchImpl });
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    throw new Cmi5LaunchError('The LMS did not answer the cmi5 fetch URL.');
  }
  const token = body['auth-token'];
  if (!token) throw new Cmi5LaunchError(`The LMS refused the cmi5 fetch URL (error ${body['error-code'] ?? 'unknown'}: ${body['error-text'] ?? 'no reason given'}).`);
  safely(() => storage?.setItem(key, token));
  return token;
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

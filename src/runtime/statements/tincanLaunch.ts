/**
 * The Tin Can launch (Rustici's "Tin Can launch" convention, which LRS-centred players follow):
 * the player opens the launch page with `endpoint`, `auth`, `actor`, `registration` and
 * `activity_id` query parameters.
 *
 * `auth` is a credential. As soon as it is read, the parameters are removed from the address bar
 * (`history.replaceState`), so they do not stay in the history, get bookmarked, or show in a
 * screenshot; the page's `<meta name="referrer" content="no-referrer">` keeps them out of Referer
 * headers in the meantime. The launch is kept in sessionStorage, and nowhere else, because a reload
 * (the parameters are gone by then) must still be able to send what is queued: sessionStorage lives
 * only as long as the tab and is not shared with other tabs, whereas localStorage would keep the
 * credential after the learner leaves and hand it to every page of the LMS's origin. It is never
 * logged.
 */
import type { Agent } from '@xapi/xapi';

export interface TinCanLaunch {
  endpoint: string;
  /** The whole Authorization header value. */
  auth: string;
  actor: Agent;
  registration?: string;
  /** The launched activity; the package's own lesson IRI when the player gives none. */
  activityId?: string;
}

const LAUNCH_PARAMS = ['endpoint', 'auth', 'actor', 'registration', 'activity_id', 'grouping', 'activity_platform', 'content_token', 'Accept-Language'];

/**
 * Reads the launch from the address (and removes it from there), or, after a reload, from
 * sessionStorage. Undefined when the page was opened without a launch: the lesson then runs
 * without recording.
 */
export function readTinCanLaunch(location: Location, history: History, storage: Storage | undefined): TinCanLaunch | undefined {
  const key = `tandem.tincan.launch:${location.pathname}`;
  const params = new URLSearchParams(location.search);
  const launch = parseLaunch(params);
  if (launch) {
    try {
      storage?.setItem(key, JSON.stringify(launch));
    } catch {
      // Storage refused (sandboxed frame): this page load still works; a reload will not record.
    }
    for (const name of LAUNCH_PARAMS) params.delete(name);
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    return launch;
  }
  try {
    const saved = storage?.getItem(key);
    return saved ? (JSON.parse(saved) as TinCanLaunch) : undefined;
  } catch {
    return undefined;
  }
}

export function parseLaunch(params: URLSearchParams): TinCanLaunch | undefined {
  const endpoint = params.get('endpoint');
  const auth = params.get('auth');
  const actor = parseActor(params.get('actor'));
  if (!endpoint || !auth || !actor) return undefined;
  const launch: TinCanLaunch = { endpoint, auth, actor };
  const registration = params.get('registration');
  if (registration) launch.registration = registration;
  const activityId = params.get('activity_id');
  if (activityId) launch.activityId = activityId;
  return launch;
}

/**
 * The actor as JSON. Older Tin Can players send the 0.95 shape, with every property an array
 * (`{"name":["Ann"],"mbox":["mailto:ann@example.com"]}`, `account: [{accountServiceHomePage, accountName}]`):
 * take the first of each.
 */
export function parseActor(text: string | null): Agent | undefined {
  if (!text) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const agent: Agent = { objectType: 'Agent' };
  const name = first(raw.name);
  if (typeof name === 'string') agent.name = name;
  const mbox = first(raw.mbox);
  const account = first(raw.account) as Record<string, unknown> | undefined;
  if (typeof mbox === 'string') agent.mbox = mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}`;
  else if (typeof raw.mbox_sha1sum === 'string') agent.mbox_sha1sum = raw.mbox_sha1sum;
  else if (typeof raw.openid === 'string') agent.openid = raw.openid;
  else if (account && typeof account === 'object') {
    const homePage = account.homePage ?? account.accountServiceHomePage;
    const accountName = account.name ?? account.accountName;
    if (typeof homePage !== 'string' || typeof accountName !== 'string') return undefined;
    agent.account = { homePage, name: accountName };
  } else {
    return undefined;
  }
  return agent;
}

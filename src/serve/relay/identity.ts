/**
 * Optional identity from an SSO proxy (e.g. oauth2-proxy's `X-Auth-Request-Email`). The relay
 * replaces the page's anonymous actor with an account whose name is an HMAC-SHA256 of the
 * identity under the server secret: stable, so a scan joins a person's lesson results, yet no raw
 * e-mail is ever journaled or forwarded, and without the secret nobody can recompute it.
 */
import { createHmac } from 'node:crypto';

export interface IdentitySettings {
  /** Lower-case header name, e.g. `x-auth-request-email`. */
  header: string;
  /** The account's homePage, e.g. the SSO's origin. */
  homePage: string;
  secret: string;
}

/** The actor for a request, or undefined when the header is absent (the page's anonymous id stays). */
export function identityActor(settings: IdentitySettings, headerValue: string | string[] | undefined): { objectType: 'Agent'; account: { homePage: string; name: string } } | undefined {
  const value = (Array.isArray(headerValue) ? headerValue[0] : headerValue)?.trim();
  if (!value) return undefined;
  return { objectType: 'Agent', account: { homePage: settings.homePage, name: hashIdentity(settings.secret, value) } };
}

/** Identities compare case-insensitively (e-mail addresses do in practice). */
export function hashIdentity(secret: string, identity: string): string {
  return createHmac('sha256', secret).update(identity.trim().toLowerCase(), 'utf8').digest('hex');
}

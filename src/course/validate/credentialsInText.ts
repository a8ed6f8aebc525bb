/**
 * Finds what looks like a credential in free text: a lesson, a job aid, a theme file, or a built
 * page or script. Packages are uploaded to LMSs and shared drives where anyone can unzip them,
 * so a key pasted into a lesson is as good as published. The patterns are narrow on purpose (a
 * false alarm stops a build): URLs with a password or a secret-bearing query parameter,
 * Authorization header values, private key blocks, and token formats with a fixed prefix.
 * Callers report the reason and the position, never the value.
 */

/** Query parameters that carry a secret: signed URLs (AWS, Azure SAS, GCS), OAuth codes, API keys. */
export const SECRET_PARAM =
  /^(?:access[_-]?token|refresh[_-]?token|id[_-]?token|token|auth|auth[_-]?key|authorization|api[_-]?key|apikey|key|password|passwd|pwd|secret|client[_-]?secret|code|sig|signature|sas|jwt|session[_-]?id|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)$/i;

export interface FoundCredential {
  /** Offset of the secret in the text. */
  index: number;
  length: number;
  /** What it looks like, in words, without the value. */
  reason: string;
}

interface Pattern {
  regex: RegExp;
  /** The regex's matches, found a cheaper way with the same result (default: matchAll). */
  matches?: (text: string) => Iterable<RegExpExecArray>;
  /** Text every match contains: most texts lack it, and a substring search is far cheaper than the regex. */
  needs?: readonly string[];
  reason: (match: RegExpExecArray) => string | undefined;
  /** Capture group holding the secret itself (0: the whole match). */
  group?: number;
}

const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@"'<>()[\]]+:([^\s/?#@"'<>()[\]]+)@/gi;
const URL_PASSWORD_AT = new RegExp(URL_PASSWORD.source, 'iy');
const SCHEME_CHAR = /[a-z0-9+.-]/i;

/**
 * URL_PASSWORD's matches, trying the regex only where a scheme ends in "://": tried at every word
 * of a page (its `\b[a-z]` start) it was half of the whole scan of a build's cards. A match can
 * only start in the run of scheme characters just before a "://", and the leftmost start there
 * that matches is the one the global regex finds. Matches cannot overlap: a run stops at the "@"
 * that ends the previous match, and a match holds no "/" after its own "://".
 */
export function* urlPasswords(text: string): Generator<RegExpExecArray> {
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 1)) {
    let start = sep;
    while (start > 0 && SCHEME_CHAR.test(text[start - 1]!)) start--;
    for (let at = start; at < sep; at++) {
      URL_PASSWORD_AT.lastIndex = at;
      const match = URL_PASSWORD_AT.exec(text);
      if (match) {
        yield match;
        break;
      }
    }
  }
}

const PATTERNS: Pattern[] = [
  { regex: URL_PASSWORD, matches: urlPasswords, needs: ['://'], reason: () => 'a user name and password in a URL', group: 1 },
  {
    // `&amp;` too: in built HTML the parameters of a link are escaped.
    regex: /[?&#;]([A-Za-z][\w.-]*)=([A-Za-z0-9%._~+/=-]{8,})/g,
    needs: ['='],
    reason: (m) => (SECRET_PARAM.test(m[1]!) ? `a "${m[1]}" parameter in a URL` : undefined),
    group: 2,
  },
  { regex: /\b(?:Basic|Bearer)\s+((?=[A-Za-z0-9+/=._~-]*[0-9+/=])[A-Za-z0-9+/=._~-]{16,})/g, needs: ['Basic', 'Bearer'], reason: () => 'an Authorization header value', group: 1 },
  { regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g, needs: ['-----BEGIN '], reason: () => 'a private key' },
  { regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, needs: ['AKIA', 'ASIA'], reason: () => 'an AWS access key id' },
  { regex: /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/g, needs: ['gh', 'github_pat_'], reason: () => 'a GitHub token' },
  { regex: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, needs: ['xox'], reason: () => 'a Slack token' },
  { regex: /\b[rs]k_live_[0-9A-Za-z]{16,}\b/g, needs: ['k_live_'], reason: () => 'a Stripe live key' },
  { regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, needs: ['eyJ'], reason: () => 'a JSON Web Token' },
];

/** Base64 data URLs (inlined fonts and images) are binary: random letters there must not look like keys. */
const DATA_URL = /data:[\w.+-]+\/[\w.+-]+(?:;[\w=.+-]+)*;base64,[A-Za-z0-9+/=]+/g;

/** Every credential-looking value in `text`, in order of position. */
export function credentialsInText(text: string): FoundCredential[] {
  const scanned = text.includes(';base64,') ? text.replace(DATA_URL, (m) => ' '.repeat(m.length)) : text;
  const found: FoundCredential[] = [];
  for (const pattern of PATTERNS) {
    if (pattern.needs && !pattern.needs.some((n) => scanned.includes(n))) continue;
    for (const match of pattern.matches?.(scanned) ?? scanned.matchAll(pattern.regex)) {
      const reason = pattern.reason(match as RegExpExecArray);
      if (!reason) continue;
      const secret = match[pattern.group ?? 0]!;
      const index = match.index + (pattern.group ? match[0].lastIndexOf(secret) : 0);
      found.push({ index, length: secret.length, reason });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * No secret in a package. Whatever tandem.config.yaml holds can end up in a built package (a job
 * aid's relay URL, a base IRI in every statement) and packages are uploaded to LMSs and shared
 * drives, where anyone can unzip them. LRS credentials must only ever arrive at launch (the cmi5
 * fetch URL, the Tin Can `auth` parameter) or be added server-side (a job-aid relay). So a build
 * refuses a config that holds something that looks like a credential:
 *
 * - a URL with user info (`https://user:pass@lrs.example.com/`), even one `new URL` rejects;
 * - a URL whose query or fragment has a credential-like parameter (`?token=`, `?api_key=`,
 *   `#access_token=`, `?code=`, `?sig=`, `?sas=`, `?auth_key=`, `?X-Amz-Signature=`);
 * - an `Authorization` value (`Basic …`, `Bearer …`);
 * - a field whose name says it is one (`password`, `secret`, `token`, `api_key`, `auth`…), wherever it
 *   is written; the schema rejects unknown fields too, but this says why it matters.
 *
 * Diagnostics name the field and the reason, never the value.
 */
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yamlSource.js';
import { SECRET_PARAM } from '../validate/credentialsInText.js';

const SECRET_NAME =
  /^(auth|authorization|password|passwd|pwd|secret|token|key|api[_-]?key|apikey|credentials?|jwt|sig|signature|private[_-]?key)$|password|secret|token|api[_-]?key|auth[_-]?key|access[_-]?key|signature|credential/i;
/** Userinfo in anything that looks like a URL, even one `new URL` rejects (a bad port, a space in the host). */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;
const AUTH_VALUE = /^(basic|bearer)\s+\S{8,}/i;
const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Runs on the config as loadConfig parsed it; the file is read and parsed once. */
export function findConfigCredentials(source: YamlSource): Diagnostic[] {
  if (source.data === undefined) return [];
  const found: Diagnostic[] = [];
  walk(source.data, [], (path, value) => {
    const reason = credentialIn(path, value);
    if (reason) found.push(diagnose('CONFIG_CREDENTIAL', { field: path.join('.'), reason }, source.locate(path)));
  });
  return found;
}

function walk(value: unknown, path: (string | number)[], visit: (path: (string | number)[], value: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key], visit);
  else visit(path, value);
}

/** Why this value looks like a credential, in words; undefined when it does not. */
export function credentialIn(path: readonly (string | number)[], value: unknown): string | undefined {
  const name = String(path.at(-1) ?? '');
  if (typeof path.at(-1) === 'string' && SECRET_NAME.test(name) && value !== null && value !== '' && value !== undefined) return `a field named "${name}"`;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (AUTH_VALUE.test(text)) return 'an Authorization header value';
  if (!URL_VALUE.test(text)) return undefined;
  if (USERINFO.test(text)) return 'a user name or password in the URL';
  // Parameters are read from the text, not from `new URL`, which refuses some URLs an LMS or a browser still follows.
  const secret = queryParameterNames(text).find((p) => SECRET_NAME.test(p) || SECRET_PARAM.test(p));
  return secret ? `a "${secret}" parameter in the URL` : undefined;
}

/** Names of the query and fragment parameters of a URL, decoded where possible. */
function queryParameterNames(url: string): string[] {
  const start = url.search(/[?#]/);
  if (start < 0) return [];
  return url
    .slice(start + 1)
    .split(/[&;?#]/)
    .map((pair) => pair.split('=')[0]!)
    .filter(Boolean)
    .map((name) => {
      try {
        return decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        return name;
      }
    });
}

/**
 * `text` with the value each diagnostic points at replaced by `*` (line breaks kept, so every
 * other position stays valid): what code frames show, so no report repeats a flagged credential.
 * Columns are UTF-16 offsets within the line, as the yaml package's LineCounter counts them.
 */
export function maskRanges(text: string, at: readonly Location[]): string {
  if (at.length === 0) return text;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number) => Math.min((lineStarts[line - 1] ?? text.length) + column - 1, text.length);
  const units = text.split('');
  for (const loc of at) {
    if (!loc.line) continue;
    const start = offset(loc.line, loc.column ?? 1);
    // Without an end, mask to the end of the line.
    const end = loc.endColumn === undefined ? (lineStarts[loc.line] ?? text.length) : offset(loc.endLine ?? loc.line, loc.endColumn);
    for (let i = start; i < end; i++) if (units[i] !== '\n' && units[i] !== '\r') units[i] = '*';
  }
  return units.join('');
}


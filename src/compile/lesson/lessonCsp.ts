/**
 * The Content-Security-Policy of every lesson page, written as a <meta> right after the charset
 * (before any stylesheet or script, so it governs them). The author-HTML allow-list already keeps
 * script out of the page; the policy is the second wall, for whatever a theme or a future bug lets
 * through:
 *
 * - scripts only from files (`'self'`: the package's player script); no inline script, no eval.
 *   `<script type="application/json">` data blocks are not executed, so they need no allowance;
 * - no plug-ins (`object-src 'none'`), no <base> (`base-uri 'none'`), no form posts
 *   (`form-action 'none'`);
 * - `connect-src` open to http(s): a Tin Can or cmi5 lesson posts its statements to the LRS its
 *   launch URL names, on any host. SCORM reaches the LMS's API as a JavaScript object in a parent
 *   frame, which CSP does not govern;
 * - images and media also from the network: `tandem check` warns about them (ASSET_EXTERNAL), but
 *   they cannot run script.
 * `frame-ancestors` cannot be set from a <meta>, and must not be: the LMS frames the lesson.
 */
export const LESSON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https: http:",
  "media-src 'self' data: https: http:",
  "font-src 'self' data:",
  "connect-src 'self' https: http:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const LESSON_CSP_META = `<meta http-equiv="Content-Security-Policy" content="${LESSON_CSP}">`;

/** Puts the policy right after `<meta charset>` (which must stay in the first 1024 bytes), else first in <head>. */
export function withLessonCsp(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  // A theme's page without <head> is a theme bug; shipping it without its policy would hide it.
  if (!head) throw new Error("The theme's lesson page has no <head>, so it cannot carry its Content-Security-Policy.");
  const charset = /<meta charset=[^>]*>\n?/i.exec(html);
  const at = charset && charset.index > head.index ? charset.index + charset[0].length : head.index + head[0].length;
  return `${html.slice(0, at)}${LESSON_CSP_META}\n${html.slice(at)}`;
}

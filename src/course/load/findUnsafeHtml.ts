/**
 * Finds what the author-HTML policy (course/html/authorHtml) would remove from a lesson or job aid,
 * with the position in the .md file, so `tandem check` reports it before anything is built.
 *
 * Each top-level Markdown block is rendered by marked on its own and sanitised; every removal is
 * then found in the block's source: raw HTML reaches the rendered HTML verbatim, so the removed
 * start tag or attribute is searched as written; a Markdown link's address (`[x](javascript:…)`)
 * is searched by its value. Blocks rendered as plain text (screen and section headings) and code
 * blocks (escaped by marked; question blocks are YAML) are skipped.
 */
import { Marked, type Token } from 'marked';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { sanitizeAuthorHtml } from '../html/authorHtml.js';
import type { MarkdownSource } from './markdownSource.js';

// A private instance: the options of other Marked users must not change what is checked.
const marked = new Marked({ gfm: true });

/** Addresses that need no second look; anything else (another scheme, an entity that may hide one) is sanitised. */
const PLAIN_ADDRESS = /^(?:(?:https?|mailto|tel):[^&]*|[^:&]*)$/i;

/**
 * A path on the author's computer (`C:\…`, `\\server\…`, `file:`): removed like any unknown
 * scheme, but reported once, as ASSET_PATH_NOT_PORTABLE (checkAssets), with the spelling to use.
 */
const LOCAL_PATH = /^(?:[a-z]:[\\/]|\\\\|file:)/i;

export function findUnsafeHtml(source: MarkdownSource, code: 'LESSON_HTML_UNSAFE' | 'JOB_AID_HTML_UNSAFE', unitId?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { token, offset } of source.tokens) {
    if (token.type === 'code' || (token.type === 'heading' && token.depth <= 2) || !mayHoldHtml(token)) continue;
    const rendered = marked.parser([token] as Token[]);
    const { removed } = sanitizeAuthorHtml(rendered);
    const end = offset + token.raw.length;
    let cursor = offset;
    for (const removal of removed) {
      if (removal.value !== undefined && (LOCAL_PATH.test(removal.value.trim()) || LOCAL_PATH.test((decodeUri(removal.value) ?? "").trim()))) continue;
      const written = rendered.slice(removal.offset, removal.offset + removal.length);
      // As written; else a link's address as written (marked %-encodes some characters of it).
      let found = -1;
      let length = 0;
      for (const needle of [written, removal.value, decodeUri(removal.value)]) {
        found = needle ? indexWithin(source.text, needle, cursor, end) : -1;
        if (found >= 0) {
          length = needle!.length;
          cursor = found + length;
          break;
        }
      }
      if (found < 0) found = cursor;
      diagnostics.push(diagnose(code, { what: removal.what }, { ...source.at(found, Math.min(length, lineRest(source.text, found))), unitId }));
    }
  }
  return diagnostics;
}

/**
 * Whether marked could write anything the policy removes: raw HTML, or a link or image whose
 * address is not plainly http(s), mailto, tel or relative. Most blocks are neither, and sanitising
 * them would only cost time (jsdom is loaded on first use).
 */
function mayHoldHtml(token: Token): boolean {
  let found = false;
  marked.walkTokens([token], (t) => {
    if (t.type === 'html' || ((t.type === 'link' || t.type === 'image') && !PLAIN_ADDRESS.test(t.href.trim()))) found = true;
  });
  return found;
}

function decodeUri(value: string | undefined): string | undefined {
  try {
    return value && decodeURI(value);
  } catch {
    return undefined;
  }
}

function indexWithin(text: string, needle: string, from: number, to: number): number {
  const found = text.indexOf(needle, from);
  return found >= 0 && found + needle.length <= to ? found : -1;
}

/** A range for the code frame stays on its line. */
function lineRest(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return (newline < 0 ? text.length : newline) - offset;
}

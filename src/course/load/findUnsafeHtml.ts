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

/** Anything that can turn into HTML or a URL scheme: a tag, a colon, or an entity that hides either. */
const MAY_HOLD_HTML = /[<:&]/;

export function findUnsafeHtml(source: MarkdownSource, code: 'LESSON_HTML_UNSAFE' | 'JOB_AID_HTML_UNSAFE', unitId?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { token, offset } of source.tokens) {
    if (!MAY_HOLD_HTML.test(token.raw) || token.type === 'code' || (token.type === 'heading' && token.depth <= 2)) continue;
    const rendered = marked.parser([token] as Token[]);
    const { removed } = sanitizeAuthorHtml(rendered);
    const end = offset + token.raw.length;
    let cursor = offset;
    for (const removal of removed) {
      const written = rendered.slice(removal.offset, removal.offset + removal.length);
      let found = written ? indexWithin(source.text, written, cursor, end) : -1;
      let length = written.length;
      if (found < 0 && removal.value) {
        found = indexWithin(source.text, removal.value, cursor, end);
        length = removal.value.length;
      }
      if (found < 0) {
        found = cursor;
        length = 0;
      } else {
        cursor = found + length;
      }
      diagnostics.push(diagnose(code, { what: removal.what }, { ...source.at(found, Math.min(length, lineRest(source.text, found))), unitId }));
    }
  }
  return diagnostics;
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

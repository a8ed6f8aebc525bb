/**
 * The lesson syntax beyond plain Markdown, read the same way by `tandem check` (here, with
 * positions) and by the lesson renderer (compile/lesson/lessonMarkdown):
 *
 * - callouts, GitHub's alert syntax: a quote whose first line is `> [!NOTE]`, `[!TIP]`,
 *   `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`;
 * - an image's width, `{width=320}` or `{width=50%}` right after it; an image alone in its
 *   paragraph is a figure whose title (`![alt](src "Caption")`) is its caption;
 * - what must not ship: an image without alt text, audio or video written as an image (a broken
 *   `<img>`), and lines of pipes without the separator row that makes them a table.
 */
import type { Token, Tokens } from 'marked';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { closestName } from '../validate/closestName.js';
import { stripQuery } from './collectAssetRefs.js';
import type { MarkdownSource } from './markdownSource.js';

export const CALLOUT_TYPES = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

/** `[!WARNING]` alone on the first line of a quote (GitHub's alerts). */
const CALLOUT_MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\n|$)/;

/** The callout a blockquote token is, and its marker; undefined for a plain quote. */
export function calloutOf(token: Tokens.Blockquote): { type: CalloutType | undefined; written: string } | undefined {
  const first = token.tokens[0];
  if (first?.type !== 'paragraph') return undefined;
  const marker = CALLOUT_MARKER.exec((first as Tokens.Paragraph).raw);
  if (!marker) return undefined;
  const written = marker[1]!;
  const type = CALLOUT_TYPES.find((t) => t === written.toLowerCase());
  return { type, written };
}

export const VIDEO_EXTENSIONS = /\.(mp4|m4v|webm|ogv|mov)$/i;
export const AUDIO_EXTENSIONS = /\.(mp3|m4a|aac|ogg|oga|wav|flac|opus)$/i;

/** `{width=320}` or `{width=50%}` at the start of the text that follows an image. */
const IMAGE_OPTIONS = /^\{([^{}\n]*)\}/;

/** The width written after an image: pixels 16–2000 or a percentage 10–100; `invalid` when the braces hold anything else. */
export function imageOptionsOf(following: string): { written: string; width?: string; invalid?: true } | undefined {
  const match = IMAGE_OPTIONS.exec(following);
  if (!match) return undefined;
  const written = match[0];
  const width = /^\s*width\s*=\s*(\d{1,4})(%?)\s*$/.exec(match[1]!);
  if (!width) return { written, invalid: true };
  const n = Number(width[1]);
  const ok = width[2] ? n >= 10 && n <= 100 : n >= 16 && n <= 2000;
  return ok ? { written, width: `${n}${width[2]}` } : { written, invalid: true };
}

/** Problems with callouts, tables and images in the lesson's Markdown, each where it is written. */
export function findLessonContentProblems(source: MarkdownSource, unitId?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { token, offset } of source.tokens) {
    const end = offset + token.raw.length;
    let cursor = offset;
    /** Where `needle` is written next inside this block (its start when it cannot be found). */
    const find = (needle: string): number => {
      const found = source.text.indexOf(needle, cursor);
      if (found < 0 || found + needle.length > end) return cursor;
      cursor = found + needle.length;
      return found;
    };
    if (token.type === 'code' || token.type === 'html') continue;
    if (token.type === 'paragraph') {
      const rows = malformedTableRows(token.raw);
      if (rows > 0) diagnostics.push(diagnose('TABLE_MALFORMED', { rows }, { ...source.at(offset + token.raw.indexOf('|'), 1), unitId }));
    }
    visit(token, (t, next) => {
      if (t.type === 'blockquote') {
        const callout = calloutOf(t as Tokens.Blockquote);
        if (callout && !callout.type) {
          const at = find(`[!${callout.written}]`);
          diagnostics.push(
            diagnose('CALLOUT_TYPE_UNKNOWN', { type: callout.written, suggestion: closestName(callout.written, CALLOUT_TYPES)?.toUpperCase() ?? '' }, { ...source.at(at, callout.written.length + 3), unitId }),
          );
        }
      }
      if (t.type !== 'image') return;
      const image = t as Tokens.Image;
      const at = find(image.raw);
      const where = { ...source.at(at, Math.min(image.raw.length, lineRest(source.text, at))), unitId };
      const file = stripQuery(image.href);
      if (VIDEO_EXTENSIONS.test(file) || AUDIO_EXTENSIONS.test(file)) diagnostics.push(diagnose('MEDIA_AS_IMAGE', { ref: image.href }, where));
      else if (!image.text.trim()) diagnostics.push(diagnose('IMAGE_ALT_MISSING', { ref: image.href }, where));
      const options = next?.type === 'text' ? imageOptionsOf(next.raw) : undefined;
      if (options?.invalid) diagnostics.push(diagnose('IMAGE_OPTIONS_INVALID', { options: options.written }, { ...source.at(at + image.raw.length, options.written.length), unitId }));
    });
  }
  return diagnostics;
}

/**
 * Lines that were meant as a table: two or more, each starting and ending with `|`, with no
 * separator row (marked then reads them as a paragraph). 0 when the paragraph is not that.
 */
export function malformedTableRows(raw: string): number {
  const lines = raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return 0;
  return lines.every((line) => /^ {0,3}\|.*[^\\]\|[ \t]*$/.test(line)) ? lines.length : 0;
}

/** Walks a token's Markdown children in document order; `next` is the sibling after each. */
function visit(token: Token, fn: (t: Token, next: Token | undefined) => void, next?: Token): void {
  fn(token, next);
  const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
  const children = (list: Token[]) => list.forEach((child, i) => visit(child, fn, list[i + 1]));
  if (t.type === 'code') return;
  children(t.tokens ?? []);
  children(t.items ?? []);
  for (const cell of t.header ?? []) children(cell.tokens);
  for (const row of t.rows ?? []) for (const cell of row) children(cell.tokens);
}

function lineRest(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return (newline < 0 ? text.length : newline) - offset;
}

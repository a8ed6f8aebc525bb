/**
 * Finds every file a lesson or job aid points at (Markdown images and links, and src/href in raw
 * HTML such as <video>), with the position where it is written, for the asset checks and the
 * packagers.
 */
import type { Token } from 'marked';
import type { AssetRef } from '../model/unit.js';
import type { MarkdownSource } from './markdownSource.js';

const MEDIA_EXTENSIONS = /\.(mp4|m4v|webm|ogv|mov|mp3|m4a|aac|ogg|oga|wav|flac)$/i;
// `[^<>]*?`, not `[^>]*?`: a tag never spans another `<`, and an HTML block full of unclosed tags stays linear.
const HTML_REF = /<(img|video|audio|source|track|a|iframe|embed)\b[^<>]*?\s(src|href|poster)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;

export function collectAssetRefs(source: MarkdownSource, tokens = source.tokens): AssetRef[] {
  const refs: AssetRef[] = [];
  // A reference not written as its href (an autolink's "http://" + "www.x") makes indexOf scan
  // the rest of the file; once per link that is quadratic. After this much scanning, refs point
  // at their block instead of their exact column.
  let searchBudget = 4 * source.text.length;
  for (const { token, offset } of tokens) {
    let cursor = offset;
    const add = (ref: string, kind: AssetRef['kind']) => {
      if (!ref) return;
      const found = searchBudget > 0 ? source.text.indexOf(ref, cursor) : -1;
      searchBudget -= (found >= 0 ? found + ref.length : source.text.length) - cursor;
      const where = found >= 0 ? found : offset;
      if (found >= 0) cursor = found + ref.length;
      const at = source.at(where);
      // Media written as an image (`![](clip.mp4)`) is MEDIA_AS_IMAGE; it plays nowhere, so it has no play time to ask for.
      const media = kind !== 'image' && MEDIA_EXTENSIONS.test(stripQuery(ref));
      refs.push({ ref, kind: media ? 'media' : kind, file: source.file, line: at.line!, column: at.column! });
    };
    walk(token, (t) => {
      if (t.type === 'image') add(t.href, 'image');
      else if (t.type === 'link') add(t.href, 'link');
      else if (t.type === 'html') {
        for (const m of t.raw.matchAll(HTML_REF)) {
          const tag = m[1]!.toLowerCase();
          const kind = tag === 'video' || tag === 'audio' || tag === 'source' || tag === 'track' ? 'media' : tag === 'a' ? 'link' : 'image';
          add(m[4] ?? m[5] ?? m[6] ?? '', kind);
        }
      }
    });
  }
  return refs;
}

/** External references (a scheme like https: or mailto:, or a page anchor) are not files in the unit. */
export function isExternalRef(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//') || ref.startsWith('#');
}

export function stripQuery(ref: string): string {
  return ref.replace(/[?#].*$/, '');
}

function walk(token: Token, visit: (t: Token) => void): void {
  visit(token);
  const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
  // Code blocks (including question blocks) are not Markdown: their text is not scanned.
  if (t.type === 'code') return;
  for (const child of t.tokens ?? []) walk(child, visit);
  for (const item of t.items ?? []) walk(item, visit);
  for (const cell of t.header ?? []) for (const c of cell.tokens) walk(c, visit);
  for (const row of t.rows ?? []) for (const cell of row) for (const c of cell.tokens) walk(c, visit);
}

/**
 * The HTML an author may put in a lesson or a job aid, and the one function that enforces it.
 *
 * Lessons play on the LMS's own origin (Moodle serves SCORM content from the same origin as the
 * learner's and the admin's session), so any script in a lesson can read the LMS page, call the
 * SCORM API and take a Tin Can `auth` or a cmi5 token. Everything Markdown renders therefore passes
 * an allow-list: simple structure, tables and media stay; scripts, event handlers, frames, plug-ins,
 * forms, <base>, <meta>, <style>, <link>, `javascript:` URLs and `data:` URLs outside images and
 * media go. `id`, `name` and `data-*` go too: the player finds its own parts by id and data-*
 * attributes, and an author's `id="API"` would shadow the SCORM API the player looks for.
 *
 * The decisions are DOMPurify's (cure53, the most audited HTML sanitiser), run on jsdom's DOM,
 * which parses with parse5 (the WHATWG algorithm browsers implement), so what is checked is what a
 * browser sees. Positions come from parse5 parsing the same text with source locations. The output
 * is serialised here with marked's escaping, so HTML that needed no change (every pure Markdown
 * lesson) comes out byte for byte as marked wrote it.
 *
 * This module is shared by `tandem check` (which reports each removal with its position) and by
 * the renderers (which ship only the sanitised HTML), so both apply one policy.
 */
import { createRequire } from 'node:module';
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import type { JSDOM } from 'jsdom';
import { parseFragment, type DefaultTreeAdapterMap, type Token } from 'parse5';

/** One thing the sanitiser removed. */
export interface HtmlRemoval {
  /** As an author reads it: `<script>`, `onerror` on `<img>`, `href="javascript:alert(1)"` on `<a>`. */
  what: string;
  /** Where the removed element's start tag or the removed attribute starts in the input; 0 when unknown. */
  offset: number;
  /** Its length in the input; 0 when unknown. */
  length: number;
  /** A removed attribute's value, to find a Markdown link's address in its source. */
  value?: string;
}

export interface SanitizedHtml {
  html: string;
  removed: HtmlRemoval[];
}

export const ALLOWED_TAGS = [
  // What Markdown produces.
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code',
  'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
  // Simple structure and text.
  'div', 'span', 'section', 'article', 'aside', 'header', 'footer', 'dl', 'dt', 'dd', 'figure', 'figcaption',
  'details', 'summary', 'caption', 'colgroup', 'col', 'tfoot', 'b', 'i', 'u', 's', 'ins', 'mark', 'small',
  'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'kbd', 'samp', 'var', 'time', 'ruby', 'rt', 'rp', 'bdi', 'bdo', 'wbr',
  // Media from the unit's assets.
  'video', 'audio', 'source', 'track',
];

export const ALLOWED_ATTRIBUTES = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'class', 'lang', 'dir', 'align', 'start', 'reversed',
  'value', 'type', 'checked', 'disabled', 'colspan', 'rowspan', 'scope', 'headers', 'abbr', 'span',
  'datetime', 'cite', 'open', 'controls', 'poster', 'preload', 'loop', 'muted', 'playsinline', 'autoplay',
  'kind', 'srclang', 'label', 'default', 'target', 'rel', 'tabindex', 'role',
];

/** Only these schemes, or a relative address; `data:` only where DOMPurify's DATA_URI_TAGS allow it (img, audio, video, source, track). */
const ALLOWED_URI = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ALLOWED_ATTRIBUTES,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  IN_PLACE: true,
};

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface Purifier {
  purify: DOMPurify;
  document: Document;
}

let purifier: Purifier | undefined;

/** jsdom takes ~0.3 s to load: only when a build renders or `check` meets HTML. */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  const require = createRequire(import.meta.url);
  const { JSDOM: Dom } = require('jsdom') as { JSDOM: typeof JSDOM };
  const window = new Dom('<!doctype html><html><head></head><body></body></html>').window;
  const purify = createDOMPurify(window as unknown as Window & typeof globalThis);
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    // A link may open a new tab, never replace the LMS page (_top, _parent) or a named frame.
    if (data.attrName === 'target' && data.attrValue.toLowerCase() !== '_blank') data.keepAttr = false;
    // Task-list checkboxes are the only inputs Markdown writes; other types could pose as a login form.
    if (data.attrName === 'type' && node.nodeName === 'INPUT' && data.attrValue.toLowerCase() !== 'checkbox') data.keepAttr = false;
  });
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'input' && (node as Element).getAttribute('type')?.toLowerCase() !== 'checkbox') {
      // Dropping the type would leave a text box; drop the element (DOMPurify reports it).
      data.allowedTags.input = false;
    } else if (data.tagName === 'input') {
      data.allowedTags.input = true;
    }
  });
  purifier = { purify, document: window.document };
  return purifier;
}

type Location = Token.ElementLocation;

/**
 * jsdom is slow (tens of ms for a long lesson), and one build renders each lesson for every lesson
 * target and every path that holds it: the same fragment gives the same answer, so remember the
 * latest ones. Bounded, so a long-lived process (a watch mode, a test run) does not grow without end.
 */
const MEMO_SIZE = 2000;
const memo = new Map<string, SanitizedHtml>();

/** Sanitises one fragment of author HTML: what may be shipped, and what was removed and where. */
export function sanitizeAuthorHtml(html: string): SanitizedHtml {
  const known = memo.get(html);
  if (known) return { html: known.html, removed: known.removed.map((r) => ({ ...r })) };
  const result = sanitize(html);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(html, result);
  return { html: result.html, removed: result.removed.map((r) => ({ ...r })) };
}

function sanitize(html: string): SanitizedHtml {
  const { purify, document } = getPurifier();
  // Both parses are parse5's fragment parse in a <template> context, so the trees have the same shape.
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = document.createElement('div');
  root.append(template.content);
  const located = parseFragment(html, { sourceCodeLocationInfo: true });
  const locations = new Map<Node, Location>();
  pairNodes(root, located, locations);

  purify.sanitize(root, CONFIG);
  const removed: HtmlRemoval[] = [];
  for (const entry of purify.removed as Array<{ element?: Node; attribute?: Attr | null; from?: Element }>) {
    if (entry.element) {
      const node = entry.element;
      // Comments are not content and cannot run; dropping them is not worth a report.
      if (node.nodeType === node.COMMENT_NODE) continue;
      const at = locations.get(node);
      const start = at?.startTag ?? at;
      removed.push({ what: describeElement(node), offset: start?.startOffset ?? 0, length: start ? start.endOffset - start.startOffset : 0 });
    } else if (entry.from) {
      const name = entry.attribute?.name ?? '';
      const at = locations.get(entry.from)?.attrs?.[name];
      const value = entry.attribute?.value ?? '';
      removed.push({
        what: `${describeAttribute(name, value)} on <${entry.from.nodeName.toLowerCase()}>`,
        offset: at?.startOffset ?? locations.get(entry.from)?.startOffset ?? 0,
        length: at ? at.endOffset - at.startOffset : 0,
        value,
      });
    }
  }
  removed.sort((a, b) => a.offset - b.offset);
  return { html: serializeChildren(root), removed };
}

/** Records the parse5 location of each DOM node, walking both trees in step. */
function pairNodes(node: Node, parsed: DefaultTreeAdapterMap['parentNode'], locations: Map<Node, Location>): void {
  const children = node.childNodes;
  const parsedChildren = parsed.childNodes;
  if (children.length !== parsedChildren.length) return; // Never expected; positions fall back to 0.
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const twin = parsedChildren[i]!;
    if (child.nodeName.toLowerCase() !== twin.nodeName.toLowerCase()) return;
    if (twin.sourceCodeLocation) locations.set(child, twin.sourceCodeLocation as Location);
    if ('childNodes' in twin) pairNodes(child, twin, locations);
  }
}

function describeElement(node: Node): string {
  if (node.nodeType === node.ELEMENT_NODE) return `<${node.nodeName.toLowerCase()}>`;
  return node.nodeName.toLowerCase();
}

function describeAttribute(name: string, value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return value ? `${name}="${shown}"` : name;
}

/** marked's escaping, so unchanged Markdown output stays byte-identical. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function serializeChildren(node: Node): string {
  let out = '';
  for (const child of node.childNodes) out += serialize(child);
  return out;
}

function serialize(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return escape(node.nodeValue ?? '');
  if (node.nodeType !== node.ELEMENT_NODE) return '';
  const element = node as Element;
  const tag = element.localName;
  let out = `<${tag}`;
  for (const attr of element.attributes) out += ` ${attr.name}="${escape(attr.value)}"`;
  out += '>';
  if (VOID_ELEMENTS.has(tag)) return out;
  // The parser drops a newline right after <pre>: write one more so a leading newline survives.
  const first = element.firstChild;
  if (tag === 'pre' && first?.nodeType === first?.TEXT_NODE && first?.nodeValue?.startsWith('\n')) out += '\n';
  return `${out}${serializeChildren(element)}</${tag}>`;
}

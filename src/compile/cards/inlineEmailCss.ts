/**
 * juice's CSS inlining of an email, with juice's selector matching done once per element kind
 * instead of once per email. juice parses the stylesheet, runs every selector over the whole
 * document and serialises it again for each email: 80 % of rendering 1,000 units' cards. Here the
 * document goes through juice's own parse and serialise (its cheerio wrapper, with the same
 * options and template-block handling), and each element gets the attributes juice gives an
 * element of its kind, asked of juice once per kind: juice inlines a specimen of the element's
 * ancestor chain (`div.card > table.decisions > thead > tr > th`) and the attributes it added to
 * the innermost element are reused. The output is juice's, byte for byte (test/cards/emailCss.test.ts
 * compares them on every card of the sample course and on awkward Markdown).
 *
 * That holds because the email stylesheet only uses type, class and descendant selectors (checked
 * by `assertChainSelectors`): whether a rule applies then depends on the element's and its
 * ancestors' names and classes alone. A document whose elements carry their own `style` (juice
 * would merge it) goes through juice whole.
 */
import { createRequire } from 'node:module';
import type juiceModule from 'juice';

/** What juice is asked to do, for emails: the <style> inlined then dropped, width and table attributes set. */
export const JUICE_OPTIONS: juiceModule.Options = { removeStyleTags: true, preserveMediaQueries: false, applyWidthAttributes: true, applyAttributesTableElements: true };

interface DomElement {
  type: string;
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}
type DomNode = DomElement | { type: string };
interface CheerioDoc {
  root(): { get(i: number): { children: DomNode[] } };
}
/** juice's lib/cheerio: parse (template blocks such as `{{…}}` set aside), call back on the DOM, serialise. */
type JuiceCheerio = (html: string, options: { xmlMode?: boolean }, callback: ($: CheerioDoc) => CheerioDoc, args: unknown[]) => string;

// Loaded on first use, through require: juice and the cheerio it loads take 0.15 s to import,
// which a build without email cards (or `tandem check`) should not pay.
const require = createRequire(import.meta.url);
let juiceCheerio: JuiceCheerio | undefined;
let juiceItself: typeof juiceModule | undefined;
const juiceDom = () => (juiceCheerio ??= require('juice/lib/cheerio') as JuiceCheerio);
// juice/client is juice without its file and URL helpers (web-resource-inliner), which emails do not use.
const juice = () => (juiceItself ??= require('juice/client') as typeof juiceModule);

const isElement = (node: DomNode): node is DomElement => node.type === 'tag' || node.type === 'script' || node.type === 'style';

/**
 * Throws when `css` has a rule whose match depends on more than the names and classes of an
 * element and its ancestors (attributes, pseudo-classes, child or sibling combinators, at-rules
 * that juice would keep in a <style>): reusing one element's attributes for another of its kind
 * would then differ from juice.
 */
export function assertChainSelectors(css: string): void {
  const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\{[^}]*\}/g, ',').split(',').map((s) => s.trim()).filter(Boolean);
  const compound = /^(?:[a-z][a-z0-9]*)?(?:\.[A-Za-z_-][\w-]*)*$/;
  const bad = selectors.filter((s) => s.split(/\s+/).some((part) => !part || !compound.test(part)));
  if (bad.length) throw new Error(`The email stylesheet has selectors that per-kind inlining cannot reproduce: ${bad.join(', ')}`);
}

/** Per stylesheet: ancestor chain → the attributes juice adds to such an element, in juice's order. */
const added = new Map<string, Map<string, [string, string][]>>();

/** `chain`'s key: `key` being its parent's. */
const chainKey = (parentKey: string, element: DomElement) => `${parentKey}${JSON.stringify([element.name, element.attribs.class ?? null])}`;

function chainAttributes(css: string, chain: readonly DomElement[], key: string): [string, string][] {
  let byChain = added.get(css);
  if (!byChain) {
    assertChainSelectors(css);
    added.set(css, (byChain = new Map()));
  }
  let attributes = byChain.get(key);
  if (!attributes) {
    // Left open: the parser closes them at the end, as it would close void elements.
    const classOf = (c: string) => (c.includes('"') ? ` class='${c}'` : ` class="${c}"`);
    const open = chain.map((e) => `<${e.name}${e.attribs.class === undefined ? '' : classOf(e.attribs.class)}>`).join('');
    let found: [string, string][] = [];
    juiceDom()(`<style>${css}</style>${open}`, {}, ($) => {
      juice().juiceDocument($, JUICE_OPTIONS);
      let node = $.root().get(0) as unknown as DomElement;
      for (const link of chain) {
        const next = node.children.find((c): c is DomElement => isElement(c) && c.name === link.name);
        if (!next) throw new Error(`The specimen <${chain.map((e) => e.name).join('> <')}> did not parse as nested elements.`);
        node = next;
      }
      found = Object.entries(node.attribs).filter(([name]) => name !== 'class');
      return $;
    }, []);
    byChain.set(key, (attributes = found));
  }
  return attributes;
}

/**
 * `document` as juice(document, JUICE_OPTIONS) writes it, where `document` holds `<style>${css}</style>`
 * once and no other <style>: the stylesheet inlined on every element, the <style> removed.
 */
export function inlineEmailCss(document: string, css: string): string {
  const styleTag = `<style>${css}</style>`;
  const at = document.indexOf(styleTag);
  // An element with its own style attribute (juice merges it) or a second stylesheet: juice itself.
  if (at < 0 || document.indexOf(styleTag, at + 1) >= 0 || /<style|\sstyle\s*=/i.test(document.slice(0, at) + document.slice(at + styleTag.length))) return juice()(document, JUICE_OPTIONS);
  // juice removes the <style> element and keeps the text around it: the same bytes as never having it.
  return juiceDom()(document.slice(0, at) + document.slice(at + styleTag.length), {}, ($) => {
    const visit = (nodes: readonly DomNode[], chain: DomElement[], parentKey: string) => {
      for (const node of nodes) {
        if (!isElement(node)) continue;
        chain.push(node);
        const key = chainKey(parentKey, node);
        for (const [name, value] of chainAttributes(css, chain, key)) node.attribs[name] = value;
        visit(node.children, chain, key);
        chain.pop();
      }
    };
    visit($.root().get(0).children, [], '');
    return $;
  }, []);
}

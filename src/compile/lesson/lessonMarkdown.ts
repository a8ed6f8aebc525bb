/**
 * Lesson Markdown → HTML for the player. The page runs inside an LMS frame, so links leave in a
 * new tab (following a link inside the frame would unload the lesson, end the SCORM session and
 * strand the learner); tables and code blocks scroll sideways in a focusable box on a 320 px screen
 * (axe: scrollable-region-focusable). Callouts (`> [!WARNING]`) become labelled notes; an image
 * alone in its paragraph becomes a figure with its title as caption, and `{width=…}` after an image
 * sets its width (course/load/lessonContent reads both the same way for `tandem check`). Images
 * and media keep their unit-relative paths: the package holds the unit's assets at the same
 * paths. What marked writes passes the author-HTML allow-list (course/html/authorHtml): `tandem
 * check` reports anything it would remove as LESSON_HTML_UNSAFE, and whatever reaches the
 * renderer is sanitised again, so no script can ship in a lesson.
 */
import { Lexer, Marked, Renderer, type Token, type Tokens } from 'marked';
import { sanitizeAuthorHtml } from '../../course/html/authorHtml.js';
import { calloutOf, imageOptionsOf, type CalloutType } from '../../course/load/lessonContent.js';
import type { PlayerStrings } from '../../runtime/contract/playerStrings.js';

const CALLOUT_LABEL: Record<CalloutType, keyof PlayerStrings> = {
  note: 'calloutNote',
  tip: 'calloutTip',
  important: 'calloutImportant',
  warning: 'calloutWarning',
  caution: 'calloutCaution',
};

/** The width written after an image, carried on its token from walkTokens to the renderer. */
type SizedImage = Tokens.Image & { width?: string };

/** One private Marked per set of texts (one per language in a build): marked.use() on the global one would change every other target. */
const instances = new WeakMap<PlayerStrings, Marked>();

function markedFor(strings: PlayerStrings): Marked {
  const known = instances.get(strings);
  if (known) return known;
  const instance: Marked = new Marked({
    gfm: true,
    walkTokens(token: Token) {
      // `{width=…}` right after an image: take it off the following text and onto the image.
      const children = (token as { tokens?: Token[] }).tokens;
      children?.forEach((child, i) => {
        const next = children[i + 1];
        if (child.type !== 'image' || next?.type !== 'text') return;
        const options = imageOptionsOf(next.raw);
        if (!options?.width) return;
        (child as SizedImage).width = options.width;
        next.raw = next.raw.slice(options.written.length);
        next.text = next.text.slice(options.written.length);
        if ('tokens' in next) delete (next as { tokens?: Token[] }).tokens;
      });
    },
    renderer: {
      link(token: Tokens.Link) {
        if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(token.href) || /^mailto:|^tel:/i.test(token.href)) return false;
        const text = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeAttribute(token.title)}"` : '';
        return `<a href="${escapeAttribute(token.href)}"${title} target="_blank" rel="noopener noreferrer">${text}<span class="visually-hidden"> ${escapeText(strings.opensInNewTab)}</span></a>`;
      },
      table(token: Tokens.Table) {
        const table = Renderer.prototype.table.call(this, token);
        return `<div class="table-scroll" tabindex="0" role="region" aria-label="${escapeAttribute(strings.table)}">${table}</div>\n`;
      },
      code(token: Tokens.Code) {
        const code = Renderer.prototype.code.call(this, token);
        return code.replace(/^<pre>/, '<pre tabindex="0">');
      },
      blockquote(token: Tokens.Blockquote): string | false {
        const callout = calloutOf(token);
        if (!callout?.type) return false;
        const [first, ...rest] = token.tokens as Token[];
        const paragraph = first as Tokens.Paragraph;
        // The marker line goes; what follows it in the first paragraph stays.
        const remainder = paragraph.raw.replace(/^\[![A-Za-z]+\][ \t]*\n?/, '');
        const body: string = (remainder.trim() ? this.parser.parse(instance.lexer(remainder)) : '') + this.parser.parse(rest);
        const label = strings[CALLOUT_LABEL[callout.type]];
        return `<div class="callout callout-${callout.type}" role="note" aria-label="${escapeAttribute(label)}"><p class="callout-title" aria-hidden="true">${escapeText(label)}</p>\n${body}</div>\n`;
      },
      paragraph(token: Tokens.Paragraph) {
        // An image alone in its paragraph is a figure; its title is the caption.
        const content = token.tokens.filter((t) => !(t.type === 'text' && !t.raw.trim()));
        if (content.length !== 1 || content[0]!.type !== 'image') return false;
        const image = content[0] as SizedImage;
        const caption = image.title ? `<figcaption>${escapeText(image.title)}</figcaption>` : '';
        return `<figure class="lesson-figure">${imageHtml(image, false)}${caption}</figure>\n`;
      },
      image(token: Tokens.Image) {
        return imageHtml(token as SizedImage, true);
      },
    },
  });
  instances.set(strings, instance);
  return instance;
}

function imageHtml(image: SizedImage, withTitle: boolean): string {
  const width = image.width ? ` width="${image.width}"` : '';
  const title = withTitle && image.title ? ` title="${escapeAttribute(image.title)}"` : '';
  return `<img src="${escapeAttribute(image.href)}" alt="${escapeAttribute(image.text)}"${title}${width}>`;
}

export function renderLessonMarkdown(markdown: string, strings: PlayerStrings): string {
  return sanitizeAuthorHtml(markedFor(strings).parse(markdown, { async: false })).html;
}

/** One line of inline Markdown (a question's prompt, a choice, feedback): emphasis, code, links; sanitised the same way. */
export function renderInlineMarkdown(markdown: string, strings: PlayerStrings): string {
  return sanitizeAuthorHtml(markedFor(strings).parseInline(markdown, { async: false })).html;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The text a reader reads of one line of inline Markdown, without the markup: what the LMS and
 * LRS get as a question's description (`**Before** you approve` → "Before you approve").
 */
export function inlineMarkdownText(markdown: string): string {
  const text = (tokens: Token[]): string =>
    tokens
      .map((t) => {
        const children = (t as { tokens?: Token[] }).tokens;
        if (children?.length) return text(children);
        if (t.type === 'image') return (t as Tokens.Image).text;
        if (t.type === 'br') return ' ';
        if (t.type === 'html') return '';
        return 'text' in t ? decodeEntities(String(t.text)) : '';
      })
      .join('');
  return text(Lexer.lexInline(markdown, { gfm: true })).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

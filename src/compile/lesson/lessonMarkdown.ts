/**
 * Lesson Markdown → HTML for the player. The page runs inside an LMS frame, so links leave in a
 * new tab (following a link inside the frame would unload the lesson, end the SCORM session and
 * strand the learner); tables and code blocks scroll sideways in a focusable box on a 320 px screen
 * (axe: scrollable-region-focusable). Images and media keep their unit-relative paths: the package
 * holds the unit's assets at the same paths. What marked writes passes the author-HTML allow-list
 * (course/html/authorHtml): `tandem check` reports anything it would remove as LESSON_HTML_UNSAFE,
 * and whatever reaches the renderer is sanitised again, so no script can ship in a lesson.
 */
import { Marked, Renderer, type Tokens } from 'marked';
import { sanitizeAuthorHtml } from '../../course/html/authorHtml.js';

// A private instance: marked.use() on the global one would change how every other target renders.
const marked = new Marked({
  gfm: true,
  renderer: {
    link(token: Tokens.Link) {
      if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(token.href) || /^mailto:|^tel:/i.test(token.href)) return false;
      const text = this.parser.parseInline(token.tokens);
      const title = token.title ? ` title="${escapeAttribute(token.title)}"` : '';
      return `<a href="${escapeAttribute(token.href)}"${title} target="_blank" rel="noopener noreferrer">${text}<span class="visually-hidden"> (opens in a new tab)</span></a>`;
    },
    table(token: Tokens.Table) {
      const table = Renderer.prototype.table.call(this, token);
      return `<div class="table-scroll" tabindex="0" role="region" aria-label="Table">${table}</div>\n`;
    },
    code(token: Tokens.Code) {
      const code = Renderer.prototype.code.call(this, token);
      return code.replace(/^<pre>/, '<pre tabindex="0">');
    },
  },
});

export function renderLessonMarkdown(markdown: string): string {
  return sanitizeAuthorHtml(marked.parse(markdown, { async: false })).html;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

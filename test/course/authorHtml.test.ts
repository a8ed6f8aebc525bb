/**
 * The author-HTML allow-list (course/html/authorHtml): what Markdown writes passes byte for byte,
 * the media and structure a lesson may use stay, every payload goes and is reported with its
 * position, and the known parser tricks do not smuggle anything past it.
 */
import { Marked } from 'marked';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { sanitizeAuthorHtml } from '../../src/course/html/authorHtml.js';

const MARKDOWN = `### Before you start

Don't "guess": check the order's history & the photos. *Then* **decide**, ~~not before~~.
Use \`refund --check\` first.<br>
Line two.

1. One
2. Two

- [x] Photos checked
- [ ] Matrix read

3. Three, starting at three

| Amount | Who | Evidence |
| :--- | :---: | ---: |
| up to $500 | you | order &lt;record&gt; |

![Matrix & rules](assets/matrix.png "The \\"matrix\\"")

See [the policy](https://intranet.example/policy?a=1&b=2 "Policy") or [write](mailto:help@example.com).

> Quoted *wisdom*.

---

\`\`\`js
if (a < b && c > d) console.log('<script>');
\`\`\`
`;

/** Elements, attributes and addresses in sanitised output that could run script. */
function armed(html: string): string[] {
  const found: string[] = [];
  const visit = (node: DefaultTreeAdapterMap['node']) => {
    if ('tagName' in node) {
      if (['script', 'iframe', 'object', 'embed', 'style', 'svg', 'math', 'base', 'meta', 'link', 'form'].includes(node.tagName)) found.push(`<${node.tagName}>`);
      for (const attr of node.attrs) {
        // Browsers ignore control characters inside a URL scheme, so strip them as a browser would.
        // eslint-disable-next-line no-control-regex
        if (/^on/i.test(attr.name) || /^\s*(javascript|vbscript|data):/i.test(attr.value.replace(/[\s\u0000-\u001f]/g, ''))) {
          if (!(attr.name === 'src' && /^data:image\//.test(attr.value))) found.push(`${attr.name}=${attr.value}`);
        }
      }
    }
    if ('childNodes' in node) node.childNodes.forEach(visit);
    if ('content' in node && node.content) node.content.childNodes.forEach(visit);
  };
  parseFragment(html).childNodes.forEach(visit);
  return found;
}

describe('the author-HTML allow-list', () => {
  it('leaves what Markdown writes byte for byte, and reports nothing', () => {
    const html = new Marked({ gfm: true }).parse(MARKDOWN, { async: false });
    const result = sanitizeAuthorHtml(html);
    expect(result.removed).toEqual([]);
    expect(result.html).toBe(html);
  });

  it('keeps the media and structure a lesson may use', () => {
    const html =
      '<figure><video controls preload="metadata" poster="assets/poster.png" width="640"><source src="assets/clip.mp4" type="video/mp4">' +
      '<track kind="captions" src="assets/clip.vtt" srclang="en" label="English" default></video><figcaption>The <abbr title="return merchandise">RMA</abbr> form</figcaption></figure>' +
      '<audio controls src="assets/call.mp3"></audio><details open><summary>Why?</summary><p>Because <mark>evidence</mark>.</p></details>' +
      '<table><caption>Limits</caption><thead><tr><th scope="col" colspan="2">A</th></tr></thead><tbody><tr><td rowspan="2">1</td></tr></tbody></table>' +
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"><a href="https://example.com/" target="_blank" rel="noopener">out</a><span aria-label="x" role="note" lang="fr" dir="rtl">y</span>';
    const result = sanitizeAuthorHtml(html);
    expect(result.removed).toEqual([]);
    expect(result.html).toBe(html.replace('preload="metadata"', 'preload="metadata"').replace(' default>', ' default="">').replace('<details open>', '<details open="">').replace(/ controls /g, ' controls="" ').replace('<audio controls ', '<audio controls="" '));
  });

  it.each([
    ['<script>alert(1)</script>', '<script>', 0, 8],
    ['<p>x</p><img src="a.png" onerror="alert(1)">', 'onerror="alert(1)" on <img>', 25, 18],
    ['<svg><script>alert(1)</script></svg>', '<svg>', 0, 5],
    ['<iframe srcdoc="<script>alert(1)</script>"></iframe>', '<iframe>', 0, 43],
    ['<style>@page { size: A3 }</style>', '<style>', 0, 7],
    ['<a href="javascript:alert(1)">x</a>', 'href="javascript:alert(1)" on <a>', 3, 26],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', 'href="data:text/html,<script>alert(1)</script>" on <a>', 3, 47],
    ['<a href="https://example.com" target="_top">x</a>', 'target="_top" on <a>', 30, 13],
    ['<meta http-equiv="refresh" content="0;url=https://phish.example">', '<meta>', 0, 65],
    ['<base href="https://evil.example/">', '<base>', 0, 35],
    ['<link rel="stylesheet" href="x.css">', '<link>', 0, 36],
    ['<object data="x.swf"></object>', '<object>', 0, 21],
    ['<embed src="x.swf">', '<embed>', 0, 19],
    ['<form action="https://evil.example"><p>x</p></form>', '<form>', 0, 36],
    ['<input type="password">', '<input>', 0, 23],
    ['<p style="position:fixed">x</p>', 'style="position:fixed" on <p>', 3, 22],
    ['<span id="API">x</span>', 'id="API" on <span>', 6, 8],
    ['<div data-action="finish">x</div>', 'data-action="finish" on <div>', 5, 20],
    ['<details open ontoggle="alert(1)"><summary>s</summary></details>', 'ontoggle="alert(1)" on <details>', 14, 19],
  ])('removes %s and reports it where it is written', (html, what, offset, length) => {
    const result = sanitizeAuthorHtml(html);
    expect(result.removed.map(({ what, offset, length }) => ({ what, offset, length }))).toEqual([{ what, offset, length }]);
    expect(armed(result.html)).toEqual([]);
  });

  it.each([
    '<!--> <img src=x onerror=alert(1)> -->',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<svg></p><style><a title="</style><img src onerror=alert(1)>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<img src=x onerror=alert(1)//',
    '<body onload=alert(1)><p>x</p>',
    '<template><img src=x onerror=alert(1)></template>',
    '<xmp><img src=x onerror=alert(1)></xmp>',
  ])('ships nothing armed from %s', (html) => {
    const result = sanitizeAuthorHtml(html);
    expect(armed(result.html)).toEqual([]);
    expect(armed(sanitizeAuthorHtml(result.html).html)).toEqual([]);
  });
});

/**
 * Job-aid Markdown → HTML for the theme: images from the unit folder inlined as data URLs (the
 * file must work offline and from an e-mail attachment), remote images turned into plain links
 * (they would not load offline, and the page's CSP blocks them), and tables wrapped so a phone can
 * scroll them sideways instead of squeezing the columns. Everything rendered passes the author-HTML
 * allow-list (course/html/authorHtml; `tandem check` reports removals as JOB_AID_HTML_UNSAFE): no
 * script, no <meta http-equiv=refresh> redirecting the online copy, no <style> changing the printed
 * page size, footer or risk box.
 */
import path from 'node:path';
import { Marked, Renderer, type Token, type Tokens } from 'marked';
import { sanitizeAuthorHtml } from '../../course/html/authorHtml.js';
import { readUnitAsset } from '../../course/load/unitFiles.js';
import type { Unit } from '../../course/model/unit.js';

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/** Data URLs of the images the job aid shows, keyed by their path relative to the unit folder. */
export async function loadJobAidImages(unit: Unit): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  const shown = new Set((unit.jobAid?.assetRefs ?? []).filter((r) => r.kind === 'image').map((r) => normalizeRef(r.ref)));
  for (const asset of unit.assets) {
    if (!shown.has(normalizeRef(asset))) continue;
    const type = IMAGE_TYPES[path.extname(asset).toLowerCase()];
    if (!type) continue;
    const bytes = readUnitAsset(unit.dir, asset, unit.id);
    images.set(normalizeRef(asset), `data:${type};base64,${bytes.toString('base64')}`);
  }
  return images;
}

export class JobAidMarkdown {
  private readonly marked: Marked;
  private readonly inlineImages: (token: Token) => void;

  constructor(images: ReadonlyMap<string, string>) {
    this.inlineImages = (token) => {
      if (token.type !== 'image') return;
      const image = token as Tokens.Image;
      const inlined = images.get(normalizeRef(image.href));
      if (inlined) image.href = inlined;
    };
    // A private instance: marked.use() on the global one would change how every other target renders.
    this.marked = new Marked({
      gfm: true,
      walkTokens: this.inlineImages,
      renderer: {
        image(token: Tokens.Image) {
          if (/^[a-z][a-z0-9+.-]*:/i.test(token.href) && !token.href.startsWith('data:')) {
            return `<a href="${escapeAttribute(token.href)}">${escapeHtml(token.text || token.href)}</a>`;
          }
          return false;
        },
        table(token: Tokens.Table) {
          // marked's own table markup, inside a focusable scroll box (axe: scrollable-region-focusable).
          const table = severityTable(token, (tokens) => this.parser.parseInline(tokens)) ?? Renderer.prototype.table.call(this, token);
          return `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeAttribute(tableLabel(token))}">\n${table}</div>\n`;
        },
      },
    });
  }

  /** Block Markdown (paragraphs, lists, tables) to HTML. */
  render(markdown: string): string {
    return sanitizeAuthorHtml(this.marked.parse(markdown, { async: false })).html;
  }

  /** Tokens from splitAtFirstList to HTML. */
  renderTokens(tokens: Token[]): string {
    this.marked.walkTokens(tokens, this.inlineImages);
    const list = Object.assign([...tokens], { links: {} }) as Parameters<Marked['parser']>[0];
    return sanitizeAuthorHtml(this.marked.parser(list)).html;
  }

  /** Splits a section into what comes before its first list, the list items, and what follows. */
  splitAtFirstList(markdown: string): { before: Token[]; list?: Tokens.List; after: Token[] } {
    const tokens = this.marked.lexer(markdown);
    const index = tokens.findIndex((t) => t.type === 'list');
    if (index < 0) return { before: tokens, after: [] };
    return { before: tokens.slice(0, index), list: tokens[index] as Tokens.List, after: tokens.slice(index + 1) };
  }
}

/** A decision-table column that grades its rows: `| Severity |` (or Risk, Criticality, Priority). */
export const SEVERITY_HEADER = /^(severity|risk|risk level|criticality|priority)$/i;
/** Rows graded like this are highlighted, with a mark and their label, never by colour alone. */
export const CRITICAL_SEVERITY = /\b(safety[- ]critical|critical|high|severe|stop)\b/i;

/**
 * A table with a severity column: marked's markup, plus a class on rows whose severity is critical
 * and a "!" mark before their label, so the highlight survives a black-and-white printer and
 * reaches screen readers as the label itself.
 */
function severityTable(token: Tokens.Table, inline: (tokens: Token[]) => string): string | undefined {
  const column = token.header.findIndex((cell) => SEVERITY_HEADER.test(cell.text.replace(/[*_`]/g, '').trim()));
  if (column < 0) return undefined;
  const align = (cell: Tokens.TableCell) => (cell.align ? ` align="${cell.align}"` : '');
  const head = token.header.map((cell) => `<th${align(cell)}>${inline(cell.tokens)}</th>`).join('');
  const rows = token.rows.map((row) => {
    const critical = CRITICAL_SEVERITY.test(row[column]?.text ?? '');
    const cells = row.map((cell, i) => {
      if (i !== column) return `<td${align(cell)}>${inline(cell.tokens)}</td>`;
      const mark = critical ? '<span class="severity-mark" aria-hidden="true">!</span> ' : '';
      return `<td class="severity"${align(cell)}>${mark}<strong>${inline(cell.tokens)}</strong></td>`;
    });
    return `<tr${critical ? ' class="severity-critical"' : ''}>${cells.join('')}</tr>`;
  });
  return `<table class="has-severity">\n<thead>\n<tr>${head}</tr>\n</thead>\n<tbody>${rows.join('\n')}</tbody>\n</table>\n`;
}

function tableLabel(token: Tokens.Table): string {
  return `Table: ${token.header.map((cell) => cell.text.replace(/[*_`]/g, '')).join(', ')}`;
}

function normalizeRef(ref: string): string {
  let decoded = ref.split(/[?#]/)[0] ?? '';
  try {
    decoded = decodeURI(decoded);
  } catch {
    // A malformed %-escape: match the reference as written.
  }
  return path.posix.normalize(decoded.replace(/\\/g, '/')).replace(/^\.\//, '');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeAttribute(text: string): string {
  return escapeHtml(text);
}

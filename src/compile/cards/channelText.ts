/**
 * Course Markdown as each channel writes text: Slack mrkdwn (`*bold*`, `<url|text>`, only `&`, `<`
 * and `>` escaped: api.slack.com/reference/surfaces/formatting), the Markdown subset Adaptive Card
 * TextBlocks render (bold, italic, lists, links), the plain text of an email's text/plain part, and
 * the small HTML of an email body. Author HTML never passes through: its tags are dropped and its
 * text kept, so a card cannot carry markup the channel would reject or a mail client would run.
 */
import { lexer, type Token, type Tokens } from 'marked';
import { escapeHtml } from '../../course/html/escapeHtml.js';

export type TextFlavor = 'mrkdwn' | 'teams' | 'plain' | 'html';

const MRKDWN_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
// Most texts have nothing to escape or decode: a test first spares them the replacing.
const escapeMrkdwn = (text: string) => (/[&<>]/.test(text) ? text.replace(/[&<>]/g, (c) => MRKDWN_ESCAPES[c]!) : text);
/** marked hands text tokens over with HTML entities decoded only in `text`, not in `raw`. */
const decodeEntities = (text: string) => (text.includes('&') ? text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!) : text);

function literal(text: string, flavor: TextFlavor): string {
  const plain = decodeEntities(text);
  if (flavor === 'mrkdwn') return escapeMrkdwn(plain);
  if (flavor === 'html') return escapeHtml(plain);
  return plain;
}

function inline(tokens: readonly Token[] | undefined, flavor: TextFlavor): string {
  return (tokens ?? []).map((t) => inlineToken(t, flavor)).join('');
}

function inlineToken(token: Token, flavor: TextFlavor): string {
  switch (token.type) {
    case 'strong': {
      const inner = inline((token as Tokens.Strong).tokens, flavor);
      return { mrkdwn: `*${inner}*`, teams: `**${inner}**`, plain: inner, html: `<strong>${inner}</strong>` }[flavor];
    }
    case 'em': {
      const inner = inline((token as Tokens.Em).tokens, flavor);
      return { mrkdwn: `_${inner}_`, teams: `_${inner}_`, plain: inner, html: `<em>${inner}</em>` }[flavor];
    }
    case 'del':
      return inline((token as Tokens.Del).tokens, flavor);
    case 'codespan':
      return flavor === 'mrkdwn' ? `\`${literal((token as Tokens.Codespan).text, flavor)}\`` : flavor === 'html' ? `<code>${literal((token as Tokens.Codespan).text, flavor)}</code>` : literal((token as Tokens.Codespan).text, flavor);
    case 'link': {
      const link = token as Tokens.Link;
      const text = inline(link.tokens, flavor);
      if (!/^(https?:|mailto:)/i.test(link.href)) return text;
      if (flavor === 'mrkdwn') return `<${escapeMrkdwn(link.href)}|${text}>`;
      if (flavor === 'teams') return `[${text}](${link.href})`;
      if (flavor === 'html') return `<a href="${escapeHtml(link.href)}">${text}</a>`;
      return text === link.href ? text : `${text} (${link.href})`;
    }
    case 'image':
      return literal((token as Tokens.Image).text, flavor);
    case 'br':
      return flavor === 'html' ? '<br>' : '\n';
    case 'html':
      return literal((token as Tokens.HTML).text.replace(/<[^>]*>/g, ''), flavor);
    case 'escape':
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens, flavor) : literal(t.text, flavor);
    }
    default:
      return 'text' in token && typeof token.text === 'string' ? literal(token.text, flavor) : '';
  }
}

function block(tokens: readonly Token[], flavor: TextFlavor, depth = 0): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        break;
      case 'paragraph':
      case 'text':
        out.push(flavor === 'html' && token.type === 'paragraph' ? `<p>${inlineToken(token, flavor).replace(/^<p>|<\/p>$/g, '')}</p>` : inlineToken(token, flavor));
        break;
      case 'heading': {
        const text = inline((token as Tokens.Heading).tokens, flavor);
        out.push({ mrkdwn: `*${text}*`, teams: `**${text}**`, plain: text.toUpperCase(), html: `<p><strong>${text}</strong></p>` }[flavor]);
        break;
      }
      case 'list':
        out.push(list(token as Tokens.List, flavor, depth));
        break;
      case 'blockquote':
        out.push(block((token as Tokens.Blockquote).tokens, flavor, depth).map((l) => (flavor === 'html' ? `<blockquote>${l}</blockquote>` : `> ${l}`)).join('\n'));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens, flavor)).join(' | ');
        out.push([row(table.header), ...table.rows.map(row)].join(flavor === 'html' ? '<br>' : '\n'));
        break;
      }
      case 'code':
        out.push(literal((token as Tokens.Code).text, flavor));
        break;
      case 'html':
        out.push(literal((token as Tokens.HTML).text.replace(/<[^>]*>/g, '').trim(), flavor));
        break;
      case 'hr':
        break;
      default:
        out.push(inlineToken(token, flavor));
    }
  }
  return out.filter((s) => s.trim() !== '');
}

function list(token: Tokens.List, flavor: TextFlavor, depth: number): string {
  if (flavor === 'html') {
    const tag = token.ordered ? 'ol' : 'ul';
    return `<${tag}>${token.items.map((item) => `<li>${block(item.tokens, flavor, depth + 1).join(' ').replace(/^<p>|<\/p>$/g, '')}</li>`).join('')}</${tag}>`;
  }
  const indent = '   '.repeat(depth);
  const start = typeof token.start === 'number' ? token.start : 1;
  return token.items
    .map((item, i) => {
      const bullet = token.ordered ? `${start + i}.` : flavor === 'mrkdwn' ? '•' : '-';
      const [first = '', ...rest] = block(item.tokens, flavor, depth + 1);
      return [`${indent}${bullet} ${first}`, ...rest.map((r) => (r.startsWith(' ') ? r : `${indent}   ${r}`))].join('\n');
    })
    .join('\n');
}

/** The tokens of texts already lexed for the cards being rendered, when `lexedOnceFor` is running. */
let lexed: Map<string, Token[]> | undefined;
const lexedByOwner = new WeakMap<object, Map<string, Token[]>>();

/**
 * Runs `render` with each Markdown text lexed once for `owner` (a unit): its cards in every
 * channel ask for the same texts in four flavours, and lexing them was a third of rendering.
 * The tokens live as long as `owner` and are only read.
 */
export function lexedOnceFor<T>(owner: object, render: () => T): T {
  const previous = lexed;
  let tokens = lexedByOwner.get(owner);
  if (!tokens) lexedByOwner.set(owner, (tokens = new Map()));
  lexed = tokens;
  try {
    return render();
  } finally {
    lexed = previous;
  }
}

function lex(markdown: string): Token[] {
  if (!lexed) return lexer(markdown);
  let tokens = lexed.get(markdown);
  if (!tokens) lexed.set(markdown, (tokens = lexer(markdown)));
  return tokens;
}

/** Markdown as `flavor`; blocks separated by a blank line (HTML: concatenated). */
export function channelText(markdown: string, flavor: TextFlavor): string {
  const blocks = block(lex(markdown), flavor);
  return flavor === 'html' ? blocks.join('\n') : blocks.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** One line of text for a plain field (Slack plain_text, a button title, an email subject). */
export function channelLine(markdown: string): string {
  return channelText(markdown, 'plain').replace(/\s+/g, ' ').trim();
}

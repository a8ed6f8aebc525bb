/**
 * Markdown with positions. marked's tokens carry no positions, so we find each top-level token's
 * `raw` in the source in order and keep its offset; lines and columns derive from offsets.
 * YAML front matter (`---` … `---`) is split off first and parsed with positions of its own.
 */
import { Lexer, type Token, type TokensList } from 'marked';
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import type { DeclaredObjective } from '../model/lesson.js';
import { findControlCharacters } from './controlCharacters.js';
import { boundMarkdown } from './markdownComplexity.js';
import { parseYamlSource, type YamlSource } from './yamlSource.js';

export interface PositionedToken {
  token: Token;
  /** Offset of the token's raw text in the normalized source. */
  offset: number;
  line: number;
}

export interface MarkdownSource {
  file: string;
  /** The source with CRLF normalized to LF: what offsets index into. */
  text: string;
  frontMatter?: YamlSource;
  tokens: PositionedToken[];
  links: TokensList['links'];
  diagnostics: Diagnostic[];
  /** Line/column of an offset in `text`. */
  at(offset: number, length?: number): Location;
}

export function parseMarkdownSource(rawText: string, file: string, unitId?: string): MarkdownSource {
  const text = rawText.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = (offset: number, length = 0): Location => {
    const line = lineOf(lineStarts, offset);
    const column = offset - lineStarts[line - 1]! + 1;
    return { file, line, column, endLine: line, endColumn: length > 0 ? column + length : undefined, unitId };
  };

  const diagnostics: Diagnostic[] = findControlCharacters(text, (offset) => at(offset, 1));
  let bodyStart = 0;
  let frontMatter: YamlSource | undefined;
  const fm = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (fm) {
    frontMatter = parseYamlSource(fm[1] ?? '', { file, unitId, lineOffset: 1, controlCharacters: false });
    diagnostics.push(...frontMatter.diagnostics);
    bodyStart = fm[0].length;
  }

  // Lex only the body, but keep offsets relative to the whole file. Padding with the front
  // matter's newlines would change how marked reads the first block; shifting offsets does not.
  const bounded = boundMarkdown(text.slice(bodyStart), (offset) => at(bodyStart + offset));
  diagnostics.push(...bounded.diagnostics);
  const body = bounded.text;
  let list: TokensList;
  try {
    list = new Lexer({ gfm: true }).lex(body);
  } catch (error) {
    // The bounds above keep marked's recursion shallow; should some input still overflow the stack, it is that input's problem.
    if (!(error instanceof RangeError)) throw error;
    diagnostics.push(diagnose('LESSON_TOO_COMPLEX', { problem: 'is too deeply structured to read', limit: 'less nested Markdown' }, at(bodyStart)));
    list = Object.assign([], { links: {} }) as TokensList;
  }
  const tokens: PositionedToken[] = [];
  let cursor = 0;
  for (const token of list) {
    const found = token.raw ? body.indexOf(token.raw, cursor) : -1;
    const offset = found >= 0 ? found : cursor;
    if (found >= 0) cursor = found + token.raw.length;
    tokens.push({ token, offset: bodyStart + offset, line: lineOf(lineStarts, bodyStart + offset) });
  }
  return { file, text, frontMatter, tokens, links: list.links, diagnostics, at };
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** `objective:` from front matter, when it is a string, with where it is written. */
export function declaredObjective(source: MarkdownSource): DeclaredObjective | undefined {
  const data = source.frontMatter?.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const value = (data as Record<string, unknown>).objective;
    if (typeof value === 'string' || typeof value === 'number') {
      const at = source.frontMatter!.locate(['objective']);
      return { id: String(value), line: at.line ?? 1, column: at.column ?? 1 };
    }
  }
  return undefined;
}

/** Counts words a reader reads in Markdown: prose, link texts and list items, not URLs or code. */
export function countWords(markdown: string): number {
  // Each pattern stops at the next opening character, so text full of unclosed `<`, `[` or
  // `<!--` is scanned in linear time (the open-ended `[^>]+` versions were quadratic on it).
  const prose = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<!--(?:[^<]|<(?!!--))*?-->/g, ' ')
    .replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/<[^<>]+>/g, ' ');
  return prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu)?.length ?? 0;
}

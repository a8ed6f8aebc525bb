/**
 * What reaches the Markdown lexer is bounded, so no lesson or job aid can stall `tandem check`.
 * marked is quadratic in the emphasis delimiters and links of one paragraph (`*a _` repeated:
 * 32 KB took 8 s, 64 KB 48 s; 40,000 images 13 s), superlinear in list nesting (a 1,000-deep list: 14 s) and recursive in
 * blockquote nesting (20,000 `>` overflow the stack). Real lessons are nowhere near the limits
 * below; a part of the text over them is reported (LESSON_TOO_COMPLEX, at its first line) and
 * blanked before lexing (each character becomes a space, so offsets and lines do not move).
 */
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';

/** Block containers (`>` and list markers) opened on one line. */
export const MAX_CONTAINERS_PER_LINE = 16;
/** Columns of indentation before a line's text: list nesting is written as indentation. */
export const MAX_INDENT_COLUMNS = 64;
/**
 * Nesting summed over the lines of a file (a line's nesting: its containers plus half its
 * indentation). marked re-reads a nested item's text once per level, so many moderately nested
 * lines cost as much as a few very deep ones (30,000 lines each opening 16 lists: 9 s).
 */
export const MAX_NESTING_PER_FILE = 20_000;
/** `*`, `_`, `~` and `[` in one paragraph (a run of non-blank lines). */
export const MAX_DELIMITERS_PER_BLOCK = 1_000;
/** `*`, `_`, `~` and `[` in one file. */
export const MAX_DELIMITERS_PER_FILE = 10_000;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const FENCE = /^(`{3,}|~{3,})/;

export interface BoundedMarkdown {
  /** The body with every part over a limit blanked; same length as the input. */
  text: string;
  diagnostics: Diagnostic[];
}

/** `at` turns an offset in `body` into a location in the file. */
export function boundMarkdown(body: string, at: (offset: number) => Location): BoundedMarkdown {
  const lines = body.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const blank = new Set<number>();
  const tooDeep: number[] = [];
  const tooBusy: number[] = [];

  let fence: string | undefined;
  let block: number[] = [];
  let fileDelimiters = 0;
  let fileNesting = 0;
  const endBlock = () => {
    const count = block.reduce((sum, i) => sum + delimiters(lines[i]!), 0);
    if (count > MAX_DELIMITERS_PER_BLOCK || fileDelimiters + count > MAX_DELIMITERS_PER_FILE) {
      tooBusy.push(block[0]!);
      for (const i of block) blank.add(i);
    } else {
      fileDelimiters += count;
    }
    block = [];
  };

  lines.forEach((line, i) => {
    const prefix = containerPrefix(line);
    const nesting = prefix.containers + Math.floor(prefix.indent / 2);
    if (prefix.containers > MAX_CONTAINERS_PER_LINE || prefix.indent > MAX_INDENT_COLUMNS || fileNesting + nesting > MAX_NESTING_PER_FILE) {
      tooDeep.push(i);
      blank.add(i);
      return;
    }
    fileNesting += nesting;
    const rest = line.slice(prefix.length);
    const fenceMark = FENCE.exec(rest)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && rest.slice(fenceMark.length).trim() === '') fence = undefined;
      return;
    }
    if (fenceMark) {
      if (block.length) endBlock();
      fence = fenceMark;
      return;
    }
    if (rest.trim() === '') {
      if (block.length) endBlock();
    } else {
      block.push(i);
    }
  });
  if (block.length) endBlock();

  const diagnostics: Diagnostic[] = [];
  if (tooDeep.length) {
    diagnostics.push(
      diagnose(
        'LESSON_TOO_COMPLEX',
        { problem: `nests lists or quotes too deep${more(tooDeep.length, 'line')}`, limit: `up to ${MAX_CONTAINERS_PER_LINE} levels and ${MAX_INDENT_COLUMNS} columns of indentation on a line, and ${MAX_NESTING_PER_FILE} levels in a file` },
        at(starts[tooDeep[0]!]!),
      ),
    );
  }
  if (tooBusy.length) {
    diagnostics.push(
      diagnose(
        'LESSON_TOO_COMPLEX',
        { problem: `has too many *, _, ~ or [ marks${more(tooBusy.length, 'paragraph')}`, limit: `up to ${MAX_DELIMITERS_PER_BLOCK} in a paragraph and ${MAX_DELIMITERS_PER_FILE} in a file` },
        at(starts[tooBusy[0]!]!),
      ),
    );
  }
  if (blank.size === 0) return { text: body, diagnostics };
  const text = lines.map((line, i) => (blank.has(i) ? ' '.repeat(line.length) : line)).join('\n');
  return { text, diagnostics };
}

function more(count: number, what: string): string {
  return count > 1 ? ` (here and in ${count - 1} more ${what}${count > 2 ? 's' : ''})` : '';
}

/** Containers opened at the start of a line, the columns of indentation among them, and where its text starts. */
function containerPrefix(line: string): { containers: number; indent: number; length: number } {
  let containers = 0;
  let indent = 0;
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
      indent += line[i] === '\t' ? 4 : 1;
      i++;
    }
    if (indent > MAX_INDENT_COLUMNS || containers > MAX_CONTAINERS_PER_LINE) break;
    if (line[i] === '>') {
      containers++;
      i++;
      continue;
    }
    const marker = LIST_MARKER.exec(line.slice(i, i + 11))?.[0];
    if (!marker) break;
    containers++;
    i += marker.length;
  }
  return { containers, indent, length: i };
}

function delimiters(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    // * _ ~ [
    if (c === 42 || c === 95 || c === 126 || c === 91) count++;
  }
  return count;
}

/**
 * YAML with positions. Wraps the `yaml` package's parseDocument + LineCounter so every later
 * check can point at the line and column of the field it is about, including for YAML embedded
 * in Markdown (question blocks), where `lineOffset` shifts positions into the host file.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import { explainYamlError, YAML_FALLBACK_FIX } from './explainYamlError.js';
import { describeControlCharacter, findControlCharacters, NOT_XML_CHAR } from './controlCharacters.js';

export type YamlPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  /** The plain data, or undefined when the YAML did not parse. */
  data: unknown;
  diagnostics: Diagnostic[];
  /** Where the value at `path` (or its key, with `key: true`) is written; the nearest existing ancestor otherwise. */
  locate(path: YamlPath, options?: { key?: boolean }): Location;
  /** The value at `path` exactly as written (e.g. `1.0`, which the data holds as the number 1). */
  written(path: YamlPath): string | undefined;
}

export interface YamlOptions {
  file: string;
  unitId?: string;
  /** Lines before the YAML text in its file (0 for a .yaml file). */
  lineOffset?: number;
  /** Columns before the YAML text on each line (e.g. an indented fence). */
  columnOffset?: number;
  /**
   * Report characters XML cannot carry (TEXT_CONTROL_CHARACTER), written or escaped ("\v").
   * Default true; off for YAML inside Markdown, whose host file is scanned as a whole.
   */
  controlCharacters?: boolean;
}

export function parseYamlSource(text: string, options: YamlOptions): YamlSource {
  const lineCounter = new LineCounter();
  const lineOffset = options.lineOffset ?? 0;
  const columnOffset = options.columnOffset ?? 0;
  const at = (offset: number, endOffset?: number): Location => {
    const start = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    const loc: Location = {
      file: options.file,
      line: start.line + lineOffset,
      column: start.col + columnOffset,
      unitId: options.unitId,
    };
    if (endOffset !== undefined && endOffset > offset) {
      const end = lineCounter.linePos(Math.min(endOffset, text.length));
      loc.endLine = end.line + lineOffset;
      loc.endColumn = end.col + columnOffset;
    }
    return loc;
  };

  const tooDeep = flowTooDeep(text);
  if (tooDeep !== undefined) {
    // Not parsed, so the line counter knows no lines yet: count them up to the offset.
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < tooDeep; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    return broken(options, [diagnose('YAML_SYNTAX', { detail: `more than ${MAX_FLOW_DEPTH} [ or { are open at once`, fix: 'Close the brackets you opened, or write the list as lines starting with "- ".' }, at(tooDeep))]);
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (error) {
    // The parser reports problems as doc.errors; a throw here is a parser bug on hostile input.
    return broken(options, [diagnose('YAML_SYNTAX', { detail: `Invalid YAML: ${String((error as Error).message)}`, fix: YAML_FALLBACK_FIX }, at(0))]);
  }

  // After the first syntax error the parser's later errors are mostly echoes of it; one is clearer.
  const diagnostics: Diagnostic[] = doc.errors
    .slice(0, 1)
    .map((e) => diagnose('YAML_SYNTAX', explainYamlError(text, { code: e.code, message: firstLine(e.message), offset: e.pos[0] }), at(e.pos[0], e.pos[1])));
  let data: unknown;
  if (diagnostics.length === 0) {
    try {
      // maxAliasCount guards against alias bombs ("billion laughs").
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      diagnostics.push(diagnose('YAML_SYNTAX', { detail: `Invalid YAML: ${firstLine((error as Error).message)}`, fix: YAML_FALLBACK_FIX }, at(0)));
    }
  }

  const nodeAt = (path: YamlPath): Node | undefined => {
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }
    return (node ?? undefined) as Node | undefined;
  };

  const written = (path: YamlPath): string | undefined => {
    const range = nodeAt(path)?.range;
    return range ? text.slice(range[0], range[1]).trim() : undefined;
  };

  const locate = (path: YamlPath, locOptions: { key?: boolean } = {}): Location => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        break;
      }
    }
    const target = locOptions.key && keyNode ? keyNode : (node as Node | null | undefined);
    const range = target?.range;
    return range ? at(range[0], range[1]) : at(0);
  };

  if (options.controlCharacters !== false) {
    const controls = findControlCharacters(text, (offset) => at(offset, offset + 1));
    diagnostics.push(...controls);
    // Double-quoted escapes ("\v", "\x01") make them too, without one in the text.
    const reportedLines = new Set(controls.map((d) => d.line));
    if (data !== undefined) {
      visitStrings(data, [], (path, value) => {
        const char = NOT_XML_CHAR.exec(value)?.[0];
        if (!char) return;
        const where = locate(path);
        if (!reportedLines.has(where.line)) diagnostics.push(diagnose('TEXT_CONTROL_CHARACTER', describeControlCharacter(char), where));
      });
    }
  }
  return { file: options.file, data, diagnostics, locate, written };
}

function visitStrings(value: unknown, path: (string | number)[], visit: (path: (string | number)[], value: string) => void): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => visitStrings(item, [...path, i], visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      visitStrings(key, path, visit);
      visitStrings(item, [...path, key], visit);
    }
  }
}

/**
 * The yaml parser recurses once per open `[` or `{`: a few thousand of them overflow the stack, and
 * near the limit V8 can abort the whole process while compiling a regular expression (an
 * uncatchable "RegExpCompiler Allocation failed"), so deep flow nesting never reaches it. Quotes
 * are not skipped on purpose: a stray apostrophe must not hide the brackets after it.
 */
const MAX_FLOW_DEPTH = 64;

function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

function broken(options: YamlOptions, diagnostics: Diagnostic[]): YamlSource {
  const loc = { file: options.file, line: 1 + (options.lineOffset ?? 0), column: 1, unitId: options.unitId };
  return { file: options.file, data: undefined, diagnostics, locate: () => loc, written: () => undefined };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

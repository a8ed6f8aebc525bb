/**
 * Turns a YAML parser error into what a course author should do. The parser speaks of "implicit
 * keys" and "compact mappings"; authors make a handful of mistakes over and over (a tab, a colon
 * inside a value, a field right after a list item, a quote never closed). Each is recognised from
 * the parser's error code and the offending line, and explained with the fix spelled out, often
 * with the corrected line. Anything else falls back to the parser's own words.
 */

export interface YamlErrorInput {
  /** The `yaml` package's error code, e.g. BAD_INDENT. */
  code: string;
  /** The parser's message (first line). */
  message: string;
  /** Where the parser points, as an offset into `text`. */
  offset: number;
}

export interface YamlExplanation {
  /** What is wrong, in the author's terms. */
  detail: string;
  /** What to do instead. */
  fix: string;
}

export const YAML_FALLBACK_FIX = 'Fix the YAML syntax at this position. Quote text that contains ": ", "#", or starts with a special character.';

export function explainYamlError(text: string, error: YamlErrorInput): YamlExplanation {
  const lines = text.split(/\r?\n/);
  const lineIndex = Math.max(0, text.slice(0, Math.max(0, Math.min(error.offset, text.length))).split(/\r?\n/).length - 1);
  const line = lines[lineIndex] ?? '';
  const field = parseField(line);
  // Positions come with the diagnostic; words say "this line" (a question block's YAML starts mid-file).
  const at = 'this line';

  if (error.code === 'TAB_AS_INDENT' || /^ *\t/.test(line)) {
    return {
      detail: `The indentation of ${at} contains a tab; YAML allows only spaces for indentation.`,
      fix: 'Replace the tab with spaces (two per level), and set your editor to insert spaces in .yaml files.',
    };
  }
  if (error.code === 'DUPLICATE_KEY' && field) {
    return {
      detail: `\`${field.key}\` appears twice in the same mapping.`,
      fix: `Keep one \`${field.key}:\` line; if the second belongs to a nested mapping, indent it under its parent.`,
    };
  }
  if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
    return {
      detail: `A quoted value on ${at} is never closed, so YAML reads the following lines as part of it.`,
      fix: 'Add the closing quote at the end of the value (or remove the opening one).',
    };
  }
  if (error.code === 'BAD_SCALAR_START' && field) {
    const char = field.value.charAt(0);
    return {
      detail: `The value of \`${field.key}\` starts with "${char}", which YAML reserves, so it cannot start plain text.`,
      fix: `Put the value in quotes: \`${quoted(field)}\`.`,
    };
  }
  if (field && /: /.test(field.value) && (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY')) {
    return {
      detail: `The value of \`${field.key}\` contains ": ", which YAML reads as the start of another field.`,
      fix: `Put the value in quotes: \`${quoted(field)}\`.`,
    };
  }
  if (error.code === 'UNEXPECTED_TOKEN' && field) {
    const first = field.value.charAt(0);
    const reason =
      first === '"' || first === "'"
        ? 'has text after its closing quote'
        : first === '[' || first === '{'
          ? `starts with "${first}", which YAML reads as the start of a ${first === '[' ? 'list' : 'mapping'}`
          : first === '*' || first === '&'
            ? `starts with "${first}", which YAML reads as an ${first === '*' ? 'alias' : 'anchor'}`
            : 'continues where YAML expects the value to end';
    return { detail: `The value of \`${field.key}\` ${reason}.`, fix: `Put the whole value in quotes: \`${quoted(field)}\`.` };
  }
  // The parser notices an unclosed "[" only on a later line, so look at the lines just above too.
  const opener = [0, 1, 2, 3].map((back) => lines[lineIndex - back] ?? '').find((l) => unclosedBracket(l));
  const unclosed = opener === undefined ? undefined : unclosedBracket(opener);
  const openerField = opener === undefined ? undefined : parseField(opener);
  if (unclosed && openerField) {
    return {
      detail: `The value of \`${openerField.key}\` opens a "${unclosed}" that is not closed on the same line.`,
      fix: `Close it with "${unclosed === '[' ? ']' : '}'}" on the same line, or put the value in quotes if the bracket is part of the text.`,
    };
  }
  if (error.code === 'BAD_INDENT' && field) {
    const listItem = listItemBefore(lines, lineIndex, indentOf(line));
    if (listItem) {
      const parent = listItem.parent;
      return {
        detail:
          `\`${field.key}:\` comes right after a list item and is indented like the "- " of that item, so YAML cannot ` +
          'tell whether it belongs to the item or to the mapping around the list.',
        fix:
          `If \`${field.key}\` belongs to the list item above, indent it ${indentOf(line) + 2} spaces to line up with the text after "- "` +
          (parent ? `; if it is the next field after \`${parent.key}:\`, indent it ${parent.indent} spaces like \`${parent.key}:\`.` : '.'),
      };
    }
    return {
      detail: `\`${field.key}:\` on ${at} is indented ${indentOf(line)} spaces, which does not line up with the fields around it.`,
      fix: 'Line it up with the other fields of the same mapping (spaces only, usually two per level).',
    };
  }
  if (error.code === 'MULTILINE_IMPLICIT_KEY' || error.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const noSpace = /^(\s*)([A-Za-z_][\w-]*):(\S.*)$/.exec(line);
    if (noSpace && !/^\/\//.test(noSpace[3]!)) {
      return {
        detail: `There is no space after the ":" of \`${noSpace[2]}\`, so YAML does not read it as a field and its value.`,
        fix: `Write a space after the colon: \`${noSpace[2]}: ${noSpace[3]}\`.`,
      };
    }
    if (line.trim() && !line.includes(':') && !/^\s*-/.test(line)) {
      return {
        detail: `This line ("${line.trim().slice(0, 40)}") has no ":", so YAML reads it as the start of a field name that runs on into the next lines.`,
        fix: `If it is a field, add the colon (\`${line.trim()}:\`); if it is a list item, start it with "- "; otherwise remove it.`,
      };
    }
    if (/^\s*- /.test(line)) {
      return {
        detail: `A list item ("- ") on ${at} sits where YAML expects the next field of the mapping above.`,
        fix: 'Indent list items under the field that holds the list (`steps:` then `  - item`), and keep the next field at the level of that field.',
      };
    }
  }
  return { detail: `Invalid YAML: ${error.message}`, fix: YAML_FALLBACK_FIX };
}

interface Field {
  indent: number;
  /** Text before the key (spaces and any "- "). */
  lead: string;
  key: string;
  value: string;
}

function parseField(line: string): Field | undefined {
  const m = /^(\s*(?:- )?)([^\s:#'"][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*?))?\s*$/.exec(line);
  if (!m) return undefined;
  return { indent: indentOf(line), lead: m[1]!, key: m[2]!.trim(), value: stripComment(m[3] ?? '') };
}

/** A trailing " # comment" is not part of the value, unless the value is quoted. */
function stripComment(value: string): string {
  if (/^["']/.test(value)) return value;
  return value.replace(/\s+#.*$/, '');
}

/** The line rewritten with its value in quotes: double quotes unless the value holds one. */
function quoted(field: Field): string {
  let value = field.value;
  if (/^"[^"]*"?$/.test(value) || /^'[^']*'?$/.test(value)) value = value.slice(1).replace(/["']$/, '');
  const text = value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
  return `${field.lead.trimStart()}${field.key}: ${text}`;
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

function unclosedBracket(line: string): '[' | '{' | undefined {
  const value = parseField(line)?.value ?? '';
  if (/^["']/.test(value)) return undefined;
  for (const [open, close] of [['[', ']'], ['{', '}']] as const) {
    if (value.startsWith(open) && value.split(open).length > value.split(close).length) return open;
  }
  return undefined;
}

/** The list item right above line `index` at the same indentation, and the field that holds the list. */
function listItemBefore(lines: string[], index: number, indent: number): { parent?: { key: string; indent: number } } | undefined {
  let i = index - 1;
  for (; i >= 0; i--) {
    const l = lines[i]!;
    if (!l.trim() || /^\s*#/.test(l)) continue;
    if (indentOf(l) > indent) continue;
    break;
  }
  const item = lines[i];
  if (item === undefined || indentOf(item) !== indent || !/^\s*- ?/.test(item)) return undefined;
  for (let j = i - 1; j >= 0; j--) {
    const l = lines[j]!;
    if (!l.trim() || /^\s*#/.test(l) || indentOf(l) >= indent) continue;
    const parent = parseField(l);
    return parent ? { parent: { key: parent.key, indent: parent.indent } } : {};
  }
  return {};
}

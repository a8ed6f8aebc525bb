/**
 * Issue 11: YAML_SYNTAX says what to do about the common YAML mistakes instead of the parser's
 * words ("Implicit keys need to be on a single line") with a hint about quoting.
 */
import { describe, expect, it } from 'vitest';
import { codeFrame } from '../src/diagnostics/codeFrame.js';
import { parseYamlSource } from '../src/course/load/yamlSource.js';

const explain = (text: string) => {
  const [d] = parseYamlSource(text, { file: 'unit.yaml' }).diagnostics;
  expect(d?.code).toBe('YAML_SYNTAX');
  return { message: d!.message, hint: d!.hint, line: d!.line };
};

describe('YAML_SYNTAX explains the common mistakes', () => {
  it('a field right after a list item, indented like the item', () => {
    const e = explain('type: single-choice\nchoices:\n  - text: A\n    correct: true\n  - B\n  feedback:\n    correct: Right\n');
    expect(e.line).toBe(6);
    expect(e.message).toContain('`feedback:` comes right after a list item');
    expect(e.hint).toBe(
      'If `feedback` belongs to the list item above, indent it 4 spaces to line up with the text after "- "; if it is the next field after `choices:`, indent it 0 spaces like `choices:`.',
    );
  });

  it('a tab in the indentation', () => {
    const e = explain('owners:\n\tsme: Priya Nair\n');
    expect(e.message).toBe('The indentation of this line contains a tab; YAML allows only spaces for indentation.');
    expect(e.hint).toMatch(/^Replace the tab with spaces/);
  });

  it('an unquoted colon in a value, with the quoted line to write instead', () => {
    const e = explain('id: a\ntitle: Refunds: the rules   # short\n');
    expect(e.message).toBe('The value of `title` contains ": ", which YAML reads as the start of another field.');
    expect(e.hint).toBe('Put the value in quotes: `title: "Refunds: the rules"`.');
  });

  it('a missing colon, and no space after the colon (the "implicit keys" cases)', () => {
    expect(explain('objective\n  id: A\n').hint).toBe('If it is a field, add the colon (`objective:`); if it is a list item, start it with "- "; otherwise remove it.');
    expect(explain('title:Refunds\nid: a\n').hint).toBe('Write a space after the colon: `title: Refunds`.');
  });

  it('a reserved first character, text after a closing quote, an unclosed quote or bracket, a duplicate key', () => {
    expect(explain('title: @team rules\n').hint).toBe('Put the value in quotes: `title: "@team rules"`.');
    expect(explain('title: "Refunds" over 500\n').hint).toBe('Put the whole value in quotes: `title: \'"Refunds" over 500\'`.');
    expect(explain('title: "Refunds\nid: x\n').message).toMatch(/is never closed/);
    expect(explain('request:\n  impact: [3\n  frequency: 5\n').hint).toMatch(/^Close it with "\]"/);
    expect(explain('id: a\nid: b\n').message).toBe('`id` appears twice in the same mapping.');
    for (const text of ['title: @x\n', 'owners:\n\tsme: a\n', 'id: a\nid: b\n']) expect(explain(text).message).not.toMatch(/implicit|compact|Invalid YAML/i);
  });

  it('code frames show tabs visibly, with the caret still under the right column', () => {
    const frame = codeFrame('owners:\n\tsme: Priya\n', 2, 2);
    expect(frame).toContain('> 2 | \u21e5sme: Priya');
    expect(frame).toContain('    |  ^');
  });
});

/**
 * Characters XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets: Char excludes every C0
 * control but TAB, LF and CR, and U+FFFE/U+FFFF). They are invisible in editors but make
 * imsmanifest.xml, tincan.xml and cmi5.xml ill-formed, and LMS importers reject the package.
 * Word's Shift+Enter line break pastes as U+000B. Found in any course text, each is reported at
 * its position (one per line), so the author can delete it before anything is built.
 */
import { diagnose, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';

/** Matches one character that is not an XML 1.0 Char (lone surrogates cannot survive UTF-8 decoding). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const NAMES: Record<number, string> = {
  0x0b: "a vertical tab: Word's Shift+Enter line break",
  0x0c: 'a form feed: a page break',
  0x08: 'a backspace',
  0x1b: 'an escape character',
};

/** The code point as `U+000B` and a name when it has a well-known one. */
export function describeControlCharacter(char: string): { char: string; name: string } {
  const code = char.codePointAt(0)!;
  return { char: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, name: NAMES[code] ?? '' };
}

/** One TEXT_CONTROL_CHARACTER per line that holds such a character, at the first one. */
export function findControlCharacters(text: string, at: (offset: number) => Location): Diagnostic[] {
  const found: Diagnostic[] = [];
  const pattern = new RegExp(NOT_XML_CHAR.source, 'g');
  let lastLine = -1;
  for (const match of text.matchAll(pattern)) {
    const where = at(match.index);
    if (where.line === lastLine) continue;
    lastLine = where.line ?? -1;
    found.push(diagnose('TEXT_CONTROL_CHARACTER', describeControlCharacter(match[0]), { ...where, endColumn: (where.column ?? 1) + 1 }));
  }
  return found;
}

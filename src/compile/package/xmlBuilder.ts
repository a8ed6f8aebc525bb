import { XMLBuilder, XMLValidator } from 'fast-xml-parser';
import { NOT_XML_CHAR } from '../../course/load/controlCharacters.js';

/**
 * The one XML writer of every package descriptor (imsmanifest.xml, cmi5.xml, tincan.xml):
 * attributes as `@_name` keys, indented, empty elements self-closed. suppressBooleanAttributes is
 * off, or isvisible="true" would be written as a bare attribute, which is not well-formed XML.
 */
const xmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

/**
 * Builds `name` (e.g. imsmanifest.xml) and parses it back before anyone writes it: a descriptor
 * that is not well-formed XML makes the LMS reject the whole package, so it throws instead (the
 * build reports BUILD_FAILED for that job and writes no package). XMLValidator checks the
 * structure; XML 1.0's character rule (no C0 controls but TAB, LF, CR) is checked here, because
 * the validator lets them through.
 */
export function buildXml(name: string, document: Record<string, unknown>): string {
  const xml = xmlBuilder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...document }) as string;
  const char = NOT_XML_CHAR.exec(xml);
  if (char) {
    const code = char[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`${name} would not be well-formed XML: it would contain the control character U+${code}, which XML 1.0 does not allow.`);
  }
  const checked = XMLValidator.validate(xml);
  if (checked !== true) throw new Error(`${name} would not be well-formed XML: ${checked.err.msg} (line ${checked.err.line}).`);
  return xml;
}

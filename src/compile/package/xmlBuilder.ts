import { XMLBuilder } from 'fast-xml-parser';

/**
 * The one XML writer of every package descriptor (imsmanifest.xml, cmi5.xml, tincan.xml):
 * attributes as `@_name` keys, indented, empty elements self-closed. suppressBooleanAttributes is
 * off, or isvisible="true" would be written as a bare attribute, which is not well-formed XML.
 */
export const xmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

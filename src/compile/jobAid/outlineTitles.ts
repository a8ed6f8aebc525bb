/**
 * Chrome builds the PDF outline from h1–h6 but takes each title from the heading's laid-out
 * fragments: a heading that wraps loses the space at the line break ("tickets:share safely"), and
 * one that moved to the next page to stay with its section can come out twice
 * ("EscalationEscalation"). The headings' own text, read from the page before printing, replaces
 * the titles, in document order, when the counts agree.
 */
import { PDFDict, PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';

export function setOutlineTitles(doc: PDFDocument, headings: readonly string[]): boolean {
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  if (!(outlines instanceof PDFDict)) return false;
  const items: PDFDict[] = [];
  const visit = (first: unknown) => {
    for (let item = first; item instanceof PDFDict; item = item.lookup(PDFName.of('Next'))) {
      items.push(item);
      visit(item.lookup(PDFName.of('First')));
    }
  };
  visit(outlines.lookup(PDFName.of('First')));
  // Another count means the outline is not what we think it is: better Chrome's titles than wrong ones.
  if (items.length !== headings.length) return false;
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!)));
  return true;
}

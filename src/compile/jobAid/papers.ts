/**
 * The paper sizes a PDF job aid is printed on. `pocket` is A6 (105 × 148 mm): a quarter of an A4
 * sheet, the size of a badge-holder sleeve or a card kept in a pocket, and a size every office
 * printer and print shop handles.
 */
import type { PaperSize } from '../../course/model/course.js';

export interface Paper {
  /** As shown to people. */
  label: string;
  width: string;
  height: string;
  /** The bottom margin leaves room for the footer Chrome prints into it. */
  margin: { top: string; right: string; bottom: string; left: string };
  /** Footer text size; Chrome's default for header/footer templates is too small to read. */
  footerFontSize: string;
}

export const PAPERS: Record<PaperSize, Paper> = {
  a4: {
    label: 'A4',
    width: '210mm',
    height: '297mm',
    margin: { top: '14mm', right: '15mm', bottom: '17mm', left: '15mm' },
    footerFontSize: '8.5pt',
  },
  letter: {
    label: 'US Letter',
    width: '8.5in',
    height: '11in',
    margin: { top: '0.5in', right: '0.6in', bottom: '0.6in', left: '0.6in' },
    footerFontSize: '8.5pt',
  },
  pocket: {
    label: 'pocket card (A6)',
    width: '105mm',
    height: '148mm',
    margin: { top: '6mm', right: '6mm', bottom: '10mm', left: '6mm' },
    footerFontSize: '6.5pt',
  },
};

export interface FooterText {
  objectiveId: string;
  version: string;
}

/**
 * The @page rule of a printed job aid: size, margins, and the footer as CSS page-margin boxes, so
 * the footer is set in the embedded font like the rest of the page (Chrome's own footerTemplate
 * can use only system fonts). The theme styles the boxes (colour, family); this sets their content.
 */
export function pageCss(paper: Paper, footer: FooterText): string {
  const { top, right, bottom, left } = paper.margin;
  const text = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  return (
    `@page{size:${paper.width} ${paper.height};margin:${top} ${right} ${bottom} ${left};` +
    `@bottom-left{content:${text(`${footer.objectiveId} · v${footer.version}`)};font-size:${paper.footerFontSize};}` +
    `@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:${paper.footerFontSize};}}`
  );
}

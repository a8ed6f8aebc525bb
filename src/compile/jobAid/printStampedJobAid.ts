/**
 * Prints one job aid to PDF and finishes it with pdf-lib: stable structure ids, outline titles,
 * metadata. Its own module so that pdf-lib is loaded only by builds that print (see jobAidPdf.ts).
 */
import { PDFDocument } from 'pdf-lib';
import type { PaperSize } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { GENERATOR } from '../targets/generator.js';
import type { BuildContext } from '../targets/target.js';
import { buildJobAidView } from './jobAidView.js';
import { fitPlan } from './fitToPaper.js';
import { jobAidTooLong } from './jobAidTooLong.js';
import { setOutlineTitles } from './outlineTitles.js';
import { PAPERS } from './papers.js';
import { printJobAidPdf } from './printJobAidPdf.js';
import { renderJobAid } from './renderJobAid.js';
import { stabilizeStructureIds } from './stableStructureIds.js';
import { stampPdfMetadata } from './stampPdfMetadata.js';

export interface PrintedJobAid {
  bytes: Uint8Array;
  /** JOB_AID_TOO_LONG when it spilled past its one page (two sides for the pocket card). */
  diagnostics: Diagnostic[];
  pages: number;
}

export async function printStampedJobAid(unit: Unit, paper: PaperSize, ctx: BuildContext, pages: NonNullable<BuildContext['pages']>): Promise<PrintedJobAid> {
  const html = await renderJobAid(unit, ctx, { paper });
  const view = await ctx.shared.get(`job-aid-view:${unit.id}`, () => buildJobAidView(unit, ctx.course));
  const { contract } = unit;
  const footer = { objectiveId: contract.objective.id, version: contract.version };
  const fit = fitPlan(paper, view.shortSteps);
  const printed = await pages.withPage((page) => printJobAidPdf(page, html, PAPERS[paper], footer, fit));
  const doc = await PDFDocument.load(printed.pdf, { updateMetadata: false });
  stabilizeStructureIds(doc);
  setOutlineTitles(doc, printed.headings);
  stampPdfMetadata(doc, {
    title: unit.jobAid?.title ?? contract.title,
    subject: contract.objective.id,
    keywords: [`objective:${contract.objective.id}`, `unit:${unit.id}`, `version:${contract.version}`, `course:${ctx.course.config.id}`, 'job-aid'],
    creator: `${GENERATOR} (job-aid-pdf, ${PAPERS[paper].label})`,
    producer: GENERATOR,
    language: contract.language,
    date: ctx.sourceDateEpoch,
  });
  const diagnostics = printed.pages > fit.pages ? [jobAidTooLong(unit, paper, printed.pages, printed.level.size)] : [];
  return { bytes: await doc.save(), diagnostics, pages: printed.pages };
}

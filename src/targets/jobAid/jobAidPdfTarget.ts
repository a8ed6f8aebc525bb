/**
 * `job-aid-pdf`: the same job aid printed by Chrome/Chromium, one PDF per unit and paper size in
 * `job_aids.paper` (default A4, US Letter and an A6 pocket card): `job-aids/<unit-id>-<paper>.pdf`.
 */
import { PDFDocument } from 'pdf-lib';
import { PAPER_SIZES } from '../../model/course.js';
import type { Target } from '../target.js';
import { GENERATOR } from '../generator.js';
import { jobAidPdfPath } from './jobAidAddress.js';
import { PAPERS } from './papers.js';
import { printJobAidPdf } from './printJobAidPdf.js';
import { renderJobAid } from './renderJobAid.js';
import { setOutlineTitles } from './outlineTitles.js';
import { stabilizeStructureIds } from './stableStructureIds.js';
import { stampPdfMetadata } from './stampPdfMetadata.js';

export const jobAidPdfTarget: Target = {
  name: 'job-aid-pdf',
  description: 'Printable PDF job aid per unit and paper size (job-aids/<unit>-<paper>.pdf)',
  planUnit(unit, ctx) {
    if (!unit.jobAid) return [];
    return ctx.course.config.jobAids.paper.map((paper) => ({
      target: 'job-aid-pdf',
      subject: { kind: 'unit' as const, unit },
      output: jobAidPdfPath(unit, paper),
      needsBrowser: true,
      variant: paper,
    }));
  },
  async build(job, ctx) {
    if (job.subject.kind !== 'unit') return { artifacts: [] };
    const { unit } = job.subject;
    const paperName = PAPER_SIZES.find((p) => p === job.variant);
    if (!paperName) throw new Error(`job-aid-pdf job for ${job.output} has no paper size.`);
    if (!ctx.pages) throw new Error('job-aid-pdf ran without a browser; the build should have left it out.');
    const html = await renderJobAid(unit, ctx, { paper: paperName });
    const { contract } = unit;
    const footer = { objectiveId: contract.objective.id, version: contract.version };
    const printed = await ctx.pages.withPage((page) => printJobAidPdf(page, html, PAPERS[paperName], footer));
    const doc = await PDFDocument.load(printed.pdf, { updateMetadata: false });
    stabilizeStructureIds(doc);
    setOutlineTitles(doc, printed.headings);
    stampPdfMetadata(doc, {
      title: unit.jobAid?.title ?? contract.title,
      subject: contract.objective.id,
      keywords: [`objective:${contract.objective.id}`, `unit:${unit.id}`, `version:${contract.version}`, `course:${ctx.course.config.id}`, 'job-aid'],
      creator: `${GENERATOR} (job-aid-pdf, ${PAPERS[paperName].label})`,
      producer: GENERATOR,
      language: contract.language,
      date: ctx.sourceDateEpoch,
    });
    const pdf = await doc.save();
    return { artifacts: [{ path: job.output, bytes: pdf, target: 'job-aid-pdf', unitIds: [unit.id] }] };
  },
};

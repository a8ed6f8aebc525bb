/**
 * `job-aid-pdf`: the same job aid printed by Chrome/Chromium, one PDF per unit and paper size in
 * `job_aids.paper` (default A4, US Letter and an A6 pocket card): `job-aids/<unit-id>-<paper>.pdf`.
 */
import { PAPER_SIZES } from '../../../course/model/course.js';
import type { Target } from '../target.js';
import { jobAidPdfPath } from '../../jobAid/jobAidAddress.js';
import { printedJobAid } from '../../jobAid/jobAidPdf.js';

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
    const paper = PAPER_SIZES.find((p) => p === job.variant);
    if (!paper) throw new Error(`job-aid-pdf job for ${job.output} has no paper size.`);
    const printed = await printedJobAid(unit, paper, ctx);
    return { artifacts: [{ path: job.output, bytes: printed.bytes, target: 'job-aid-pdf', unitIds: [unit.id] }], diagnostics: printed.diagnostics };
  },
};

/**
 * The job aid that travels inside a lesson package, so the lesson's last screen can hand it over
 * ("keep this with you"): the self-contained HTML copy always, and the printable PDF for every
 * paper size the course prints when the build prints PDFs anyway, i.e. when a browser is in use.
 * A build of lesson targets alone never starts a browser just for this.
 */
import type { Unit } from '../../course/model/unit.js';
import type { ZipEntry } from '../package/zipWriter.js';
import type { BuildContext } from '../targets/target.js';
import { jobAidPdf } from './jobAidPdf.js';
import { PAPERS } from './papers.js';
import { renderJobAid } from './renderJobAid.js';

/** What the lesson page links to, relative to the lesson page. */
export interface LessonJobAid {
  title: string;
  html: string;
  /** One printable PDF per paper size of `job_aids.paper`, in that order. */
  pdfs: { href: string; label: string }[];
}

export const JOB_AID_HTML_NAME = 'job-aid.html';
export const jobAidPdfName = (paper: string) => `job-aid-${paper}.pdf`;

/** `dir` is the lesson page's folder in the package, e.g. `units/refund-approval`. */
export async function jobAidForLesson(unit: Unit, ctx: BuildContext, dir: string): Promise<{ entries: ZipEntry[]; link?: LessonJobAid }> {
  if (!unit.jobAid) return { entries: [] };
  // The packaged copy records nothing itself: opening it from the lesson is part of the lesson.
  const html = await ctx.shared.get(`job-aid-embedded:${unit.id}`, () => renderJobAid(unit, ctx, { embedded: true }));
  const entries: ZipEntry[] = [{ path: `${dir}/${JOB_AID_HTML_NAME}`, bytes: Buffer.from(html, 'utf8') }];
  const link: LessonJobAid = { title: unit.jobAid.title ?? unit.contract.title, html: JOB_AID_HTML_NAME, pdfs: [] };
  for (const paper of ctx.pages ? ctx.course.config.jobAids.paper : []) {
    entries.push({ path: `${dir}/${jobAidPdfName(paper)}`, bytes: await jobAidPdf(unit, paper, ctx) });
    link.pdfs.push({ href: jobAidPdfName(paper), label: PAPERS[paper].label });
  }
  return { entries, link };
}

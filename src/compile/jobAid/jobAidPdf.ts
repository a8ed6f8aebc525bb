/**
 * One job aid printed to PDF for one paper size, fitted to it, with its metadata stamped.
 * Memoized per build: the job-aid-pdf target and the lesson packages that carry the PDF print it
 * once; the target reports JOB_AID_TOO_LONG when it does not fit even at the smallest type.
 */
import type { PaperSize } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';
import type { BuildContext } from '../targets/target.js';
import type { PrintedJobAid } from './printStampedJobAid.js';

export type { PrintedJobAid } from './printStampedJobAid.js';

export async function jobAidPdf(unit: Unit, paper: PaperSize, ctx: BuildContext): Promise<Uint8Array> {
  return (await printedJobAid(unit, paper, ctx)).bytes;
}

export function printedJobAid(unit: Unit, paper: PaperSize, ctx: BuildContext): Promise<PrintedJobAid> {
  const pages = ctx.pages;
  if (!pages) throw new Error(`The job aid of ${unit.id} was to be printed without a browser; the build should not have asked.`);
  return ctx.shared.get(`job-aid-pdf:${unit.id}:${paper}`, async () => {
    // Loaded when the first job aid prints: pdf-lib takes 65 ms to import, which builds that print
    // nothing (cards, packages without a browser) should not pay.
    const { printStampedJobAid } = await import('./printStampedJobAid.js');
    return printStampedJobAid(unit, paper, ctx, pages);
  });
}

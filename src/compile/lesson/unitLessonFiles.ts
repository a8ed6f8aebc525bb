/**
 * One unit's lesson inside a package, the same for every lesson target (SCORM, Tin Can, cmi5)
 * and for unit and path packages alike:
 *
 *   units/<unit-id>/index.html        the lesson page (the player script and stylesheet are shared)
 *   units/<unit-id>/<asset path>      the unit's assets, at their paths in the unit folder
 *   units/<unit-id>/job-aid.html      the job aid the last screen hands over, and its PDF when the
 *                                     build prints PDFs (see jobAidForLesson)
 */
import path from 'node:path';
import type Handlebars from 'handlebars';
import { readUnitAsset } from '../../course/load/unitFiles.js';
import type { Unit } from '../../course/model/unit.js';
import type { ZipEntry } from '../package/zipWriter.js';
import type { LessonData } from '../../runtime/contract/lessonData.js';
import { jobAidForLesson } from '../jobAid/jobAidForLesson.js';
import { brandView } from '../theme/brandCss.js';
import type { BuildContext } from '../targets/target.js';
import { renderLessonPage } from './renderLessonPage.js';

export const unitDir = (unitId: string) => `units/${unitId}`;
export const launchPage = (unitId: string) => `${unitDir(unitId)}/index.html`;
/** From a lesson page back to the package root. */
export const FROM_PAGE_TO_ROOT = '../../';

export interface UnitLessonInput {
  lesson: LessonData;
  template: Handlebars.TemplateDelegate;
  /** Package-root paths of the shared stylesheet and player script. */
  stylesheet: string;
  script: string;
  /** A last touch on the page (xAPI puts its referrer policy and statement plan in <head>). */
  finishPage?: (html: string) => string;
}

export async function unitLessonFiles(unit: Unit, ctx: BuildContext, input: UnitLessonInput): Promise<ZipEntry[]> {
  const dir = unitDir(unit.id);
  const jobAid = await jobAidForLesson(unit, ctx, dir);
  const html = renderLessonPage(input.template, {
    unit,
    course: ctx.course,
    lesson: input.lesson,
    stylesheet: FROM_PAGE_TO_ROOT + input.stylesheet,
    script: FROM_PAGE_TO_ROOT + input.script,
    jobAid: jobAid.link,
    brand: await brandView(ctx.course.config.brand, ctx.shared),
  });
  const entries: ZipEntry[] = [{ path: launchPage(unit.id), bytes: Buffer.from(input.finishPage ? input.finishPage(html) : html, 'utf8') }];
  // unit.assets are relative to the unit folder and were checked to stay inside it; readUnitAsset checks again.
  for (const asset of unit.assets) {
    entries.push({ path: `${dir}/${asset.split(path.sep).join('/')}`, bytes: readUnitAsset(unit.dir, asset, unit.id) });
  }
  entries.push(...jobAid.entries);
  return entries;
}

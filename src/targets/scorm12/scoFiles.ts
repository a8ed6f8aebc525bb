/**
 * One SCO's files: the unit's lesson page and its assets, under units/<unit-id>/. The same for a
 * unit package and a path package, so both carry byte-identical lesson pages.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Handlebars from 'handlebars';
import type { Course } from '../../model/course.js';
import type { Unit } from '../../model/unit.js';
import type { ZipEntry } from '../../package/zipWriter.js';
import { renderLessonPage } from '../../render/lesson/renderLessonPage.js';
import type { LessonData } from '../../runtime/player/lessonData.js';
import { FROM_PAGE_TO_ROOT, launchPage, PLAYER_SCRIPT, PLAYER_STYLESHEET, unitDir } from './packageLayout.js';

export async function scoFiles(unit: Unit, course: Course, lesson: LessonData, template: Handlebars.TemplateDelegate): Promise<ZipEntry[]> {
  const html = renderLessonPage(template, {
    unit,
    course,
    lesson,
    stylesheet: FROM_PAGE_TO_ROOT + PLAYER_STYLESHEET,
    script: FROM_PAGE_TO_ROOT + PLAYER_SCRIPT,
  });
  const entries: ZipEntry[] = [{ path: launchPage(unit.id), bytes: Buffer.from(html, 'utf8') }];
  // unit.assets are relative to the unit folder and already checked to stay inside it.
  for (const asset of unit.assets) {
    entries.push({ path: `${unitDir(unit.id)}/${asset.split(path.sep).join('/')}`, bytes: await readFile(path.join(unit.dir, asset)) });
  }
  return entries;
}

/**
 * The lesson pages of an xAPI or cmi5 package: the theme's lesson page (the same player as SCORM),
 * plus what an xAPI lesson needs in its <head>:
 *
 * - `<meta name="referrer" content="no-referrer">` first, before any stylesheet or script is
 *   requested: a Tin Can launch URL holds the LRS credential (`auth`) until the script removes it,
 *   and must not leak in a Referer header meanwhile;
 * - the statement plan as JSON (runtime/xapi/xapiPlan), next to the lesson data.
 *
 * Package layout, shared by both targets:
 *   tincan.xml | cmi5.xml
 *   player/lesson.css, player/<adapter>.js
 *   units/<unit-id>/index.html and the unit's assets at their paths in the unit folder
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Handlebars from 'handlebars';
import type { Course } from '../../model/course.js';
import type { Unit } from '../../model/unit.js';
import type { ZipEntry } from '../../package/zipWriter.js';
import { renderLessonPage } from '../../render/lesson/renderLessonPage.js';
import type { LessonData } from '../../runtime/player/lessonData.js';
import { PLAN_ELEMENT_ID } from '../../runtime/xapi/lessonPage.js';
import type { XapiPlan } from '../../runtime/xapi/xapiPlan.js';

export const PLAYER_STYLESHEET = 'player/lesson.css';
export const playerScriptPath = (adapter: 'xapi' | 'cmi5') => `player/${adapter}.js`;
export const launchPage = (unitId: string) => `units/${unitId}/index.html`;
const FROM_PAGE_TO_ROOT = '../../';

export const NO_REFERRER = '<meta name="referrer" content="no-referrer">';

export async function lessonFiles(
  unit: Unit,
  course: Course,
  input: { lesson: LessonData; plan: XapiPlan; template: Handlebars.TemplateDelegate; adapter: 'xapi' | 'cmi5' },
): Promise<ZipEntry[]> {
  const html = renderLessonPage(input.template, {
    unit,
    course,
    lesson: input.lesson,
    stylesheet: FROM_PAGE_TO_ROOT + PLAYER_STYLESHEET,
    script: FROM_PAGE_TO_ROOT + playerScriptPath(input.adapter),
  });
  const entries: ZipEntry[] = [{ path: launchPage(unit.id), bytes: Buffer.from(withXapiHead(html, input.plan), 'utf8') }];
  for (const asset of unit.assets) {
    entries.push({ path: `units/${unit.id}/${asset.split(path.sep).join('/')}`, bytes: await readFile(path.join(unit.dir, asset)) });
  }
  return entries;
}

/** Puts the referrer policy first in <head> and the plan last. A theme's page without <head> is a theme bug. */
export function withXapiHead(html: string, plan: XapiPlan): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('The theme\'s lesson page has no <head>; xAPI lessons need one for their referrer policy.');
  // Inside <script>, "</script" or "<!--" in a title would end the block early.
  const planScript = `<script type="application/json" id="${PLAN_ELEMENT_ID}">${JSON.stringify(plan).replace(/</g, '\\u003c')}</script>\n`;
  const charset = /<meta charset=[^>]*>\n?/i.exec(html);
  // The charset declaration must stay within the first 1024 bytes; the policy goes right after it.
  const at = charset && charset.index > head.index ? charset.index + charset[0].length : head.index + head[0].length;
  const withPolicy = `${html.slice(0, at)}${NO_REFERRER}\n${html.slice(at)}`;
  const close = withPolicy.search(/<\/head>/i);
  return close < 0 ? withPolicy : `${withPolicy.slice(0, close)}${planScript}${withPolicy.slice(close)}`;
}

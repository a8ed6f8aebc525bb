/**
 * The lesson pages of an xAPI or cmi5 package: the theme's lesson page (the same player as SCORM),
 * plus what an xAPI lesson needs in its <head>:
 *
 * - `<meta name="referrer" content="no-referrer">` first, before any stylesheet or script is
 *   requested: a Tin Can launch URL holds the LRS credential (`auth`) until the script removes it,
 *   and must not leak in a Referer header meanwhile;
 * - the statement plan as JSON (runtime/statements/xapiPlan), next to the lesson data.
 *
 * Package layout, shared by both targets:
 *   tincan.xml | cmi5.xml
 *   player/lesson.css, player/<adapter>.js
 *   units/<unit-id>/…   the lesson page, its assets and its job aid (compile/lesson/unitLessonFiles)
 */
import type Handlebars from 'handlebars';
import type { Unit } from '../../../course/model/unit.js';
import type { ZipEntry } from '../../package/zipWriter.js';
import { unitLessonFiles } from '../../lesson/unitLessonFiles.js';
import type { BuildContext } from '../target.js';
import type { LessonData } from '../../../runtime/contract/lessonData.js';
import { PLAN_ELEMENT_ID } from '../../../runtime/contract/pageElements.js';
import type { XapiPlan } from '../../../runtime/contract/xapiPlan.js';

export const PLAYER_STYLESHEET = 'player/lesson.css';
export const playerScriptPath = (adapter: 'xapi' | 'cmi5') => `player/${adapter}.js`;
export { launchPage } from '../../lesson/unitLessonFiles.js';

export const NO_REFERRER = '<meta name="referrer" content="no-referrer">';

export function lessonFiles(
  unit: Unit,
  ctx: BuildContext,
  input: { lesson: LessonData; plan: XapiPlan; template: Handlebars.TemplateDelegate; adapter: 'xapi' | 'cmi5' },
): Promise<ZipEntry[]> {
  return unitLessonFiles(unit, ctx, {
    lesson: input.lesson,
    template: input.template,
    stylesheet: PLAYER_STYLESHEET,
    script: playerScriptPath(input.adapter),
    finishPage: (html) => withXapiHead(html, input.plan),
  });
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

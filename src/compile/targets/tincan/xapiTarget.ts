/**
 * `--target xapi`: a Tin Can package per unit (xapi/<unit-id>.zip): tincan.xml with one launchable
 * activity (the lesson) and the activities it reports on, the lesson page, and the player with the
 * xAPI tracker. It is launched with endpoint, auth, actor, registration and activity_id; nothing in
 * the package holds credentials.
 */
import type { Unit } from '../../../course/model/unit.js';
import { zipCompressionCache } from '../../package/zipCompressionCache.js';
import { writeZip, type ZipEntry } from '../../package/zipWriter.js';
import { buildLessonData } from '../../lesson/buildLessonData.js';
import { playerScript } from '../../lesson/playerScript.js';
import { lessonStylesheet, lessonTemplate } from '../../lesson/renderLessonPage.js';
import { lessonStatementPlan } from '../../lesson/lessonStatementPlan.js';
import type { BuildContext, Job, JobResult, Target } from '../target.js';
import { launchPage, lessonFiles, PLAYER_STYLESHEET, playerScriptPath } from './lessonFiles.js';
import { buildTincanXml } from './tincanXml.js';

export const XAPI = 'xapi';

export const xapiTarget: Target = {
  name: XAPI,
  description: 'xAPI (Tin Can) packages with tincan.xml: one zip per unit.',

  planUnit(unit) {
    return unit.lesson ? [{ target: XAPI, subject: { kind: 'unit', unit }, output: `${XAPI}/${unit.id}.zip` }] : [];
  },

  async build(job: Job, ctx: BuildContext): Promise<JobResult> {
    if (job.subject.kind !== 'unit') throw new Error('The xapi target packages units only.');
    const unit: Unit = job.subject.unit;
    const { course } = ctx;
    const lesson = buildLessonData(unit, course);
    const plan = lessonStatementPlan(course, unit, { buildId: ctx.buildIdFor(job) });
    const [template, stylesheet, script] = await Promise.all([lessonTemplate(course, ctx.shared), lessonStylesheet(course, ctx.shared, [unit]), playerScript(XAPI, ctx.shared)]);
    const entries: ZipEntry[] = [
      { path: PLAYER_STYLESHEET, bytes: stylesheet },
      { path: playerScriptPath(XAPI), bytes: script },
      ...(await lessonFiles(unit, ctx, { lesson, plan, template, adapter: XAPI })),
      { path: 'tincan.xml', bytes: Buffer.from(buildTincanXml(plan, launchPage(unit.id)), 'utf8') },
    ];
    const bytes = await writeZip(entries, { modifiedAt: ctx.sourceDateEpoch, cache: await zipCompressionCache(ctx.shared) });
    return { artifacts: [{ path: job.output, bytes, target: XAPI, unitIds: [unit.id] }] };
  },
};

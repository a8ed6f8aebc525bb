/**
 * `--target cmi5`: cmi5 course packages. One per unit (cmi5/<unit-id>.zip, a course with one AU)
 * and one per learning path (cmi5/path-<path-id>.zip, one AU per unit in path order). Each holds
 * cmi5.xml, the lesson pages and the player with the xAPI tracker in cmi5 mode. The LMS launches an
 * AU with a one-time fetch URL; nothing in the package holds credentials.
 */
import { masteryScoreOf } from '../../lesson/buildLessonData.js';
import { buildLessonData } from '../../lesson/buildLessonData.js';
import { playerScript } from '../../lesson/playerScript.js';
import { lessonStylesheet, lessonTemplate } from '../../lesson/renderLessonPage.js';
import type { Unit } from '../../../course/model/unit.js';
import { zipCompressionCache } from '../../package/zipCompressionCache.js';
import { writeZip, type ZipEntry } from '../../package/zipWriter.js';
import { lessonIri, objectiveIri } from '../../../xapi/activityIris.js';
import { pathIri } from '../../../xapi/activityIris.js';
import { unitCourseIri } from '../../../xapi/lessonIris.js';
import { lessonStatementPlan } from '../../lesson/lessonStatementPlan.js';
import type { BuildContext, Job, JobResult, Target } from '../target.js';
import { launchPage, lessonFiles, PLAYER_STYLESHEET, playerScriptPath } from '../tincan/lessonFiles.js';
import { buildCourseStructure, type CourseStructureAu } from './courseStructure.js';

export const CMI5 = 'cmi5';

export const cmi5Target: Target = {
  name: CMI5,
  description: 'cmi5 courses with cmi5.xml: one zip per unit, one per learning path (an AU per unit, in order).',

  planUnit(unit) {
    return unit.lesson ? [{ target: CMI5, subject: { kind: 'unit', unit }, output: `${CMI5}/${unit.id}.zip` }] : [];
  },

  planPath(learningPath, units) {
    if (units.length === 0 || units.some((u) => !u.lesson)) return [];
    return [{ target: CMI5, subject: { kind: 'path', path: learningPath, units }, output: `${CMI5}/path-${learningPath.id}.zip` }];
  },

  async build(job: Job, ctx: BuildContext): Promise<JobResult> {
    const { course } = ctx;
    const { baseIri } = course.config;
    const units: Unit[] = job.subject.kind === 'unit' ? [job.subject.unit] : job.subject.units;
    const learningPath = job.subject.kind === 'path' ? job.subject.path : undefined;
    const buildId = ctx.buildIdFor(job);
    const [template, stylesheet, script] = await Promise.all([lessonTemplate(course, ctx.shared), lessonStylesheet(course, ctx.shared, units), playerScript(CMI5, ctx.shared)]);
    const entries: ZipEntry[] = [
      { path: PLAYER_STYLESHEET, bytes: stylesheet },
      { path: playerScriptPath(CMI5), bytes: script },
    ];
    const aus: CourseStructureAu[] = [];
    for (const unit of units) {
      const lesson = buildLessonData(unit, course);
      const plan = lessonStatementPlan(course, unit, { buildId, path: learningPath });
      entries.push(...(await lessonFiles(unit, ctx, { lesson, plan, template, adapter: CMI5 })));
      const { objective } = unit.contract;
      aus.push({
        id: lessonIri(baseIri, unit.id),
        title: unit.contract.title,
        description: objective.statement,
        objectiveIri: objectiveIri(baseIri, objective.id),
        objectiveTitle: objective.id,
        objectiveDescription: objective.statement,
        masteryScore: lesson.questions.length ? masteryScoreOf(unit, course) : undefined,
        url: launchPage(unit.id),
      });
    }
    const single = units.length === 1 && !learningPath ? units[0]! : undefined;
    const xml = buildCourseStructure({
      id: learningPath ? pathIri(baseIri, learningPath.id) : unitCourseIri(baseIri, single!.id),
      title: learningPath ? learningPath.title : single!.contract.title,
      description: learningPath ? `${course.config.title}: ${learningPath.title}` : single!.contract.objective.statement,
      language: single?.contract.language || course.config.language,
      aus,
    });
    entries.push({ path: 'cmi5.xml', bytes: Buffer.from(xml, 'utf8') });
    const bytes = await writeZip(entries, { modifiedAt: ctx.sourceDateEpoch, cache: await zipCompressionCache(ctx.shared) });
    return { artifacts: [{ path: job.output, bytes, target: CMI5, unitIds: units.map((u) => u.id) }] };
  },
};

/**
 * `--target scorm12`: a SCORM 1.2 package per unit (scorm12/<unit-id>.zip) and a multi-SCO
 * package per learning path (scorm12/path-<path-id>.zip, one item and SCO per unit, in order).
 * Each SCO is the theme's lesson page with the lesson player and its SCORM 1.2 tracker; with
 * `scorm12.report_xapi` the pages also send xAPI statements to the relay (see xapiReporting).
 */
import { hasErrors, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { Unit } from '../../../course/model/unit.js';
import { zipCompressionCache } from '../../package/zipCompressionCache.js';
import { writeZip, type ZipEntry } from '../../package/zipWriter.js';
import { buildLessonData } from '../../lesson/buildLessonData.js';
import { playerScript } from '../../lesson/playerScript.js';
import { lessonStylesheet, lessonTemplate } from '../../lesson/renderLessonPage.js';
import { unitLessonFiles } from '../../lesson/unitLessonFiles.js';
import type { BuildContext, Job, JobResult, Target } from '../target.js';
import { buildManifest, type ManifestSco } from './manifest.js';
import { MANIFEST_FILE, PLAYER_SCRIPT, PLAYER_STYLESHEET } from './packageLayout.js';
import { checkSuspendBudget } from './suspendBudget.js';
import { scormPlayerAdapter, xapiPageFinisher } from './xapiReporting.js';

export const SCORM12 = 'scorm12';

export const scorm12Target: Target = {
  name: SCORM12,
  description: 'SCORM 1.2 packages: one zip per unit, one multi-SCO zip per learning path.',

  planUnit(unit) {
    return unit.lesson ? [{ target: SCORM12, subject: { kind: 'unit', unit }, output: `${SCORM12}/${unit.id}.zip` }] : [];
  },

  planPath(learningPath, units) {
    if (units.length === 0 || units.some((u) => !u.lesson)) return [];
    return [{ target: SCORM12, subject: { kind: 'path', path: learningPath, units }, output: `${SCORM12}/path-${learningPath.id}.zip` }];
  },

  async build(job: Job, ctx: BuildContext): Promise<JobResult> {
    const { course } = ctx;
    const units: Unit[] = job.subject.kind === 'unit' ? [job.subject.unit] : job.subject.units;
    const pathId = job.subject.kind === 'path' ? job.subject.path.id : '';
    const lessons = units.map((unit) => ({ unit, data: buildLessonData(unit, course) }));
    const diagnostics: Diagnostic[] = lessons.flatMap(({ unit, data }) => checkSuspendBudget(unit, data, pathId));
    if (hasErrors(diagnostics)) return { artifacts: [], diagnostics };

    const [template, stylesheet, script] = await Promise.all([
      lessonTemplate(course, ctx.shared),
      lessonStylesheet(course, ctx.shared, units),
      playerScript(scormPlayerAdapter(course), ctx.shared),
    ]);
    const entries: ZipEntry[] = [
      { path: PLAYER_STYLESHEET, bytes: stylesheet },
      { path: PLAYER_SCRIPT, bytes: script },
    ];
    const scos: ManifestSco[] = [];
    for (const { unit, data } of lessons) {
      const finishPage = xapiPageFinisher(course, unit, { buildId: ctx.buildIdFor(job), ...(job.subject.kind === 'path' ? { path: job.subject.path } : {}) });
      const files = await unitLessonFiles(unit, ctx, { lesson: data, template, stylesheet: PLAYER_STYLESHEET, script: PLAYER_SCRIPT, ...(finishPage ? { finishPage } : {}) });
      entries.push(...files);
      scos.push({
        unitId: unit.id,
        title: unit.contract.title,
        objectiveId: unit.contract.objective.id,
        objectiveStatement: unit.contract.objective.statement,
        masteryScore: data.masteryScore,
        files: files.map((f) => f.path),
      });
    }

    const single = job.subject.kind === 'unit' ? job.subject.unit : undefined;
    const manifest = buildManifest({
      courseId: course.config.id,
      subject: single ? { unitId: single.id } : { pathId },
      title: single ? single.contract.title : job.subject.kind === 'path' ? job.subject.path.title : course.config.title,
      language: single?.contract.language || course.config.language,
      version: single?.contract.version,
      scos,
      playerFiles: [PLAYER_STYLESHEET, PLAYER_SCRIPT],
    });
    entries.push({ path: MANIFEST_FILE, bytes: Buffer.from(manifest, 'utf8') });

    const bytes = await writeZip(entries, { modifiedAt: ctx.sourceDateEpoch, cache: await zipCompressionCache(ctx.shared) });
    return { artifacts: [{ path: job.output, bytes, target: SCORM12, unitIds: units.map((u) => u.id) }], diagnostics };
  },
};


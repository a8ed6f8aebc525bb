/**
 * `tandem reinforce`: load the course, read completions and nudge answers from the statement
 * sources, read the roster, schedule, and write schedule.json, schedule.csv and calendars/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { IANAZone } from 'luxon';
import { loadCourse, type Course } from '../course/index.js';
import { nudgeQuestions } from '../course/reinforcement/nudgeQuestions.js';
import { diagnose, hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { readCompletions } from './readCompletions.js';
import { readRoster } from './readRoster.js';
import { scheduleNudges, type LearnerInfo, type Nudge, type ScheduledUnit } from './scheduleNudges.js';
import { writeSchedule, type NudgeText } from './writeSchedule.js';

export interface ReinforceOptions {
  courseDir: string;
  statements: readonly string[];
  roster?: string;
  out: string;
}

export interface ReinforceResult {
  nudges: Nudge[];
  /** Written files, relative to `out`. */
  files: string[];
  diagnostics: Diagnostic[];
  completions: number;
}

/** The units whose nudges can be scheduled: reinforcement and at least one nudge question. */
export function scheduledUnits(course: Course): ScheduledUnit[] {
  return course.units
    .filter((u) => u.contract.reinforcement)
    .map((u) => ({ unitId: u.id, objectiveId: u.contract.objective.id, afterDays: u.contract.reinforcement!.afterDays, questionIds: nudgeQuestions(u).questions.map((q) => q.id) }))
    .filter((u) => u.questionIds.length > 0);
}

export async function runReinforce(options: ReinforceOptions): Promise<ReinforceResult> {
  const empty = (diagnostics: Diagnostic[]): ReinforceResult => ({ nudges: [], files: [], diagnostics, completions: 0 });
  const loaded = await loadCourse(options.courseDir);
  const diagnostics = [...loaded.diagnostics];
  const course = loaded.course;
  if (!course || hasErrors(diagnostics)) return empty(diagnostics);
  const missing = options.statements.filter((s) => !existsSync(s));
  if (missing.length) return empty([...diagnostics, ...missing.map((p) => diagnose('REPORT_STATEMENTS_NOT_FOUND', { path: p }, { file: path.resolve(p), line: 1, column: 1 }))]);
  const settings = course.config.reinforcement;
  if (!IANAZone.isValidZone(settings.timeZone)) return empty([...diagnostics, diagnose('REINFORCE_TIME_ZONE_UNKNOWN', { zone: settings.timeZone }, { file: course.configFile, line: 1, column: 1 })]);

  const scheduled = await schedule(course, options, diagnostics);
  if (!scheduled) return empty(diagnostics);
  // The roster and the completions are not kept while the files are written: only the nudges.
  const { nudges, completions } = scheduled;
  const texts = nudgeTexts(course);
  const files = await writeSchedule(options.out, nudges, (n) => texts.get(`${n.unitId}\n${n.questionId}`)!);
  return { nudges, files, diagnostics, completions };
}

/** The nudges of the completions in the statements; undefined when the roster is unusable. */
async function schedule(course: Course, options: ReinforceOptions, diagnostics: Diagnostic[]): Promise<{ nudges: Nudge[]; completions: number } | undefined> {
  let roster = new Map<string, LearnerInfo>();
  if (options.roster) {
    const read = await readRoster(options.roster);
    diagnostics.push(...read.diagnostics);
    if (hasErrors(read.diagnostics) && read.roster.size === 0) return undefined;
    roster = read.roster;
  }
  const read = await readCompletions(course, options.statements);
  diagnostics.push(...read.diagnostics);
  return { nudges: scheduleNudges(scheduledUnits(course), read.completions, read.answers, roster, course.config.reinforcement), completions: read.completions.length };
}

function nudgeTexts(course: Course): Map<string, NudgeText> {
  const texts = new Map<string, NudgeText>();
  for (const unit of course.units) {
    const base = course.config.jobAidUrl;
    for (const q of nudgeQuestions(unit).questions) {
      texts.set(`${unit.id}\n${q.id}`, { title: `Quick check: ${unit.contract.title}`, prompt: q.prompt, ...(base ? { jobAidUrl: `${base}/${unit.id}.html` } : {}) });
    }
  }
  return texts;
}

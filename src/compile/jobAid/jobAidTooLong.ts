/**
 * JOB_AID_TOO_LONG: what to cut when a job aid does not fit its paper even at the smallest type.
 * The advice names what the unit has too much of: more than 12 steps, more than 6 decision rows,
 * steps longer than two lines, and the longest section.
 */
import type { PaperSize } from '../../course/model/course.js';
import type { JobAidSection } from '../../course/model/jobAid.js';
import type { Unit } from '../../course/model/unit.js';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { PAPERS } from './papers.js';

/** What a one-page job aid is designed to hold (issue 14): 12 steps and a 6-row decision table. */
export const TYPICAL_STEPS = 12;
export const TYPICAL_DECISION_ROWS = 6;
/** A step longer than this runs past two lines on A4. */
const LONG_STEP_CHARACTERS = 180;

export function jobAidTooLong(unit: Unit, paper: PaperSize, pages: number, floor: number): Diagnostic {
  const jobAid = unit.jobAid!;
  const cut: string[] = [];
  const steps = jobAid.steps?.items ?? [];
  if (steps.length > TYPICAL_STEPS) cut.push(`keep the steps to ${TYPICAL_STEPS} (it has ${steps.length})`);
  const longSteps = steps.filter((s) => s.markdown.length > LONG_STEP_CHARACTERS).map((s) => s.number);
  if (longSteps.length) cut.push(`shorten step${longSteps.length > 1 ? 's' : ''} ${longSteps.join(', ')} to a line or two each`);
  const rows = jobAid.decisionTable?.table?.rows.length ?? 0;
  if (rows > TYPICAL_DECISION_ROWS) cut.push(`keep the decision table to ${TYPICAL_DECISION_ROWS} rows (it has ${rows})`);
  const sections = [jobAid.context, jobAid.steps, jobAid.decisionTable, jobAid.watchOuts, jobAid.escalation, ...jobAid.other].filter((s): s is JobAidSection => s !== undefined);
  const longest = sections.reduce<JobAidSection | undefined>((a, b) => (a && words(a) >= words(b) ? a : b), undefined);
  if (longest) cut.push(`shorten "${longest.heading}", the longest section (${words(longest)} words)`);
  return diagnose(
    'JOB_AID_TOO_LONG',
    { paper: PAPERS[paper].label, pages, floor: `${floor} pt`, cut: cut.join('; ') },
    { file: jobAid.file, line: longest?.line ?? 1, column: 1, unitId: unit.id },
  );
}

function words(section: JobAidSection): number {
  return section.markdown.split(/\s+/).filter(Boolean).length;
}

import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { objectiveIdProblem } from './checkObjectiveId.js';
import type { UnitRule } from './unitRule.js';

/** Lesson and job aid serve the unit's objective: front matter that names another one is an error. */
export const checkDocumentObjectives: UnitRule = ({ unit }) => {
  const diagnostics: Diagnostic[] = [];
  const expected = unit.contract.objective.id;
  for (const doc of [unit.lesson, unit.jobAid]) {
    const declared = doc?.declaredObjective;
    if (doc && declared && declared.id !== expected) {
      const name = doc === unit.lesson ? 'lesson' : 'job aid';
      const at = { file: doc.file, line: declared.line, column: declared.column, endLine: declared.line, endColumn: declared.column + declared.id.length, unitId: unit.id };
      diagnostics.push(diagnose('JOB_AID_OBJECTIVE_MISMATCH', { found: declared.id, expected, doc: name, expectedValid: !objectiveIdProblem(expected), foundValid: !objectiveIdProblem(declared.id) }, at));
    }
  }
  return diagnostics;
};

/** The job aid is usable on the job: when to use it, steps or a decision table, the risk, whom to ask. */
export const checkJobAid: UnitRule = ({ unit }) => {
  const diagnostics: Diagnostic[] = [];
  const jobAid = unit.jobAid;
  if (!jobAid) return diagnostics;
  const top = { file: jobAid.file, line: 1, column: 1, unitId: unit.id };
  if (!jobAid.context || jobAid.context.markdown.trim() === '') {
    diagnostics.push(diagnose('JOB_AID_NO_CONTEXT', {}, jobAid.context ? { ...top, line: jobAid.context.line } : top));
  }
  const hasSteps = (jobAid.steps?.items.length ?? 0) > 0;
  const hasTable = (jobAid.decisionTable?.table?.rows.length ?? 0) > 0;
  if (!hasSteps && !hasTable) {
    const line = jobAid.steps?.line ?? jobAid.decisionTable?.line ?? 1;
    diagnostics.push(diagnose('JOB_AID_NO_STEPS', {}, { ...top, line }));
  }
  if (!jobAid.watchOuts) diagnostics.push(diagnose('JOB_AID_NO_WATCH_OUTS', {}, top));
  if (!jobAid.escalation) diagnostics.push(diagnose('JOB_AID_NO_ESCALATION', {}, top));
  return diagnostics;
};

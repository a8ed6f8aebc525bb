import { diagnose } from '../../../diagnostics/diagnostic.js';
import type { UnitRule } from './unitRule.js';

/**
 * The objective id travels everywhere: SCORM 1.2 `cmi.objectives.n.id` is a CMIIdentifier
 * (RTE 3.4.2: no spaces, at most 255 characters), and it is a path segment of the objective's
 * xAPI IRI. Allowing only [A-Za-z0-9._-] makes it safe in both without escaping.
 */
export const checkObjectiveId: UnitRule = ({ unit, locate }) => {
  const id = unit.contract.objective.id;
  const problem = objectiveIdProblem(id);
  return problem ? [diagnose('OBJECTIVE_ID_UNSAFE', { id: id.length > 60 ? id.slice(0, 57) + '...' : id, problem }, { ...locate(['objective', 'id']), unitId: unit.id })] : [];
};

export function objectiveIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'is empty';
  if (id.length > 255) return `is ${id.length} characters long; SCORM 1.2 identifiers hold at most 255`;
  if (/\s/.test(id)) return 'contains spaces, which SCORM 1.2 identifiers do not allow';
  if (/[^\x21-\x7e]/.test(id)) return 'contains characters outside printable ASCII';
  const bad = id.match(/[^A-Za-z0-9._-]/);
  if (bad) return `contains "${bad[0]}", which would need escaping inside an IRI`;
  if (id === '.' || id === '..') return 'is a dot segment, which an IRI would resolve away';
  return undefined;
}

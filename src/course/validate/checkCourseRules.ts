/**
 * Rules across units: unit and objective ids are unique (objective ids are the join key for
 * analytics), and learning paths name existing units, once each.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedPath } from '../load/loadPath.js';
import type { LoadedUnit } from '../load/loadUnit.js';
import { closestName } from './closestName.js';

/** The ids a unit.yaml declares, when they are valid (a unit with other errors still has them). */
export interface DeclaredIds {
  id?: string;
  objectiveId?: string;
}

export function checkUniqueIds(units: readonly (Pick<LoadedUnit, 'id' | 'positions'> & { declared?: DeclaredIds })[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byObjective = new Map<string, string>();
  const byUnitId = new Map<string, string>();
  for (const loaded of units) {
    const { id: declared, objectiveId: objective } = loaded.declared ?? {};
    if (declared !== undefined) {
      if (byUnitId.has(declared)) diagnostics.push(diagnose('UNIT_ID_DUPLICATE', { id: declared }, { ...loaded.positions.id, unitId: loaded.id }));
      else byUnitId.set(declared, loaded.id);
    }
    if (objective === undefined) continue;
    const other = byObjective.get(objective);
    if (other !== undefined) {
      diagnostics.push(diagnose('OBJECTIVE_ID_DUPLICATE', { id: objective, other }, { ...loaded.positions.objectiveId, unitId: loaded.id }));
    } else byObjective.set(objective, loaded.id);
  }
  return diagnostics;
}

export function checkPaths(paths: readonly LoadedPath[], unitIds: readonly string[]): Diagnostic[] {
  const known = new Set(unitIds);
  const diagnostics: Diagnostic[] = [];
  for (const loaded of paths) {
    const learningPath = loaded.path;
    if (!learningPath) continue;
    const seen = new Set<string>();
    learningPath.unitIds.forEach((unitId, i) => {
      const at = loaded.locate(['units', i]);
      if (!known.has(unitId)) diagnostics.push(diagnose('PATH_UNKNOWN_UNIT', { unit: unitId, suggestion: closestName(unitId, unitIds) ?? '' }, at));
      else if (seen.has(unitId)) diagnostics.push(diagnose('PATH_DUPLICATE_UNIT', { unit: unitId }, at));
      seen.add(unitId);
    });
  }
  return diagnostics;
}

/**
 * One unit folder through load (stage 3) and validate (stage 4), from the bytes already read:
 * what loadCourse does for each unit (checkUnits.ts). Pure data in, pure data out, so a result
 * can be cached by the bytes it came from.
 */
import path from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadUnit, UNIT_FILE, type LoadedUnit, type UnitPositions } from './load/loadUnit.js';
import type { UnitFiles } from './load/unitFiles.js';
import type { CourseConfig } from './model/course.js';
import type { Unit } from './model/unit.js';
import type { DeclaredIds } from './validate/checkCourseRules.js';
import { estimateLessonMinutes } from './validate/rules/checkLessonTime.js';
import { validateUnit } from './validate/validateUnit.js';

/** One unit after load and validate: what the cache stores. */
export interface CheckedUnit {
  id: string;
  unit?: Unit;
  /** The unit and objective ids unit.yaml declares validly, even when other fields have errors: ids must be unique either way. */
  declared?: DeclaredIds;
  diagnostics: Diagnostic[];
  positions: UnitPositions;
}

/** A checked unit and the text of each source file it read (by absolute path, for code frames). */
export interface UnitCheck {
  entry: CheckedUnit;
  sources: [file: string, text: string][];
  /** False for INTERNAL_ERROR: a Tandem bug or a broken environment is never cached. */
  cacheable: boolean;
}

export function checkUnit(dir: string, files: UnitFiles, config: CourseConfig): UnitCheck {
  try {
    const loaded = loadUnit(dir, files);
    if (loaded.unit) loaded.unit.estimatedMinutes = estimateLessonMinutes(loaded.unit, config)?.minutes;
    const entry: CheckedUnit = { id: loaded.id, unit: loaded.unit, declared: declaredIds(loaded), diagnostics: [...loaded.diagnostics, ...validateUnit(loaded, config)], positions: loaded.positions };
    return { entry, sources: [...loaded.sources], cacheable: true };
  } catch (error) {
    return { entry: internalError(dir, error), sources: [], cacheable: false };
  }
}

/** A unit Tandem failed on (a bug, or a broken environment): reported against the unit, and the others still load. */
export function internalError(dir: string, error: unknown): CheckedUnit {
  const id = path.basename(dir);
  const at = { file: path.join(dir, UNIT_FILE), line: 1, column: 1, unitId: id };
  return {
    id,
    positions: { id: at, objectiveId: at, version: at, language: at },
    diagnostics: [diagnose('INTERNAL_ERROR', { stage: 'loading the unit', reason: String((error as Error)?.stack ?? error) }, at)],
  };
}

function declaredIds(loaded: LoadedUnit): DeclaredIds {
  const unit = loaded.unit ?? loaded.draft?.unit;
  const invalid = loaded.unit ? new Set<string>() : (loaded.draft?.invalid ?? new Set<string>());
  if (!unit) return {};
  return {
    ...(invalid.has('id') ? {} : { id: unit.contract.id }),
    ...(invalid.has('objective') ? {} : { objectiveId: unit.contract.objective.id }),
  };
}

/**
 * Stages 1–4: config → discover → load → validate. Returns the course, every diagnostic, and the
 * source texts for code frames. One broken unit never stops the others from being checked.
 */
import path from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import { diagnose, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { discoverCourse } from '../discover/discoverCourse.js';
import { loadPath, type LoadedPath } from '../load/loadPath.js';
import { loadUnit, type LoadedUnit } from '../load/loadUnit.js';
import type { Course } from '../model/course.js';
import type { Unit } from '../model/unit.js';
import { checkPaths, checkUniqueIds } from '../validate/checkCourseRules.js';
import { estimateLessonMinutes } from '../validate/rules/checkLessonTime.js';
import { validateUnit } from '../validate/validateUnit.js';

export interface LoadedCourse {
  /** Undefined when the config could not be loaded (no course to speak of). */
  course?: Course;
  diagnostics: Diagnostic[];
  /** Ids of units with at least one error: a build skips them. */
  failedUnits: Set<string>;
  /** Ids of paths with errors or naming failed units: a build skips them. */
  failedPaths: Set<string>;
  /** Text of each file read, by absolute path, for code frames. */
  sources: Map<string, string>;
  /** Where each unit's `version:` is written, for release diagnostics. */
  versionPositions: Map<string, Location>;
}

export async function loadCourse(courseDir: string): Promise<LoadedCourse> {
  const root = path.resolve(courseDir);
  const sources = new Map<string, string>();
  const { config, configFile, text, diagnostics: configDiagnostics } = await loadConfig(root);
  if (text !== undefined) sources.set(configFile, text);
  const diagnostics = [...configDiagnostics];
  const failedUnits = new Set<string>();
  const failedPaths = new Set<string>();
  const versionPositions = new Map<string, Location>();
  if (!config) return { diagnostics, failedUnits, failedPaths, sources, versionPositions };

  const layout = await discoverCourse(root);
  const loadedUnits = layout.unitDirs.map(loadUnitSafely);
  const loadedPaths = await Promise.all(layout.pathFiles.map(loadPath));

  const units: Unit[] = [];
  for (const loaded of loadedUnits) {
    for (const [file, content] of loaded.sources) sources.set(file, content);
    const unitDiagnostics = [...loaded.diagnostics, ...validateUnit(loaded, config)];
    diagnostics.push(...unitDiagnostics);
    if (hasErrors(unitDiagnostics)) failedUnits.add(loaded.id);
    if (loaded.unit) {
      versionPositions.set(loaded.id, loaded.locate(['version']));
      loaded.unit.estimatedMinutes = estimateLessonMinutes(loaded.unit, config)?.minutes;
      units.push(loaded.unit);
    }
  }
  for (const d of checkUniqueIds(loadedUnits)) {
    diagnostics.push(d);
    if (d.unitId) failedUnits.add(d.unitId);
  }

  const paths = [];
  const unitIds = loadedUnits.map((u) => u.id);
  for (const loaded of loadedPaths) {
    if (loaded.text !== undefined) sources.set(loaded.file, loaded.text);
    const pathDiagnostics = [...loaded.diagnostics, ...checkPaths([loaded], unitIds)];
    diagnostics.push(...pathDiagnostics);
    if (!loaded.path) continue;
    paths.push(loaded.path);
    if (hasErrors(pathDiagnostics) || loaded.path.unitIds.some((id) => failedUnits.has(id))) failedPaths.add(loaded.path.id);
  }

  const course: Course = { root, configFile, config, units, paths };
  return { course, diagnostics, failedUnits, failedPaths, sources, versionPositions };
}

function loadUnitSafely(dir: string): LoadedUnit {
  try {
    return loadUnit(dir);
  } catch (error) {
    const id = path.basename(dir);
    const at = { file: path.join(dir, 'unit.yaml'), line: 1, column: 1, unitId: id };
    return {
      id,
      dir,
      locate: () => at,
      files: new Set(),
      sources: new Map(),
      diagnostics: [diagnose('INTERNAL_ERROR', { stage: 'loading the unit', reason: String((error as Error)?.stack ?? error) }, at)],
    };
  }
}

export type { LoadedPath };

/**
 * Stages 1–4: config → discover → load → validate. Returns the course, every diagnostic, and the
 * source texts for code frames. One broken unit never stops the others from being checked.
 *
 * With a unit cache (incremental builds), a unit whose files, folder, config and Tandem version
 * are unchanged is not parsed or validated again: its model and diagnostics come from the cache.
 */
import path from 'node:path';
import { loadConfig } from './config/loadConfig.js';
import { diagnose, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { discoverCourse } from './discover/discoverCourse.js';
import { loadPath } from './load/loadPath.js';
import type { Course } from './model/course.js';
import type { Unit } from './model/unit.js';
import { sha256 } from './contentHash.js';
import { toolFingerprint } from '../release/toolFingerprint.js';
import { checkPaths, checkUniqueIds } from './validate/checkCourseRules.js';
import { checkThemeCredentials } from './validate/checkThemeCredentials.js';
import { hasPlayerLanguage, loadThemeStrings, PLAYER_LANGUAGES } from './load/themeStrings.js';
import { checkUnits, type UnitCache } from './checkUnits.js';

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

export type { CheckedUnit } from './checkUnit.js';
export type { UnitCache } from './checkUnits.js';

export interface LoadCourseOptions {
  unitCache?: UnitCache;
}

export async function loadCourse(courseDir: string, options: LoadCourseOptions = {}): Promise<LoadedCourse> {
  const root = path.resolve(courseDir);
  const sources = new Map<string, string>();
  const { config, draft, configFile, text, diagnostics: configDiagnostics } = await loadConfig(root);
  if (text !== undefined) sources.set(configFile, text);
  const diagnostics = [...configDiagnostics];
  const failedUnits = new Set<string>();
  const failedPaths = new Set<string>();
  const versionPositions = new Map<string, Location>();
  // A config with errors still checks the units (with its valid settings), so one run reports everything; there is no course to build.
  const checkingConfig = config ?? draft;
  if (!checkingConfig) return { diagnostics, failedUnits, failedPaths, sources, versionPositions };

  const layout = await discoverCourse(root);
  diagnostics.push(...layout.diagnostics);
  for (const d of layout.diagnostics) if (d.unitId) failedUnits.add(d.unitId);
  // Only a cached load needs the key salt; toolFingerprint hashes Tandem's own files, wasted work for `check`.
  const salt = options.unitCache ? sha256(`${toolFingerprint()}\n${text ?? ''}`) : '';
  const checked = checkUnits(layout.unitDirs, checkingConfig, sources, { cache: options.unitCache, salt });
  const loadedPaths = await Promise.all(layout.pathFiles.map((file) => loadPath(file, root)));

  const units: Unit[] = [];
  for (const entry of checked) {
    diagnostics.push(...entry.diagnostics);
    if (hasErrors(entry.diagnostics)) failedUnits.add(entry.id);
    if (entry.unit) {
      versionPositions.set(entry.id, entry.positions.version);
      units.push(entry.unit);
    }
  }
  // A secret in the theme would ship in every package: no unit is built.
  const themeCredentials = checkThemeCredentials(root, checkingConfig.theme);
  diagnostics.push(...themeCredentials);
  if (themeCredentials.length) for (const entry of checked) failedUnits.add(entry.id);
  // The player's texts: a broken strings file would change every lesson; a language without texts shows English.
  const themeStrings = loadThemeStrings(root, checkingConfig.theme);
  diagnostics.push(...themeStrings.diagnostics);
  if (hasErrors(themeStrings.diagnostics)) for (const entry of checked) failedUnits.add(entry.id);
  for (const entry of checked) {
    const language = entry.unit?.contract.language;
    if (language && !hasPlayerLanguage(language, themeStrings.strings)) {
      diagnostics.push(diagnose('PLAYER_LANGUAGE_UNSUPPORTED', { language, supported: PLAYER_LANGUAGES.join(', ') }, { ...entry.positions.language, unitId: entry.id }));
    }
  }
  for (const d of checkUniqueIds(checked)) {
    diagnostics.push(d);
    if (d.unitId) failedUnits.add(d.unitId);
  }

  const paths = [];
  const unitIds = checked.map((u) => u.id);
  for (const loaded of loadedPaths) {
    if (loaded.text !== undefined) sources.set(loaded.file, loaded.text);
    const pathDiagnostics = [...loaded.diagnostics, ...checkPaths([loaded], unitIds)];
    diagnostics.push(...pathDiagnostics);
    if (!loaded.path) continue;
    paths.push(loaded.path);
    if (hasErrors(pathDiagnostics) || loaded.path.unitIds.some((id) => failedUnits.has(id))) failedPaths.add(loaded.path.id);
  }

  if (!config) return { diagnostics, failedUnits, failedPaths, sources, versionPositions };
  const course: Course = { root, configFile, config, units, paths };
  return { course, diagnostics, failedUnits, failedPaths, sources, versionPositions };
}

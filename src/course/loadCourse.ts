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
import { JOB_AID_FILE, LESSON_FILE, loadUnit, UNIT_FILE, fileNamedLike, type LoadedUnit, type UnitPositions } from './load/loadUnit.js';
import { decodeText } from './load/readTextFile.js';
import { readUnitFiles, type UnitFiles } from './load/unitFiles.js';
import type { Course, CourseConfig } from './model/course.js';
import type { Unit } from './model/unit.js';
import { sha256 } from './contentHash.js';
import { toolFingerprint } from '../release/toolFingerprint.js';
import { checkPaths, checkUniqueIds, type DeclaredIds } from './validate/checkCourseRules.js';
import { checkThemeCredentials } from './validate/checkThemeCredentials.js';
import { hasPlayerLanguage, loadThemeStrings, PLAYER_LANGUAGES } from './load/themeStrings.js';
import { estimateLessonMinutes } from './validate/rules/checkLessonTime.js';
import { validateUnit } from './validate/validateUnit.js';

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

/** One unit after load and validate: what the cache stores. */
export interface CheckedUnit {
  id: string;
  unit?: Unit;
  /** The unit and objective ids unit.yaml declares validly, even when other fields have errors: ids must be unique either way. */
  declared?: DeclaredIds;
  diagnostics: Diagnostic[];
  positions: UnitPositions;
}

export interface UnitCache {
  unit(key: string): CheckedUnit | undefined;
  storeUnit(key: string, entry: CheckedUnit): void;
}

export async function loadCourse(courseDir: string, options: { unitCache?: UnitCache } = {}): Promise<LoadedCourse> {
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
  const checked = layout.unitDirs.map((dir) => checkUnitSafely(dir, checkingConfig, salt, sources, options.unitCache));
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

function checkUnitSafely(dir: string, config: CourseConfig, salt: string, sources: Map<string, string>, cache?: UnitCache): CheckedUnit {
  const id = path.basename(dir);
  try {
    const files = readUnitFiles(dir);
    // The folder is part of the key: the model holds absolute paths, and a moved course must not reuse them.
    // Refused entries (links out of the unit, devices) are not content, but their diagnostics depend on them.
    const refused = JSON.stringify([...files.refused]);
    const key = cache ? sha256(`${salt}\n${dir}\n${files.contentHash()}\n${refused}`) : '';
    const hit = cache?.unit(key);
    if (hit) {
      if (hit.diagnostics.length) addSources(dir, files, sources);
      return hit;
    }
    const loaded = loadUnit(dir, files);
    for (const [file, content] of loaded.sources) sources.set(file, content);
    if (loaded.unit) loaded.unit.estimatedMinutes = estimateLessonMinutes(loaded.unit, config)?.minutes;
    const entry: CheckedUnit = { id, unit: loaded.unit, declared: declaredIds(loaded), diagnostics: [...loaded.diagnostics, ...validateUnit(loaded, config)], positions: loaded.positions };
    cache?.storeUnit(key, entry);
    return entry;
  } catch (error) {
    const at = { file: path.join(dir, UNIT_FILE), line: 1, column: 1, unitId: id };
    return {
      id,
      positions: { id: at, objectiveId: at, version: at, language: at },
      diagnostics: [diagnose('INTERNAL_ERROR', { stage: 'loading the unit', reason: String((error as Error)?.stack ?? error) }, at)],
    };
  }
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

/** Cached diagnostics still get code frames: decode the unit's sources from the bytes already read. */
function addSources(dir: string, files: UnitFiles, sources: Map<string, string>): void {
  const present = new Set(files.list);
  for (const expected of [UNIT_FILE, LESSON_FILE, JOB_AID_FILE]) {
    const name = fileNamedLike(present, expected);
    if (name === undefined) continue;
    const text = decodeText(files.bytes(name), path.join(dir, name));
    if (text.ok) sources.set(path.join(dir, name), text.text);
  }
}

/**
 * A course theme extends Tandem's default theme, the way docs/format.md promises. Its layers,
 * nearest first: the course's own `themes/<theme>/`, then Tandem's `themes/<theme>/`, then
 * Tandem's `themes/default/`. A template (lesson.hbs, job-aid.hbs) or a partial
 * (partials/<name>.hbs) comes from the nearest layer that has it; a stylesheet (lesson.css,
 * job-aid.css) is every layer's, base first, so a course stylesheet with three rules restyles
 * the player instead of replacing (and unstyling) it.
 *
 * A theme file ends up in every package, so it is read under the course's file rules (see
 * course/load/courseFiles): a course theme file (or theme folder) that is a link leading out of
 * the course, a device or a pipe is refused with a diagnostic, never read; Tandem's own files must
 * stay inside Tandem's themes folder. A refused course file does not fall back to Tandem's: the
 * author meant to override it, and should hear why that did not work.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnoseFileProblem, listFolder, readFileWithin } from '../../course/load/courseFiles.js';
import type { Course } from '../../course/model/course.js';
import { DiagnosticError } from '../../diagnostics/diagnosticError.js';

/** Tandem's own themes, shipped in the npm package next to dist/. */
export const TANDEM_THEMES_DIR = fileURLToPath(new URL('../../../themes/', import.meta.url));

/** Every template and stylesheet a theme provides; the build reads (and hashes) exactly these, plus partials/. */
export const THEME_FILES = ['lesson.hbs', 'lesson.css', 'job-aid.hbs', 'job-aid.css'] as const;
export type ThemeFileName = (typeof THEME_FILES)[number];
export type ThemeStylesheet = Extract<ThemeFileName, `${string}.css`>;

/** Handlebars partials a theme layer may add or override: `partials/<name>.hbs`. */
export const PARTIALS_DIR = 'partials';

/** Templates and stylesheets are a few KB; anything near this is a mistake or an attack. */
export const MAX_THEME_FILE_BYTES = 4 * 1024 * 1024;

/** The folders of a theme's layers, nearest first (a folder may not exist). */
export function themeSearchPath(courseRoot: string, theme: string): string[] {
  const own = path.join(courseRoot, 'themes', theme);
  return theme === 'default' ? [own, path.join(TANDEM_THEMES_DIR, 'default')] : [own, path.join(TANDEM_THEMES_DIR, theme), path.join(TANDEM_THEMES_DIR, 'default')];
}

/** Every layer's copy of `file`, nearest first; an entry of that name counts even if it is a link or a pipe. */
export function themeFileLayers(course: Course, file: string): string[] {
  // lstat, not exists: a broken or refused link in the course theme must be reported, not skipped.
  return themeSearchPath(course.root, course.config.theme)
    .map((dir) => path.join(dir, file))
    .filter((candidate) => lstatSync(candidate, { throwIfNoEntry: false }) !== undefined);
}

/** Where `file` is taken from: the nearest layer that has it. */
export function resolveThemeFile(course: Course, file: string): string {
  const found = themeFileLayers(course, file)[0];
  // Tandem's default theme ships with the package; its absence means a broken install, not a course error.
  if (!found) throw new Error(`Theme file ${file} is missing; looked in ${themeSearchPath(course.root, course.config.theme).map((dir) => path.join(dir, file)).join(', ')}.`);
  return found;
}

/** The bytes of a template, from the nearest layer; a DiagnosticError (FILE_OUTSIDE_COURSE, FILE_NOT_REGULAR, …) when it must not be read. */
export function readThemeFile(course: Course, file: ThemeFileName): Buffer {
  return readLayerFile(course, resolveThemeFile(course, file));
}

/** A stylesheet as the theme's layers add up: the default's rules first, the course's last, so they win. */
export function readThemeStylesheet(course: Course, file: ThemeStylesheet): string {
  const layers = themeFileLayers(course, file).reverse();
  if (!layers.length) resolveThemeFile(course, file);
  return layers.map((found) => readLayerFile(course, found).toString('utf8')).join('\n');
}

/** Partial name → template source, each from the nearest layer that has it. */
export function readThemePartials(course: Course): Map<string, string> {
  const partials = new Map<string, string>();
  for (const dir of themeSearchPath(course.root, course.config.theme).reverse()) {
    const folder = path.join(dir, PARTIALS_DIR);
    const ownTheme = isCourseTheme(course, folder);
    const listing = listFolder(folder, ownTheme ? course.root : TANDEM_THEMES_DIR);
    const [refused] = listing.refused;
    if (refused) throw new DiagnosticError(refusal(course, path.join(folder, refused[0]), refused[1]));
    for (const name of listing.files.filter((f) => f.endsWith('.hbs'))) {
      partials.set(name.slice(0, -'.hbs'.length), readLayerFile(course, path.join(folder, name)).toString('utf8'));
    }
  }
  return partials;
}

function isCourseTheme(course: Course, file: string): boolean {
  return file.startsWith(path.join(course.root, 'themes') + path.sep);
}

function readLayerFile(course: Course, found: string): Buffer {
  const read = readFileWithin(found, isCourseTheme(course, found) ? course.root : TANDEM_THEMES_DIR, MAX_THEME_FILE_BYTES);
  if (read.ok) return read.bytes;
  throw new DiagnosticError(refusal(course, found, read.problem));
}

function refusal(course: Course, found: string, problem: Parameters<typeof diagnoseFileProblem>[0]) {
  const ownTheme = isCourseTheme(course, found);
  const name = ownTheme ? path.relative(course.root, found).split(path.sep).join('/') : found;
  const where = ownTheme ? 'the course folder' : "Tandem's themes folder";
  return diagnoseFileProblem(problem, name, where, { file: found, line: 1, column: 1 });
}

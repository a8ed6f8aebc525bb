/**
 * Finds and reads a theme file the way docs/format.md promises: the course's own
 * `themes/<theme>/`, then Tandem's `themes/<theme>/`, then Tandem's `themes/default/`. A course
 * can so override one file (say job-aid.css) and keep Tandem's template.
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
import { diagnoseFileProblem, readFileWithin } from '../../course/load/courseFiles.js';
import type { Course } from '../../course/model/course.js';
import { DiagnosticError } from '../../diagnostics/diagnosticError.js';

/** Tandem's own themes, shipped in the npm package next to dist/. */
export const TANDEM_THEMES_DIR = fileURLToPath(new URL('../../../themes/', import.meta.url));

/** Every file a theme provides; the build reads (and hashes) exactly these. */
export const THEME_FILES = ['lesson.hbs', 'lesson.css', 'job-aid.hbs', 'job-aid.css'] as const;
export type ThemeFileName = (typeof THEME_FILES)[number];

/** Templates and stylesheets are a few KB; anything near this is a mistake or an attack. */
export const MAX_THEME_FILE_BYTES = 4 * 1024 * 1024;

/** The folders a theme file is looked up in, first match wins. */
export function themeSearchPath(courseRoot: string, theme: string): string[] {
  return [path.join(courseRoot, 'themes', theme), path.join(TANDEM_THEMES_DIR, theme), path.join(TANDEM_THEMES_DIR, 'default')];
}

/** Where `file` is taken from: the first folder of the search path that has an entry of that name (a link counts). */
export function resolveThemeFile(course: Course, file: string): string {
  const candidates = themeSearchPath(course.root, course.config.theme).map((dir) => path.join(dir, file));
  // lstat, not exists: a broken or refused link in the course theme must be reported, not skipped.
  const found = candidates.find((candidate) => lstatSync(candidate, { throwIfNoEntry: false }) !== undefined);
  // Tandem's default theme ships with the package; its absence means a broken install, not a course error.
  if (!found) throw new Error(`Theme file ${file} is missing; looked in ${candidates.join(', ')}.`);
  return found;
}

/** The bytes of a theme file; a DiagnosticError (FILE_OUTSIDE_COURSE, FILE_NOT_REGULAR, …) when it must not be read. */
export function readThemeFile(course: Course, file: ThemeFileName): Buffer {
  const found = resolveThemeFile(course, file);
  const ownTheme = found.startsWith(path.join(course.root, 'themes') + path.sep);
  const boundary = ownTheme ? course.root : TANDEM_THEMES_DIR;
  const read = readFileWithin(found, boundary, MAX_THEME_FILE_BYTES);
  if (read.ok) return read.bytes;
  const name = ownTheme ? path.relative(course.root, found).split(path.sep).join('/') : found;
  const where = ownTheme ? 'the course folder' : "Tandem's themes folder";
  throw new DiagnosticError(diagnoseFileProblem(read.problem, name, where, { file: found, line: 1, column: 1 }));
}

/**
 * Finds a theme file the way docs/format.md promises: the course's own `themes/<theme>/`, then
 * Tandem's `themes/<theme>/`, then Tandem's `themes/default/`. A course can so override one file
 * (say job-aid.css) and keep Tandem's template.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Course } from '../../course/model/course.js';

/** Tandem's own themes, shipped in the npm package next to dist/. */
export const TANDEM_THEMES_DIR = fileURLToPath(new URL('../../../themes/', import.meta.url));

/** The folders a theme file is looked up in, first match wins. The build cache hashes all of them. */
export function themeSearchPath(courseRoot: string, theme: string): string[] {
  return [path.join(courseRoot, 'themes', theme), path.join(TANDEM_THEMES_DIR, theme), path.join(TANDEM_THEMES_DIR, 'default')];
}

export function resolveThemeFile(course: Course, file: string): string {
  const candidates = themeSearchPath(course.root, course.config.theme).map((dir) => path.join(dir, file));
  const found = candidates.find((candidate) => existsSync(candidate));
  // Tandem's default theme ships with the package; its absence means a broken install, not a course error.
  if (!found) throw new Error(`Theme file ${file} is missing; looked in ${candidates.join(', ')}.`);
  return found;
}

/**
 * The theme as a build input: checks that the theme exists (THEME_NOT_FOUND, not a silent
 * fallback) and that every theme file the build will read may be read (a course theme file that
 * links out of the course stops the build before anything is written), and hashes the folders of
 * its layers and the brand's files for the cache and the release build id. Theme files fall back
 * layer by layer (course, Tandem's theme, default), so every folder counts, and any file in them:
 * a theme may grow files the renderers read later.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFolder, readFileWithin, realPathWithin } from '../../course/load/courseFiles.js';
import { parseYamlSource } from '../../course/load/yamlSource.js';
import type { Course } from '../../course/model/course.js';
import { closestName } from '../../course/validate/closestName.js';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { DiagnosticError } from '../../diagnostics/diagnosticError.js';
import { folderHash } from '../../release/toolFingerprint.js';
import { MAX_THEME_FILE_BYTES, readThemeFile, readThemePartials, readThemeStylesheet, TANDEM_THEMES_DIR, THEME_FILES, themeSearchPath } from './resolveThemeFile.js';

export function themeHash(course: Course): { ok: true; hash: string } | { ok: false; diagnostics: Diagnostic[] } {
  const problems = checkThemeFiles(course);
  if (problems.length) return { ok: false, diagnostics: problems };
  const [own, ...tandem] = themeSearchPath(course.root, course.config.theme);
  const hashes = [courseFolderHash(own!, course.root), ...tandem.map(folderHash), brandFilesHash(course)];
  return { ok: true, hash: createHash('sha256').update(hashes.join('\n')).digest('hex') };
}

/** THEME_NOT_FOUND, or one diagnostic per theme file the build would refuse to read (`tandem check` reports them too). */
export function checkThemeFiles(course: Course): Diagnostic[] {
  const missing = themeNotFound(course);
  if (missing) return [missing];
  const problems: Diagnostic[] = [];
  const attempt = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof DiagnosticError)) throw error;
      problems.push(error.diagnostic);
    }
  };
  for (const file of THEME_FILES) attempt(() => (file.endsWith('.css') ? readThemeStylesheet(course, file as 'lesson.css') : readThemeFile(course, file)));
  attempt(() => readThemePartials(course));
  return problems;
}

/** A theme name that is neither a course theme folder nor one of Tandem's: an error naming the closest theme. */
function themeNotFound(course: Course): Diagnostic | undefined {
  const { theme } = course.config;
  const [own, tandem] = themeSearchPath(course.root, theme);
  // lstat: a course theme folder that is a link is the file rules' to report (FILE_OUTSIDE_COURSE), not a missing theme.
  if (theme === 'default' || lstatSync(own!, { throwIfNoEntry: false }) || lstatSync(tandem!, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const known = [...new Set([...folders(TANDEM_THEMES_DIR), ...folders(path.join(course.root, 'themes'))])].sort();
  return diagnose('THEME_NOT_FOUND', { theme, known: known.join(', '), suggestion: closestName(theme, known) ?? '' }, themePosition(course));
}

function folders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Where `theme:` is written in tandem.config.yaml. */
function themePosition(course: Course) {
  try {
    return parseYamlSource(readFileSync(course.configFile, 'utf8'), { file: course.configFile }).locate(['theme']);
  } catch {
    return { file: course.configFile, line: 1, column: 1 };
  }
}

/** The logo and a font file are read into every package: their bytes are inputs like the theme's. */
function brandFilesHash(course: Course): string {
  const { brand } = course.config;
  const h = createHash('sha256');
  for (const file of [brand.logo, brand.font.kind === 'file' ? brand.font.file : undefined]) {
    if (!file) continue;
    const read = readFileWithin(file, course.root, MAX_THEME_FILE_BYTES);
    // The path inside the course, not the absolute one: a course built from another folder is the same release.
    h.update(path.relative(course.root, file).split(path.sep).join('/')).update('\0').update(read.ok ? read.bytes : JSON.stringify(read.problem)).update('\0');
  }
  return h.digest('hex');
}

/**
 * Like folderHash, but under the course's file rules: nothing outside the course is read, reads
 * are capped, and an entry that may not be read counts by its name and why.
 */
function courseFolderHash(dir: string, root: string): string {
  const h = createHash('sha256');
  if (!realPathWithin(dir, root).ok) return h.digest('hex');
  const listing = listFolder(dir, root);
  for (const file of listing.files) {
    const read = readFileWithin(path.join(dir, file), root, MAX_THEME_FILE_BYTES);
    h.update(file).update('\0').update(read.ok ? read.bytes : JSON.stringify(read.problem)).update('\0');
  }
  for (const [file, problem] of listing.refused) h.update(file).update('\0').update(JSON.stringify(problem)).update('\0');
  return h.digest('hex');
}

/**
 * The theme as a build input: checks that every theme file the build will read may be read (a
 * course theme file that links out of the course stops the build before anything is written), and
 * hashes the folders of the search path for the cache and the release build id. Theme files fall
 * back one by one (course, Tandem's theme, default), so every folder counts, and any file in them:
 * a theme may grow files the renderers read later.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { listFolder, readFileWithin, realPathWithin } from '../../course/load/courseFiles.js';
import type { Course } from '../../course/model/course.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { DiagnosticError } from '../../diagnostics/diagnosticError.js';
import { folderHash } from '../../release/toolFingerprint.js';
import { MAX_THEME_FILE_BYTES, readThemeFile, THEME_FILES, themeSearchPath } from './resolveThemeFile.js';

export function themeHash(course: Course): { ok: true; hash: string } | { ok: false; diagnostics: Diagnostic[] } {
  const problems = checkThemeFiles(course);
  if (problems.length) return { ok: false, diagnostics: problems };
  const [own, ...tandem] = themeSearchPath(course.root, course.config.theme);
  const hashes = [courseFolderHash(own!, course.root), ...tandem.map(folderHash)];
  return { ok: true, hash: createHash('sha256').update(hashes.join('\n')).digest('hex') };
}

/** One diagnostic per theme file the build would refuse to read (`tandem check` reports them too). */
export function checkThemeFiles(course: Course): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const file of THEME_FILES) {
    try {
      readThemeFile(course, file);
    } catch (error) {
      if (!(error instanceof DiagnosticError)) throw error;
      problems.push(error.diagnostic);
    }
  }
  return problems;
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

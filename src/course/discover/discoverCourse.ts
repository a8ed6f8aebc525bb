/**
 * Stage 2, discover: lists the unit folders and path files of a course, sorted so every later
 * stage (and every artifact) sees them in the same order on every machine.
 *
 * Links are not followed out of the course: a `units/` or `paths/` folder that leads outside it is
 * reported and not read, and a unit folder that is itself a link is reported, not silently
 * skipped (see course/load/courseFiles for why links matter). Path files that are links are
 * listed; reading them checks that they stay inside the course.
 */
import { readdir } from 'node:fs/promises';
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnoseFileProblem, realPathWithin } from '../load/courseFiles.js';

export interface CourseLayout {
  /** Absolute unit folder paths, sorted by folder name. */
  unitDirs: string[];
  /** Absolute paths of paths/*.yaml, sorted. */
  pathFiles: string[];
  /** Folders that are not read: linked unit folders, a units/ or paths/ folder leading out of the course. */
  diagnostics: Diagnostic[];
}

export async function discoverCourse(root: string): Promise<CourseLayout> {
  const diagnostics: Diagnostic[] = [];
  const unitsDir = path.join(root, 'units');
  const pathsDir = path.join(root, 'paths');
  const unitEntries = await listDir(unitsDir, root, diagnostics);
  const unitDirs: string[] = [];
  for (const e of unitEntries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) unitDirs.push(path.join(unitsDir, e.name));
    else if (e.isSymbolicLink() && lstatSync(path.join(unitsDir, e.name), { throwIfNoEntry: false })) {
      const file = path.join(unitsDir, e.name);
      diagnostics.push(diagnose('UNIT_FOLDER_LINK', { name: e.name, target: linkTarget(file) }, { file, line: 1, column: 1, unitId: e.name }));
    }
  }
  const pathFiles = (await listDir(pathsDir, root, diagnostics))
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(pathsDir, e.name));
  return { unitDirs: unitDirs.sort(byName), pathFiles: pathFiles.sort(byName), diagnostics };
}

async function listDir(dir: string, root: string, diagnostics: Diagnostic[]) {
  if (!lstatSync(dir, { throwIfNoEntry: false })) return [];
  const where = realPathWithin(dir, root);
  if (!where.ok) {
    if (where.problem.kind === 'outside') diagnostics.push(diagnoseFileProblem(where.problem, path.basename(dir) + '/', 'the course folder', { file: dir, line: 1, column: 1 }));
    return [];
  }
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function linkTarget(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return 'a missing folder';
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Stage 2, discover: lists the unit folders and path files of a course, sorted so every later
 * stage (and every artifact) sees them in the same order on every machine.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface CourseLayout {
  /** Absolute unit folder paths, sorted by folder name. */
  unitDirs: string[];
  /** Absolute paths of paths/*.yaml, sorted. */
  pathFiles: string[];
}

export async function discoverCourse(root: string): Promise<CourseLayout> {
  const unitsDir = path.join(root, 'units');
  const pathsDir = path.join(root, 'paths');
  const unitDirs = (await listDir(unitsDir))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => path.join(unitsDir, e.name))
    .sort(byName);
  const pathFiles = (await listDir(pathsDir))
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(pathsDir, e.name))
    .sort(byName);
  return { unitDirs, pathFiles };
}

async function listDir(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

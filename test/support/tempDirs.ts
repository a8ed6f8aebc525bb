/**
 * Temporary folders for one test file, removed after each test: `tempDir()` for an empty one,
 * `courseCopy()` for a copy of the sample course to edit.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export function useTempDirs(prefix: string): { tempDir: () => string; courseCopy: (into?: string) => string } {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  const courseCopy = (into = tempDir()) => {
    cpSync('fixtures/sample-course', into, { recursive: true });
    return into;
  };
  return { tempDir, courseCopy };
}

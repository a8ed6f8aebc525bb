/**
 * The independent conformance tools beside the repository (../shared: the SCORM/cmi5 checker and
 * the schemas it uses). Users clone the repository alone, so tests that need them cannot require
 * them; but a test must never skip silently. So: under CI (where ../shared is always laid out) a
 * missing tool fails the test; elsewhere the test is skipped with the reason in its name, and the
 * reason is printed once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

export const SHARED_DIR = path.resolve('..', 'shared');
export const CMI5_XSD = path.join(SHARED_DIR, 'standards', 'cmi5', 'CourseStructure.xsd');
export const CHECK_PACKAGE = path.join(SHARED_DIR, 'tools', 'check-package');

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

/** What is missing for a test that needs xmllint and these files, or undefined when all are here. */
export function missingTools(files: readonly string[]): string | undefined {
  const missing = [...(hasXmllint ? [] : ['xmllint (apt-get install libxml2-utils)']), ...files.filter((f) => !existsSync(f)).map((f) => path.relative(process.cwd(), f))];
  return missing.length ? missing.join(', ') : undefined;
}

/** `it`, for a test that needs xmllint and the given files from ../shared. */
export function itWithSharedTools(name: string, files: readonly string[], fn: () => void | Promise<void>): void {
  const missing = missingTools(files);
  if (!missing) return void it(name, fn);
  if (process.env.CI) {
    it(name, () => {
      throw new Error(`Needs ${missing}, which CI always provides: the CI setup is broken.`);
    });
    return;
  }
  console.warn(`Skipping "${name}": needs ${missing} (beside the repository in CI).`);
  it.skip(`${name} (skipped here: needs ${missing})`, fn);
}

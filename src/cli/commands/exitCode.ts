import { ENVIRONMENT_CODES } from '../../diagnostics/catalogue.js';
import { countBySeverity, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { REPORT_FORMATS, type ReportFormat } from '../../diagnostics/reporter.js';
import { repositoryRoot } from '../../release/sourceCommit.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../io.js';

/** 2 when the command could not run at all, 1 for errors (and warnings with --strict), else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[], strict: boolean): number {
  if (diagnostics.some((d) => ENVIRONMENT_CODES.has(d.code))) return EXIT_USAGE;
  const counts = countBySeverity(diagnostics);
  if (counts.error > 0 || (strict && counts.warning > 0)) return EXIT_PROBLEMS;
  return EXIT_OK;
}

/**
 * The folder report paths are relative to: GitHub resolves annotation paths from the repository
 * root, whatever folder the command ran in; people read paths relative to where they are.
 */
export async function reportRoot(format: ReportFormat, courseDir: string, cwd: string): Promise<string> {
  return format === 'github' ? ((await repositoryRoot(courseDir)) ?? cwd) : cwd;
}

export function parseFormat(value: unknown): ReportFormat | undefined {
  if (value === undefined) return 'human';
  return REPORT_FORMATS.includes(value as ReportFormat) ? (value as ReportFormat) : undefined;
}

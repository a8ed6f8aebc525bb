/**
 * Statement files and folders as a re-readable stream of lines (for readers outside the report,
 * e.g. tandem reinforce; the report itself parses through parseFilesInParallel).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { linesOf, listStatementFiles, type SourceLine } from './statementLines.js';

/** `notes` gets what listStatementFiles says about the inputs (a release folder read for its journal only). */
export async function statementFiles(inputs: readonly string[], notes: Diagnostic[] = []): Promise<() => AsyncGenerator<SourceLine>> {
  const files = await listStatementFiles(inputs, notes);
  return async function* (): AsyncGenerator<SourceLine> {
    for (const file of files) yield* linesOf(file);
  };
}

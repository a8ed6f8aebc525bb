/**
 * Statement files and folders as a re-readable stream of lines (for readers outside the report,
 * e.g. tandem reinforce; the report itself parses through parseFilesInParallel).
 */
import { linesOf, listStatementFiles, type SourceLine } from './statementLines.js';

export async function statementFiles(inputs: readonly string[]): Promise<() => AsyncGenerator<SourceLine>> {
  const files = await listStatementFiles(inputs);
  return async function* (): AsyncGenerator<SourceLine> {
    for (const file of files) yield* linesOf(file);
  };
}

/** Statement files and folders as a re-readable stream (aggregateStatements may read it twice). */
import type { StatementStream } from '../aggregateStatements.js';
import { linesOf, listStatementFiles, type SourceLine } from './statementLines.js';

export async function statementFiles(inputs: readonly string[]): Promise<StatementStream> {
  const files = await listStatementFiles(inputs);
  return async function* (): AsyncGenerator<SourceLine> {
    for (const file of files) yield* linesOf(file);
  };
}

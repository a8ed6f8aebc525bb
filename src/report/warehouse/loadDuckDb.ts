/**
 * DuckDB is an on-demand dependency: only `--parquet` needs it, and its native binding is about
 * 70 MB, so it is an optional peer dependency loaded with a dynamic import when asked for. A run
 * without --parquet never touches it; a run with --parquet and no DuckDB installed fails before
 * reading anything, with REPORT_DUCKDB_MISSING saying what to install.
 */
import type * as DuckDb from '@duckdb/node-api';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';

export const DUCKDB_MODULE = '@duckdb/node-api';

export type DuckDbModule = typeof DuckDb;

/** The DuckDB module, or the diagnostic that says it is not installed. `specifier` is for tests. */
export async function loadDuckDb(specifier: string = DUCKDB_MODULE): Promise<{ duckdb: DuckDbModule } | { diagnostic: Diagnostic }> {
  try {
    return { duckdb: (await import(specifier)) as DuckDbModule };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Anything but "not there" (a broken binding, a wrong platform) is reported with its own words.
    const reason = code === 'ERR_MODULE_NOT_FOUND' ? 'it is not installed' : (error as Error).message.split('\n')[0]!;
    return { diagnostic: diagnose('REPORT_DUCKDB_MISSING', { module: specifier, reason }) };
  }
}

/** Codes of `tandem report --parquet`: the warehouse export through DuckDB, an on-demand dependency. */
import { entry } from '../catalogueEntry.js';

export const REPORT_WAREHOUSE_CODES = {
  REPORT_DUCKDB_MISSING: entry<{ module: string; reason: string }>({
    severity: 'error',
    summary: '`tandem report --parquet` needs DuckDB (@duckdb/node-api), which is not installed; nothing was written.',
    message: (p) => `--parquet writes Parquet through DuckDB, but ${p.module} could not be loaded (${p.reason}); no report files were written.`,
    hint: (p) =>
      `Install it beside Tandem (\`npm install ${p.module}\` in the project that runs tandem, or \`npm install -g ${p.module}\` next to a global tandem), then rerun; or drop --parquet for report.json, report.html and the CSV files alone.`,
  }),
  REPORT_PARQUET_FAILED: entry<{ dir: string; reason: string }>({
    severity: 'error',
    summary: 'Writing the Parquet export failed; report.json, report.html and the CSV files were written.',
    message: (p) => `The Parquet export to ${p.dir} failed: ${p.reason}. report.json, report.html and the CSV files were written.`,
    hint: () => 'Check that the --parquet folder is writable and the disk has room (about 100 MB per million statements), then rerun.',
  }),
} as const;

/** Writes the report's files into the output folder: report.json, report.html, kpi.csv, items.csv. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../reportModel.js';
import { itemsCsv, kpiCsv } from './reportCsv.js';
import { reportHtml } from './reportHtml.js';

/** The `$schema` report.json points to, as published in the package's schemas/ folder. */
export const REPORT_SCHEMA_ID = 'https://tandem.dev/schemas/report.schema.json';

export async function writeReport(report: Report, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...report }, null, 2) + '\n'],
    ['kpi.csv', kpiCsv(report)],
    ['items.csv', itemsCsv(report)],
    ['report.html', await reportHtml(report)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(outDir, name);
    await writeFile(file, text);
    written.push(file);
  }
  return written;
}

#!/usr/bin/env node
/**
 * PDF job-aid benchmark, on the compiled dist/ (run `npm run build` first):
 * generates a course of N units from the sample course (scripts/generateCourse.mjs), then prints
 * every PDF job aid with one browser and a fixed page pool, and reports total time and ms per PDF.
 *
 *   node scripts/bench-pdf.mjs                       # 200 units, all papers in the config, default pool
 *   node scripts/bench-pdf.mjs --units 50 --pages 1,2,4 --paper a4
 *
 * --pages takes a list to compare pool sizes; each size is one build with its own single browser.
 * The output is counted, not written, so disk speed does not enter the figures.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PAGE_POOL_SIZE } from '../dist/compile/browserForBuild.js';
import { findBrowser } from '../dist/browserPool/findBrowser.js';
import { build } from '../dist/compile/build.js';
import { generateCourse } from './generateCourse.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const units = Number(option('--units', '200'));
const poolSizes = option('--pages', String(DEFAULT_PAGE_POOL_SIZE)).split(',').map(Number);
const paper = option('--paper', '');

const browser = findBrowser({ env: process.env });
if (!browser.found) {
  console.error('bench-pdf: no Chrome or Chromium found; set TANDEM_BROWSER=/path/to/chrome.');
  process.exit(2);
}
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
console.log(`Tandem ${version} PDF benchmark: ${os.cpus().length} core(s), Node ${process.version}, ${browser.path}`);

const course = generateCourse(units);
if (paper) {
  const config = path.join(course, 'tandem.config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}job_aids:\n  paper: [${paper}]\n`);
}

/** Counts what the build would write, without writing it. */
class CountingSink {
  files = 0;
  bytes = 0;
  async write(_path, data) {
    this.files++;
    this.bytes += data.length;
  }
}

try {
  for (const pages of poolSizes) {
    const sink = new CountingSink();
    let firstPrinted;
    const started = performance.now();
    const result = await build({
      courseDir: course,
      targets: ['job-aid-pdf'],
      sink,
      manifest: false,
      retainBytes: false,
      // Enough jobs in flight to keep every page of the pool busy.
      concurrency: Math.max(4, pages * 2),
      browser: { env: process.env, pages },
      onProgress: (event) => {
        if (event.phase === 'build' && firstPrinted === undefined) firstPrinted = performance.now();
      },
    });
    const total = performance.now() - started;
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(`${errors.length} error(s), first: ${errors[0].code} ${errors[0].message}`);
    const pdfs = sink.files;
    console.log(
      `\n${units} units, ${pdfs} PDFs (${(sink.bytes / 2 ** 20).toFixed(1)} MiB), one browser, pool of ${pages} page(s):\n` +
        `  total ${(total / 1000).toFixed(1)} s (load and check included; first PDF after ${((firstPrinted - started) / 1000).toFixed(1)} s, browser start included)\n` +
        `  ${(total / pdfs).toFixed(0)} ms per PDF overall, ${((total - (firstPrinted - started)) / (pdfs - 1)).toFixed(0)} ms per PDF once printing\n` +
        `  peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (the browser's own memory is not included)`,
    );
  }
} finally {
  rmSync(course, { recursive: true, force: true });
}

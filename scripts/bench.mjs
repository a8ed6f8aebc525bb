#!/usr/bin/env node
/**
 * `npm run bench`: build speed and size, on the machine it runs on.
 *  1. Courses of 10, 100 and 1,000 units (generated from the sample course): all package targets
 *     (no PDF) cold, then warm after editing one unit. Units/s, ms, peak RSS.
 *  2. PDF job aids for 200 units with one browser and the default page pool: ms per PDF.
 *  3. md-to-pdf (a popular puppeteer-based Markdown→PDF tool) on the same 200 job-aid Markdown
 *     files with the same browser, and the ratio. md-to-pdf is installed into .bench/ on first
 *     use with PUPPETEER_SKIP_DOWNLOAD=1 (it would otherwise download a browser).
 * Options: --sizes 10,100 --pdf-units 50 --skip-md-to-pdf
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../dist/browserPool/findBrowser.js';
import { DEFAULT_PAGE_POOL_SIZE } from '../dist/compile/browserForBuild.js';
import { TARGETS } from '../dist/compile/targets/registry.js';
import { generateCourse } from './generateCourse.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = option('--sizes', '10,100,1000').split(',').map(Number);
const pdfUnits = Number(option('--pdf-units', '200'));
const skipMdToPdf = args.includes('--skip-md-to-pdf');

const PDF_TARGETS = new Set(['job-aid-pdf']);
const packageTargets = TARGETS.map((t) => t.name).filter((n) => !PDF_TARGETS.has(n));
const browser = findBrowser({ env: process.env });
console.log(`Tandem benchmark on ${os.cpus().length} core(s), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`package targets: ${packageTargets.join(', ') || '(none registered)'}; browser: ${browser.found ? browser.path : 'none found'}\n`);

function buildOnce(course, out, targets, extra = []) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench-build-once.mjs'), course, out, targets.join(','), ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').at(-1));
  if (result.errors) throw new Error(`build reported ${result.errors} error(s): ${result.firstError}`);
  return result;
}

function editOneUnit(course) {
  const unit = readdirSync(path.join(course, 'units')).sort()[0];
  const lesson = path.join(course, 'units', unit, 'lesson.md');
  writeFileSync(lesson, readFileSync(lesson, 'utf8').replace(/\n## /, '\n## Updated: '));
}

const temps = [];
const temp = (name) => {
  const d = mkdtempSync(path.join(os.tmpdir(), `tandem-bench-${name}-`));
  temps.push(d);
  return d;
};

try {
  console.log('## Package targets (no PDF)\n');
  console.log('| units | cold s | units/s | warm (1 unit edited) s | rebuilt jobs | artifacts | MiB | peak RSS MiB |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const course = generateCourse(size, temp(`course-${size}`));
    const out = temp(`out-${size}`);
    const cold = buildOnce(course, out, packageTargets);
    editOneUnit(course);
    const warm = buildOnce(course, out, packageTargets);
    console.log(
      `| ${size} | ${(cold.ms / 1000).toFixed(2)} | ${(size / (cold.ms / 1000)).toFixed(0)} | ${(warm.ms / 1000).toFixed(2)} | ${warm.built} | ${cold.artifacts} | ${(cold.bytes / 2 ** 20).toFixed(1)} | ${Math.max(cold.maxRssMiB, warm.maxRssMiB).toFixed(0)} |`,
    );
  }

  if (!browser.found) {
    console.log('\nNo browser found: PDF benchmark skipped (install chromium or set TANDEM_BROWSER).');
  } else if (!TARGETS.some((t) => t.name === 'job-aid-pdf')) {
    console.log('\nNo job-aid-pdf target registered: PDF benchmark skipped.');
  } else {
    console.log(`\n## PDF job aids (${pdfUnits} units, one browser, pool of ${DEFAULT_PAGE_POOL_SIZE} pages)\n`);
    const course = generateCourse(pdfUnits, temp('pdf-course'));
    const pdf = buildOnce(course, temp('pdf-out'), ['job-aid-pdf'], ['--no-cache']);
    const perPdf = pdf.ms / pdf.artifacts;
    console.log(`${pdf.artifacts} PDFs in ${(pdf.ms / 1000).toFixed(2)} s: ${perPdf.toFixed(1)} ms per PDF (including browser start), peak RSS ${pdf.maxRssMiB.toFixed(0)} MiB`);

    if (!skipMdToPdf) {
      const tool = path.join(ROOT, '.bench');
      const cli = path.join(tool, 'node_modules/md-to-pdf/dist/cli.js');
      if (!existsSync(cli)) {
        console.log('installing md-to-pdf into .bench/ (PUPPETEER_SKIP_DOWNLOAD=1)…');
        mkdirSync(tool, { recursive: true });
        execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', tool, 'md-to-pdf@5'], { env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' }, stdio: 'ignore' });
      }
      const mdDir = temp('md');
      const files = readdirSync(path.join(course, 'units')).sort().map((unit) => {
        const file = path.join(mdDir, `${unit}.md`);
        copyFileSync(path.join(course, 'units', unit, 'job-aid.md'), file);
        return file;
      });
      const launch = JSON.stringify({ executablePath: browser.path, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
      // md-to-pdf's CLI converts the files of one run with one browser, all at once. On a 2-core
      // machine (measured: 8 files per run → 300 ms per PDF, 24 → 190, 50 → 133 but with some
      // runs timing out, 100 → most time out), 24 is the largest batch that reliably completes.
      const MD_BATCH = 24;
      const started = performance.now();
      let failures = '';
      for (let i = 0; i < files.length; i += MD_BATCH) {
        const r = spawnSync(process.execPath, [cli, ...files.slice(i, i + MD_BATCH), '--launch-options', launch], { encoding: 'utf8', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' }, maxBuffer: 64 * 1024 * 1024 });
        if (r.status !== 0) failures ||= r.stderr.slice(0, 400);
      }
      const mdMs = performance.now() - started;
      const made = readdirSync(mdDir).filter((f) => f.endsWith('.pdf')).length;
      console.log(`md-to-pdf (batches of ${MD_BATCH}, one browser each): ${made} PDFs in ${(mdMs / 1000).toFixed(2)} s: ${(mdMs / Math.max(made, 1)).toFixed(1)} ms per PDF`);
      // Tandem printed three papers per unit; compare per PDF.
      if (made === files.length) console.log(`Tandem is ${(mdMs / made / perPdf).toFixed(1)}× faster per PDF.`);
      else console.log(`md-to-pdf produced ${made}/${files.length} PDFs, so no ratio is given: ${failures}`);
    }
  }
} finally {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
}

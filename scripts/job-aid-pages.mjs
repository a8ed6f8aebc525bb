#!/usr/bin/env node
/**
 * Pages per printed job aid (issue 14's measure): the sample course's job aids and the stress
 * units of fixtures/job-aid-stress (12 steps and a 6-row decision table; and one that cannot
 * fit), printed on A4, US Letter and the A6 pocket card by the real Chromium. Prints a table of
 * page counts (1 page for A4/Letter and 2 sides for the pocket card is the goal) and rasterizes
 * every page to PNG with poppler's pdftoppm for review.
 *
 * Runs the compiled library (npm run build first).
 * Usage: node scripts/job-aid-pages.mjs [out-dir]   (default out/job-aid-pages)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { build } from '../dist/compile/build.js';
import { MemorySink } from '../dist/compile/sink/memorySink.js';

const out = path.resolve(process.argv[2] ?? 'out/job-aid-pages');
const STRESS = JSON.parse(readFileSync('fixtures/job-aid-stress/units.json', 'utf8'));

/** Stress unit `id`: a copy of discount-approval with its own title, objective, risk and job aid (as test/jobAid/support.ts does). */
function addJobAidUnit(courseDir, id) {
  const spec = STRESS[id];
  const to = path.join(courseDir, 'units', id);
  cpSync(path.join(courseDir, 'units', 'discount-approval'), to, { recursive: true });
  const text = readFileSync(path.join('fixtures/job-aid-stress', spec.jobAid), 'utf8');
  const objective = /^objective: (\S+)$/m.exec(text)[1];
  const unitYaml = path.join(to, 'unit.yaml');
  writeFileSync(
    unitYaml,
    readFileSync(unitYaml, 'utf8')
      .replace(/^title: .*$/m, `title: ${spec.title}`)
      .replace(/^(objective:\n(?: {2}.*\n)*? {2}statement: ).*$/m, `$1${spec.objective}`)
      .replace(/^(risk:\n {2}statement: ).*$/m, `$1${spec.risk}`),
  );
  for (const file of ['unit.yaml', 'lesson.md']) {
    const p = path.join(to, file);
    writeFileSync(p, readFileSync(p, 'utf8').replace('id: discount-approval', `id: ${id}`).replaceAll('OBJ-SAL-DISCOUNT-15', objective));
  }
  writeFileSync(path.join(to, 'job-aid.md'), text);
}

const course = mkdtempSync(path.join(os.tmpdir(), 'tandem-job-aid-pages-'));
try {
  cpSync('fixtures/sample-course', course, { recursive: true });
  for (const id of Object.keys(STRESS)) addJobAidUnit(course, id);
  const sink = new MemorySink();
  const started = performance.now();
  const result = await build({ courseDir: course, targets: ['job-aid-pdf'], sink, manifest: false });
  const ms = performance.now() - started;
  for (const d of result.diagnostics.filter((d) => d.severity !== 'info')) console.log(`${d.code} ${d.unitId ?? ''}: ${d.message}`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rows = new Map();
  for (const [name, bytes] of [...sink.files].sort(([a], [b]) => a.localeCompare(b))) {
    const [, unit, paper] = /^job-aids\/(.+)-(a4|letter|pocket)\.pdf$/.exec(name);
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    if (!rows.has(unit)) rows.set(unit, {});
    rows.get(unit)[paper] = pages;
    const pdf = path.join(out, `${unit}-${paper}.pdf`);
    writeFileSync(pdf, bytes);
    execFileSync('pdftoppm', ['-r', '110', '-png', pdf, path.join(out, `${unit}-${paper}`)]);
  }
  console.log('\njob aid                 |  A4 | Letter | pocket (sides)');
  for (const [unit, p] of rows) console.log(`${unit.padEnd(23)} | ${String(p.a4).padStart(3)} | ${String(p.letter).padStart(6)} | ${String(p.pocket).padStart(6)}`);
  console.log(`\n${sink.files.size} PDFs in ${(ms / 1000).toFixed(1)} s; PNG of every page in ${path.relative(process.cwd(), out)}/`);
  console.log(`uptime: ${execFileSync('uptime').toString().trim()}`);
} finally {
  rmSync(course, { recursive: true, force: true });
}

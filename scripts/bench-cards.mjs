#!/usr/bin/env node
/**
 * How long `tandem build --target cards` takes for N generated units (default 1,000; the issue's
 * target: under 5 s), through the library build into a memory sink, and whether every card stayed
 * within its channel's budget (no CARD_OVER_BUDGET / CARD_INVALID); then the rendering alone, on the
 * loaded course (wall and CPU time); then the `tandem build --target cards` process a user waits
 * for, writing every file into a new output folder (cold), and once more into the same folder
 * (warm: the unit cache the first build left). Prints `uptime` with the figures.
 *
 * The output folder is new, never a deleted one reused: right after `rm -rf` of 9,000 files, ext4
 * spends seconds finding free inodes, which measures the disk's history rather than Tandem.
 *
 * Usage: npm run build && node scripts/bench-cards.mjs [units]
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, CHANNELS, MemorySink, renderCards } from '../dist/compile/index.js';
import { loadCourse } from '../dist/course/index.js';
import { generateCourse } from './generateCourse.mjs';

const units = Number(process.argv[2] ?? 1000);
const dir = generateCourse(units);
try {
  console.log(`uptime before: ${execSync('uptime').toString().trim()}`);
  const sink = new MemorySink();
  const t0 = performance.now();
  const result = await build({ courseDir: dir, targets: ['cards'], sink, manifest: false });
  const seconds = (performance.now() - t0) / 1000;
  const cards = [...sink.files.keys()].filter((f) => f.startsWith('cards/')).length;
  const over = result.diagnostics.filter((d) => d.code === 'CARD_OVER_BUDGET' || d.code === 'CARD_INVALID').length;
  console.log(`cards for ${units} units: ${cards} files in ${seconds.toFixed(2)} s (load, check and render); over budget or invalid: ${over}`);
  // Rendering alone (what the target adds to a build): every unit × channel, on the loaded course.
  const { course } = await loadCourse(dir);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  let files = 0;
  for (const unit of course.units) for (const channel of CHANNELS) files += renderCards(course, unit, channel).files.length;
  const cpu = process.cpuUsage(cpu0);
  console.log(`rendering alone: ${files} files in ${((performance.now() - t1) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  // The command as a user runs it: a new Node process, the whole CLI, 9,000 files written to disk.
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-cards-out-')), 'release');
  try {
    for (const run of ['cold', 'warm']) {
      const t2 = performance.now();
      execFileSync(process.execPath, [cli, 'build', dir, '--target', 'cards', '--out', out], { stdio: 'ignore' });
      console.log(`tandem build --target cards as a process (${run}, writing to ${out}): ${((performance.now() - t2) / 1000).toFixed(2)} s`);
    }
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
  console.log(`uptime after: ${execSync('uptime').toString().trim()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

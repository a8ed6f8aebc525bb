#!/usr/bin/env node
/**
 * How long `tandem check` takes on generated courses (default 10, 100 and 1,000 units).
 * Runs the compiled library (npm run build first). Usage: node scripts/bench-check.mjs [N…]
 */
import { rmSync } from 'node:fs';
import { check } from '../dist/course/check.js';
import { generateCourse } from './generateCourse.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const RUNS = 3;
console.log('units | cold ms | best warm ms | ms/unit | diagnostics | peak RSS MiB');
for (const size of sizes.length ? sizes : [10, 100, 1000]) {
  const dir = generateCourse(size);
  try {
    const times = [];
    let diagnostics = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const result = await check(dir);
      times.push(performance.now() - started);
      diagnostics = result.diagnostics.length;
      if (result.course?.units.length !== size) throw new Error(`expected ${size} units, loaded ${result.course?.units.length}`);
    }
    const best = Math.min(...times.slice(1));
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`${String(size).padStart(5)} | ${times[0].toFixed(0).padStart(7)} | ${best.toFixed(0).padStart(12)} | ${(best / size).toFixed(2).padStart(7)} | ${String(diagnostics).padStart(11)} | ${rss.toFixed(0).padStart(12)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
/**
 * One `build()` in its own process, so its peak RSS is its own. Prints one JSON line.
 * Usage: node scripts/bench-build-once.mjs <course> <out> <target,target…> [--no-cache]
 */
import path from 'node:path';
import { BuildCache } from '../dist/compile/cache/buildCache.js';
import { build } from '../dist/compile/build.js';
import { DiskSink } from '../dist/compile/sink/diskSink.js';

const [courseDir, outDir, targetList, flag] = process.argv.slice(2);
const started = performance.now();
const result = await build({
  courseDir,
  targets: targetList.split(',').filter(Boolean),
  sink: new DiskSink(outDir),
  cache: flag === '--no-cache' ? undefined : new BuildCache(path.join(outDir, '.tandem-cache'), outDir),
  retainBytes: false,
  browser: { env: process.env },
});
const ms = performance.now() - started;
const errors = result.diagnostics.filter((d) => d.severity === 'error');
console.log(
  JSON.stringify({
    ms,
    units: result.manifest?.units.length ?? 0,
    artifacts: result.records.length,
    bytes: result.records.reduce((s, r) => s + r.bytes, 0),
    built: result.stats.built,
    reused: result.stats.reused,
    errors: errors.length,
    firstError: errors[0]?.message,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);

#!/usr/bin/env node
/**
 * How long `tandem report` takes, and its peak RSS, on generated statements of the real shape
 * (scripts/generateStatements.mjs, about 2 KB each) plus a year of daily ops rows. Runs the built
 * CLI (npm run build first) as a child process under /usr/bin/time, the way a user runs it.
 *
 * Usage: node scripts/bench-report.mjs [count…] [--threads n]   (default 200000; the target
 * is 1000000: under 15 s and 300 MB on the 2-core machine). Without `--threads` the report picks its
 * parse threads (one per core, up to 4); `--threads 1` parses on the main thread. Generated files go to out/bench-report/ and are reused when present. Prints `uptime`
 * with each figure: on a shared machine only figures taken at the same load compare.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { generateOps, generateStatements } from './generateStatements.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'out/bench-report');
mkdirSync(dir, { recursive: true });
const args = process.argv.slice(2);
const threadsAt = args.indexOf('--threads');
const threads = threadsAt === -1 ? undefined : args.splice(threadsAt, 2)[1];
const counts = args.map(Number).filter((n) => n > 0);
const ops = path.join(dir, 'ops.csv');
if (!existsSync(ops)) await generateOps(ops);

console.log(`threads ${threads ?? 'default'}`);
console.log('statements | MB | seconds | CPU s | peak RSS MiB | statements/s | uptime');
for (const count of counts.length ? counts : [200_000]) {
  const file = path.join(dir, `statements-${count}.ndjson`);
  if (!existsSync(file)) await generateStatements(count, file);
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M %U %S', process.execPath, path.join(root, 'dist/cli/main.js'), 'report', path.join(root, 'fixtures/sample-course'), '--statements', file, '--ops', ops, '--until', '2026-11-28', '--out', path.join(dir, `report-${count}`), '--fail-on', 'never', '--format', 'json', ...(threads ? ['--threads', threads] : [])],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const [seconds, kib, user, system] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const mb = statSync(file).size / 1e6;
  const load = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
  console.log(`${String(count).padStart(10)} | ${mb.toFixed(0).padStart(4)} | ${seconds.toFixed(1).padStart(7)} | ${(user + system).toFixed(1).padStart(5)} | ${(kib / 1024).toFixed(0).padStart(12)} | ${Math.round(count / seconds).toString().padStart(12)} | ${load}`);
}

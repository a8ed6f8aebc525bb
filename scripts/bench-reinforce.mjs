#!/usr/bin/env node
/**
 * How long `tandem reinforce` takes on N completions (default 100,000; the target: under
 * 2 s), with a roster giving every learner one of eight time zones. Reports the whole command (a
 * child process under /usr/bin/time: reading statements, scheduling, writing schedule.json, .csv
 * and one .ics per learner) and the scheduling step alone (in-process, on the same completions).
 * Prints `uptime` with the figures: on a loaded machine they are not final.
 *
 * Usage: npm run build && node scripts/bench-reinforce.mjs [count]
 */
import { execSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { loadCourse } from '../dist/course/index.js';
import { readCompletions, scheduleNudges, scheduledUnits } from '../dist/reinforce/index.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const course = path.join(root, 'fixtures/sample-course');
const dir = path.join(root, 'out/bench-reinforce');
const count = Number(process.argv[2] ?? 100_000);
mkdirSync(dir, { recursive: true });

const UNITS = { 'lockout-tagout': 'OBJ-OPS-LOTO-JAM', 'refund-approval': 'OBJ-SUP-REFUND-500', 'customer-data-handling': 'OBJ-CMP-PII-TICKETS' };
const ZONES = ['America/Chicago', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Europe/London', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
const learners = Math.ceil(count / 2.5);
/** mulberry32: a small deterministic PRNG, so every run generates the same corpus. */
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

const statementsFile = path.join(dir, `completions-${count}.ndjson`);
const out = createWriteStream(statementsFile);
const start = Date.parse('2026-09-01T00:00:00Z');
for (let i = 0; i < count; i++) {
  const [unit, objective] = Object.entries(UNITS)[i % 3];
  const learner = `mailto:learner${Math.floor(rand() * learners)}@acme.example`;
  const statement = {
    id: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    actor: { objectType: 'Agent', mbox: learner },
    verb: { id: `http://adlnet.gov/expapi/verbs/${i % 2 ? 'passed' : 'completed'}`, display: { en: 'completed' } },
    object: { objectType: 'Activity', id: `https://learn.acme.example/xapi/units/${unit}/lesson` },
    context: { registration: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`, contextActivities: { parent: [{ id: `https://learn.acme.example/xapi/objectives/${objective}` }] } },
    timestamp: new Date(start + Math.floor(rand() * 90 * 86_400_000)).toISOString(),
    stored: new Date(start + 90 * 86_400_000).toISOString(),
  };
  if (!out.write(`${JSON.stringify(statement)}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const roster = ['learner,email,team,timezone', ...Array.from({ length: learners }, (_, i) => `mailto:learner${i}@acme.example,learner${i}@acme.example,team-${i % 40},${ZONES[i % ZONES.length]}`)];
writeFileSync(path.join(dir, 'roster.csv'), `${roster.join('\n')}\n`);

const uptime = () => execSync('uptime').toString().trim();
console.log(`uptime before: ${uptime()}`);
rmSync(path.join(dir, 'out'), { recursive: true, force: true });
const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(root, 'dist/cli/main.js'), 'reinforce', course, '--statements', statementsFile, '--roster', path.join(dir, 'roster.csv'), '--out', path.join(dir, 'out'), '--format', 'json'], { encoding: 'utf8' });
const [seconds, rssKb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
console.log(run.stderr.split('\n').find((l) => l.startsWith('Scheduled')) ?? run.stderr);
console.log(`tandem reinforce, ${count} completions: ${seconds} s end to end, peak RSS ${Math.round(rssKb / 1024)} MiB`);

const { course: loaded } = await loadCourse(course);
const read = await readCompletions(loaded, [statementsFile]);
const rosterMap = new Map(Array.from({ length: learners }, (_, i) => [`mailto:learner${i}@acme.example`, { timeZone: ZONES[i % ZONES.length] }]));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const nudges = scheduleNudges(scheduledUnits(loaded), read.completions, read.answers, rosterMap, loaded.config.reinforcement);
const cpu = process.cpuUsage(cpu0);
const t1 = performance.now();
console.log(`scheduling alone: ${read.completions.length} completions → ${nudges.length} nudges in ${((t1 - t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
console.log(`uptime after: ${uptime()}`);

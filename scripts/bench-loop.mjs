#!/usr/bin/env node
/**
 * Issue 16's measures (npm run build first): ranking 5,000 requests (< 1 s), verifying the
 * approvals of 1,000 units (< 1 s), `tandem status` on 1,000 units (< 2 s), with no build and
 * after a build into the course's dist-course (whose cache status reads). Each is the best of
 * 3 runs after one warm-up; `uptime` is printed with the figures, since a loaded machine is slower.
 *
 *   node scripts/bench-loop.mjs [requests=5000] [units=1000]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../dist/course/loadCourse.js';
import { runIntake } from '../dist/intake/index.js';
import { approvalsPath, SIGNOFF_ROLES, unitSlices, verifyApprovals } from '../dist/release/index.js';
import { serializeApprovals } from '../dist/release/signoff/approvalsFile.js';
import { statusBoard } from '../dist/status/index.js';
import { generateCourse } from './generateCourse.mjs';

const requestCount = Number(process.argv[2] ?? 5000);
const unitCount = Number(process.argv[3] ?? 1000);

async function best(label, budgetMs, fn) {
  await fn();
  const times = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  const ms = Math.min(...times);
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  (budget ${budgetMs} ms${ms < budgetMs ? '' : ', OVER'})`);
}

console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-loop-'));
try {
  // Requests with many ties, so the tie-breaks do real work.
  const sources = ['ops', 'support', 'sales', 'compliance'];
  const severities = ['low', 'medium', 'high'];
  const rows = ['id,title,source,workflow,impact,frequency,risk,severity,metric,baseline,requester,sme,date,training_is_fix'];
  for (let i = 0; i < requestCount; i++)
    rows.push(`REQ-${String(i).padStart(5, '0')},"Workflow ${i}, with a comma",${sources[i % 4]},Workflow ${i % 97},${(i % 5) + 1},${((i * 7) % 5) + 1},People skip step ${i % 13},${severities[i % 3]},Errors in workflow ${i},${i % 40}% of cases,Requester ${i % 17},SME ${i % 23},2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${i % 6 ? 'yes' : 'no'}`);
  const csv = path.join(temp, 'requests.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  await best(`intake: rank ${requestCount} requests (4 files)`, 1000, () => {
    const r = runIntake(csv);
    if (r.entries.length !== requestCount) throw new Error(`ranked ${r.entries.length}`);
  });

  const dir = generateCourse(unitCount, path.join(temp, 'course'));
  const { course } = await loadCourse(dir);
  mkdirSync(path.join(dir, 'approvals'));
  for (const unit of course.units) {
    const slices = unitSlices(unit);
    const approvals = Object.fromEntries(SIGNOFF_ROLES.map((role) => [role, { role, by: unit.contract.owners[role], hash: slices[role].hash, parts: slices[role].parts, version: unit.contract.version, date: '2026-11-20' }]));
    writeFileSync(approvalsPath(dir, unit.id), serializeApprovals(unit.id, approvals));
  }
  await best(`approvals: verify ${unitCount} units × 4 roles`, 1000, () => {
    const r = verifyApprovals(course);
    if (r.blocked.size !== 0) throw new Error(`${r.blocked.size} units blocked`);
  });
  await best(`check: load ${unitCount} units (for comparison)`, Infinity, () => loadCourse(dir));
  await best(`status: ${unitCount} units (load + approvals + board)`, 2000, async () => {
    const r = await statusBoard(dir, { today: '2026-11-30' });
    if (!r.ok || r.board.units.length !== unitCount) throw new Error('status failed');
  });
  // What a user waits for: the command as a process, Node's start and Tandem's modules included.
  const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const statusProcess = () => {
    const board = JSON.parse(execFileSync(process.execPath, [main, 'status', dir, '--format', 'json', '--today', '2026-11-30'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    if (board.units.length !== unitCount) throw new Error('tandem status failed');
  };
  await best(`status: \`tandem status\` process, ${unitCount} units`, 2000, statusProcess);
  // The usual case: the course was built into <course>/dist-course (the release status compares
  // with), and status takes the units unchanged since that build from the build's cache.
  execFileSync(process.execPath, [main, 'build', dir, '--target', 'cards', '--out', path.join(dir, 'dist-course')], { stdio: 'ignore' });
  await best(`status: process, after a build (${unitCount} units)`, 2000, statusProcess);
} finally {
  rmSync(temp, { recursive: true, force: true });
}

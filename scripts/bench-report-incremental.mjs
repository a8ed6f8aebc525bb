#!/usr/bin/env node
/**
 * How long the biweekly rerun of `tandem report --lrs` takes when 1% of the statements are new
 * (issue 13: under 2 s), against a loopback LRS (127.0.0.1) serving generated statements of the
 * real shape (scripts/generateStatements.mjs). Runs the built CLI (npm run build first): a first
 * run fetches everything into the cache, the LRS then gets 1% more statements, and the rerun is
 * timed. Prints `uptime` with each figure.
 *
 * Usage: node scripts/bench-report-incremental.mjs [count]   (default 100000)
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { URLSearchParams } from 'node:url';
import { generateStatements } from './generateStatements.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'out/bench-report');
mkdirSync(dir, { recursive: true });
const count = Number(process.argv[2] ?? 100_000);
const file = path.join(dir, `statements-${count + count / 100}.ndjson`);
if (!existsSync(file)) await generateStatements(count + count / 100, file);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
// The LRS's store: each statement with its `stored`; the last 1% arrive two weeks later.
const stored = lines.map((text, i) => ({ text, stored: i < count ? '2026-11-14T00:00:00.000Z' : '2026-11-28T00:00:00.000Z' }));
let visible = count;

/** GET /statements with activity (matched anywhere in the statement, as related_activities does) or verb, since, limit, offset. */
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const q = url.searchParams;
  const needle = q.get('activity') ?? q.get('verb');
  const since = q.get('since') ?? '';
  const limit = Number(q.get('limit') ?? 500);
  const offset = Number(q.get('offset') ?? 0);
  const matching = stored.slice(0, visible).filter((s) => s.stored > since && s.text.includes(`"${needle}"`));
  const page = matching.slice(offset, offset + limit);
  const more = offset + limit < matching.length ? `${url.pathname}?${new URLSearchParams({ ...Object.fromEntries(q), offset: String(offset + limit) })}` : '';
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-experience-api-consistent-through', visible > count ? '2026-11-28T00:00:01.000Z' : '2026-11-14T00:00:01.000Z');
  res.end(`{"statements":[${page.map((s) => s.text.replace(/"stored":"[^"]*"/, `"stored":"${s.stored}"`)).join(',')}],"more":"${more}"}`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}/xapi/`;
const cache = path.join(dir, 'incremental-cache');
rmSync(cache, { recursive: true, force: true });

/** Runs the CLI as a child (asynchronously: this process is the LRS it queries) and prints its time. */
async function run(label) {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'dist/cli/main.js'), 'report', path.join(root, 'fixtures/sample-course'), '--lrs', endpoint, '--lrs-cache', cache, '--until', '2026-11-28', '--out', path.join(dir, 'incremental-report'), '--fail-on', 'never', '--format', 'json'], {
    env: { ...process.env, TANDEM_LRS_AUTH: 'Basic YmVuY2g6YmVuY2g=' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const [status] = await once(child, 'close');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (status !== 0) throw new Error(`${label} failed: ${stderr}`);
  const kib = Number(stderr.trim().split('\n').at(-1));
  console.log(`${label.padEnd(30)} | ${seconds.toFixed(2).padStart(6)} s | ${(kib / 1024).toFixed(0).padStart(4)} MiB | ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`);
}

console.log(`${count} statements, then ${count / 100} new`);
await run('first run (fetch everything)');
visible = stored.length;
await run('rerun, 1% new');
server.close();

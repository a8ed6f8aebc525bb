#!/usr/bin/env node
/**
 * Throughput and latency of `tandem serve`'s relay on loopback, journal on (fsync per group commit):
 * 1. max throughput: autocannon as fast as it can, one statement per request (as a job aid sends);
 * 2. latency at a fixed 1,000 statements/s: p50/p97.5/p99;
 * each with the LRS up (a minimal LRS in this process that stores nothing) and down (a closed
 * port: journaling only). Targets (issue 12): >= 3,000 accepted statements/s, p99 < 20 ms at 1,000/s.
 *
 * Usage: npm run build && node scripts/bench-serve.mjs [--seconds N]
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { runCli } from '../dist/cli/run.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 10;
const root = mkdtempSync(path.join(tmpdir(), 'tandem-bench-serve-'));

async function buildRelease() {
  const course = path.join(root, 'course');
  cpSync('fixtures/sample-course', course, { recursive: true });
  writeFileSync(
    path.join(course, 'tandem.config.yaml'),
    readFileSync(path.join(course, 'tandem.config.yaml'), 'utf8') +
      'job_aids:\n  relay_url: https://aids.acme.example/statements\n' +
      'serve:\n  log_requests: false\n  rate_limit:\n    statements_per_minute: 100000000\n    requests_per_minute: 100000000\n',
  );
  const release = path.join(root, 'release');
  const io = { out: () => {}, err: (s) => process.stderr.write(s), cwd: process.cwd(), color: false, isTTY: false, env: {} };
  if ((await runCli(['build', course, '--out', release, '--target', 'job-aid-html', '--quiet'], io)) !== 0) throw new Error('build failed');
  const html = readFileSync(path.join(release, 'job-aids', 'refund-approval.html'), 'utf8');
  const template = JSON.parse(/<script type="application\/json" id="tandem-job-aid">([\s\S]*?)<\/script>/.exec(html)[1]).statement;
  return { course, release, template };
}

/** An LRS that acknowledges every batch at once: measures the relay, not the LRS. */
async function startLrs() {
  let stored = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      stored += body.startsWith('[') ? JSON.parse(body).length : 1;
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' });
      res.end('[]');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { endpoint: `http://127.0.0.1:${server.address().port}/xapi/`, stored: () => stored, close: () => new Promise((r) => server.close(r)) };
}

async function startServe(release, env) {
  const journal = mkdtempSync(path.join(root, 'journal-'));
  const proc = spawn(process.execPath, ['dist/cli/main.js', 'serve', release.course, '--release', release.release, '--port', '0', '--journal', journal], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return {
    url,
    /** CPU seconds (user + system) the server process used so far: comparable on a busy machine. */
    cpuSeconds() {
      const fields = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

function run(url, body, options) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${url}/statements`, method: 'POST', headers: { 'content-type': 'application/json' }, body, duration: seconds, ...options },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function scenario(name, release, env, body) {
  const server = await startServe(release, env);
  try {
    // Warm up the JIT and the journal file.
    await run(server.url, body, { connections: 10, duration: 2 });
    const cpuBefore = server.cpuSeconds();
    const max = await run(server.url, body, { connections: 64, pipelining: 1 });
    const cpuPerStatementMs = ((server.cpuSeconds() - cpuBefore) * 1000) / Math.max(1, max['2xx']);
    const paced = await run(server.url, body, { connections: 32, overallRate: 1000 });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const metric = (m) => Number(new RegExp(`^${m} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    return {
      name,
      maxPerSecond: Math.round(max['2xx'] / seconds),
      maxNon2xx: max.non2xx + max.errors,
      maxP99: max.latency.p99,
      cpuPerStatementMs,
      pacedPerSecond: Math.round(paced['2xx'] / seconds),
      p50: paced.latency.p50,
      p97_5: paced.latency.p97_5,
      p99: paced.latency.p99,
      pacedNon2xx: paced.non2xx + paced.errors,
      journaled: metric('tandem_relay_statements_journaled_total'),
      forwarded: metric('tandem_relay_statements_forwarded_total'),
    };
  } finally {
    await server.stop();
  }
}

try {
  const release = await buildRelease();
  const body = JSON.stringify({ ...release.template, actor: { objectType: 'Agent', account: { homePage: 'https://aids.acme.example', name: 'bench-device' } } });
  const lrs = await startLrs();
  const results = [];
  results.push(await scenario('LRS up', release, { TANDEM_LRS_ENDPOINT: lrs.endpoint, TANDEM_LRS_AUTH: 'Basic YmVuY2g6YmVuY2g=' }, body));
  // A port nothing listens on: every forward attempt is refused, the relay journals only.
  const closed = await startLrs();
  const downEndpoint = closed.endpoint;
  await closed.close();
  results.push(await scenario('LRS down', release, { TANDEM_LRS_ENDPOINT: downEndpoint, TANDEM_LRS_AUTH: 'Basic YmVuY2g6YmVuY2g=' }, body));
  results.push(await scenario('no LRS', release, {}, body));
  await lrs.close();
  console.log(`tandem serve relay, ${seconds} s per run, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the end`);
  console.log('scenario | max statements/s (non-2xx) | p99 at max ms | server CPU ms/statement | at 1,000/s: achieved/s, p50, p97.5, p99 ms (non-2xx) | journaled | forwarded');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(8)} | ${String(r.maxPerSecond).padStart(6)} (${r.maxNon2xx}) | ${String(r.maxP99).padStart(5)} | ${r.cpuPerStatementMs.toFixed(3)} | ` +
        `${r.pacedPerSecond}/s, ${r.p50}, ${r.p97_5}, ${r.p99} (${r.pacedNon2xx}) | ${r.journaled} | ${r.forwarded}`,
    );
  }
  console.log('A statement costs the CPU time above; one core serves 1000 / (ms per statement) statements/s when the machine is otherwise idle.');
} finally {
  rmSync(root, { recursive: true, force: true });
}

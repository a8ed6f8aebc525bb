/**
 * The answer page of a nudge, end to end: a completion is scheduled by `tandem reinforce`, a real
 * browser opens the personal answer link of its first nudge (one click), `tandem serve` records one
 * `answered` statement in its journal, a second click and a restart record nothing more, and
 * `tandem reinforce` reads the answers back and stops the series after two correct ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournalLines } from '../../src/serve/journal/journal.js';
import { personalAnswerParams } from '../../src/serve/index.js';
import { runReinforce } from '../../src/reinforce/index.js';
import { buildServedRelease, startServe, type ServedRelease, type ServeProcess } from '../support/serveProcess.js';
import { completion, ndjson } from '../support/reinforceStatements.js';
import { openAnswerPage } from '../support/deliveryReceivers.js';
import { launchTestBrowser } from '../support/testBrowser.js';

const SECRET = 'test-secret-0123456789abcdef';
let release: ServedRelease;
let browser: Browser;
let server: ServeProcess | undefined;
let journal: string;
let nudges: Record<string, any>[];
let statements: string;

async function serve(): Promise<ServeProcess> {
  server = await startServe([release.courseDir, '--release', release.releaseDir, '--port', '0', '--journal', journal], { TANDEM_SERVE_SECRET: SECRET });
  return server;
}
async function stop(): Promise<void> {
  if (!server) return;
  server.proc.kill('SIGTERM');
  await server.exited;
  server = undefined;
}

beforeAll(async () => {
  release = await buildServedRelease();
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-nudge-answer-'));
  journal = path.join(dir, 'journal');
  statements = path.join(dir, 'completions.ndjson');
  writeFileSync(statements, ndjson([completion('ana@example.com', 'lockout-tagout', '2026-11-02T15:00:00Z')]));
  await runReinforce({ courseDir: release.courseDir, statements: [statements], out: path.join(dir, 'schedule') });
  nudges = JSON.parse(readFileSync(path.join(dir, 'schedule', 'schedule.json'), 'utf8'));
  browser = await launchTestBrowser();
  await serve();
}, 120_000);

afterAll(async () => {
  await stop();
  await browser?.close();
});

/** The answer link of nudge `i` for choice `c`, as a card sent to Ana carries it. */
function link(base: string, i: number, choice: string, extra: Record<string, string> = {}): string {
  const n = nudges[i]!;
  const query = new URLSearchParams({ u: n.unitId, q: n.questionId, c: choice, o: n.objectiveId, v: '1.0.0', src: 'email', ...personalAnswerParams(SECRET, { unitId: n.unitId, questionId: n.questionId, nudgeId: n.nudgeId, learner: n.learner }), ...extra });
  return `${base}/nudges/answer?${query}`;
}

async function answers(): Promise<Record<string, any>[]> {
  return (await readJournalLines(journal)).map((l) => JSON.parse(l)).filter((s) => s.verb?.id === 'http://adlnet.gov/expapi/verbs/answered');
}

const open = (url: string) => openAnswerPage(browser, url);

describe('the nudge answer page', () => {
  it('one click records one answered statement with the objective, shows feedback and the job-aid step; a second click records nothing', async () => {
    expect(nudges[0]).toMatchObject({ learner: 'mailto:ana@example.com', unitId: 'lockout-tagout', questionId: 'estop-enough', sequence: 1 });
    const text = await open(link(server!.url, 0, 'false'));
    expect(text).toContain('Correct.');
    expect(text).toContain('The e-stop and interlock are control devices');
    expect(text).toContain('The step it protects: Lock out both the main disconnect and the air supply');
    expect(text).toContain('Your answer was recorded.');
    let recorded = await answers();
    expect(recorded).toHaveLength(1);
    const s = recorded[0]!;
    expect(s.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ana@example.com' });
    expect(s.object.id).toBe('https://learn.acme.example/xapi/units/lockout-tagout/reinforcement/questions/estop-enough');
    expect(s.result).toEqual({ success: true, response: 'false' });
    expect(s.context.contextActivities.parent[0].id).toBe('https://learn.acme.example/xapi/objectives/OBJ-OPS-LOTO-JAM');
    expect(s.context.contextActivities.grouping[0].id).toBe('https://learn.acme.example/xapi/units/lockout-tagout/reinforcement');
    expect(s.context.extensions).toEqual({
      'https://learn.acme.example/xapi/extensions/nudge-series': nudges[0]!.seriesId,
      'https://learn.acme.example/xapi/extensions/nudge-sequence': 1,
      'https://learn.acme.example/xapi/extensions/channel': 'email',
    });

    // Clicking again, even another answer, records nothing and shows the first answer.
    const again = await open(link(server!.url, 0, 'true'));
    expect(again).toContain('You have already answered this question; your first answer counts.');
    expect(again).toContain('Correct.');
    recorded = await answers();
    expect(recorded).toHaveLength(1);

    // Nor after a restart: the server learns what was answered from its journal.
    await stop();
    await serve();
    expect(await open(link(server!.url, 0, 'false'))).toContain('already answered');
    expect(await answers()).toHaveLength(1);
  }, 180_000);

  it('a link scanner fetching the link records nothing; an edited or non-personal link records nothing', async () => {
    const before = (await answers()).length;
    const fetched = await fetch(link(server!.url, 1, 'false'));
    expect(fetched.status).toBe(200);
    const html = await fetched.text();
    expect(html).toContain('Record my answer');
    // The page is in the course's brand (the sample's primary colour and bundled font), like the email that linked to it.
    expect(html).toContain(":root{--tandem-primary:#7a1f5c;--tandem-font:'Source Sans 3', 'Segoe UI', Arial, sans-serif;}");
    expect(await open(link(server!.url, 1, 'true', { l: 'mailto:eve@example.com' }))).toContain('not tied to you');
    expect(await open(`${server!.url}/nudges/answer?u=lockout-tagout&q=estop-enough&c=true&src=slack`)).toContain('not recorded');
    expect((await fetch(`${server!.url}/nudges/answer?u=lockout-tagout&q=no-such&c=true`)).status).toBe(404);
    expect(await answers()).toHaveLength(before);
  }, 60_000);

  it('tandem reinforce reads the answers back: two correct answers end the series', async () => {
    expect(await open(link(server!.url, 1, 'false'))).toContain('Your answer was recorded.');
    const out = mkdtempSync(path.join(tmpdir(), 'tandem-nudge-loop-'));
    const result = await runReinforce({ courseDir: release.courseDir, statements: [statements, journal], out });
    expect(result.nudges.map((n) => n.sequence)).toEqual([1, 2]);
  }, 60_000);
});

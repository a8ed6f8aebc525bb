/**
 * SCORM 1.2 lessons that also report xAPI, end to end with real parts: the sample course built by
 * the CLI with scorm12.report_xapi, `tandem serve` as a process forwarding to the loopback test
 * LRS, and the SCORM package played in headless Chromium inside scorm-again (the test LMS), on
 * another origin than the relay (CORS). Statements must reach the LRS exactly once each, with the
 * objective as parent and the learner hashed: the raw cmi.core.student_id is in neither the
 * journal nor the LRS, nor in the package. A relay that is down (and a tab closed meanwhile) only
 * delays delivery.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournalLines } from '../../src/serve/journal/journal.js';
import { hashIdentity } from '../../src/serve/relay/identity.js';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import { runTandem } from '../support/cli.js';
import { startServe, type ServeProcess } from '../support/serveProcess.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { TestLrs } from '../support/testLrs.js';
import { playThrough, readLesson, tap } from '../scorm12/support/learner.js';
import { scorm12Violations } from '../scorm12/support/strictScorm12.js';
import { TestLms, type ApiCall } from '../scorm12/support/testLms.js';

const SECRET = `salt-${randomUUID()}`;
const HOME_PAGE = 'https://learn.acme.example/xapi/courses/acme-frontline/lms-learners';
const SCO = '/pkg/refund-approval/units/refund-approval/index.html';
const OBJECTIVE = 'https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500';

let browser: Browser;
let lms: TestLms;
let lrs: TestLrs;
let lrsAuth: string;
let courseDir: string;
let releaseDir: string;
let journalDir: string;
let relayPort: number;
let server: ServeProcess | undefined;
/** Everything the relay processes printed (request logs): no personal data may be in it. */
let relayOutput = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function startRelay(): Promise<void> {
  server = await startServe([courseDir, '--release', releaseDir, '--port', String(relayPort), '--journal', journalDir], {
    TANDEM_LRS_ENDPOINT: lrs.endpoint,
    TANDEM_LRS_AUTH: lrsAuth,
    TANDEM_SERVE_SECRET: SECRET,
  });
}

async function stopRelay(): Promise<void> {
  if (!server) return;
  server.proc.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  relayOutput += server.stdout() + server.stderr();
  server = undefined;
}

interface Session {
  page: Page;
  frame: Frame;
  lesson: LessonData;
  calls(): Promise<ApiCall[]>;
}

async function launch(cmi: object): Promise<Session> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`pageerror: ${(e as Error).message}`));
  await page.goto(lms.url('/lms/host.html'));
  await page.evaluate((c) => (window as any).startLms(c), { cmi, url: SCO });
  const frame = (await (await page.waitForSelector('iframe#sco'))!.contentFrame())!;
  await frame.waitForSelector('[data-screen]');
  return { page, frame, lesson: await readLesson(frame), calls: () => page.evaluate(() => (window as any).lms.calls as ApiCall[]) };
}

/** The learner closes the lesson (the LMS removes its frame: pagehide), then the tab. */
async function close(session: Session): Promise<ApiCall[]> {
  await session.page.evaluate(() => document.getElementById('sco')?.remove());
  await session.page.waitForFunction(() => (window as any).lms.calls.some((c: ApiCall) => c.name === 'LMSFinish'));
  const calls = await session.calls();
  await session.page.close();
  return calls;
}

function fresh(studentId: string) {
  return { core: { entry: 'ab-initio', credit: 'credit', lesson_mode: 'normal', student_id: studentId, student_name: 'Doe, Jane' } };
}

/** Every byte under the journal folder (gzipped segments unpacked), as text. */
function journalText(): string {
  return readdirSync(journalDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const bytes = readFileSync(path.join(e.parentPath, e.name));
      return (e.name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    })
    .join('\n');
}

function sentBy(studentId: string): Record<string, any>[] {
  const name = hashIdentity(SECRET, studentId);
  return lrs.sent((s) => s.actor?.account?.name === name);
}

/** Resolves once `count` sessions of this learner have all their statements, up to `terminated`, in the LRS. */
function terminatedSessions(studentId: string, count: number, timeoutMs = 30_000) {
  const name = hashIdentity(SECRET, studentId);
  return lrs.waitFor((sent) => sent.filter((s) => s.actor?.account?.name === name && s.verb.id.endsWith('/terminated')).length >= count, timeoutMs, `${count} terminated session(s)`);
}

beforeAll(async () => {
  lrs = await TestLrs.start();
  lrsAuth = lrs.credential('relay', randomUUID());
  lms = await TestLms.start({});
  relayPort = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), 'tandem-scorm-xapi-serve-'));
  courseDir = path.join(root, 'course');
  releaseDir = path.join(root, 'release');
  journalDir = path.join(root, 'journal');
  cpSync('fixtures/sample-course', courseDir, { recursive: true });
  appendFileSync(
    path.join(courseDir, 'tandem.config.yaml'),
    `job_aids:\n  relay_url: http://127.0.0.1:${relayPort}/statements\n` +
      'scorm12:\n  report_xapi: true\n' +
      `serve:\n  lesson_origins: [${lms.origin}]\n  rate_limit:\n    statements_per_minute: 2000\n`,
  );
  const built = await runTandem(['build', courseDir, '--out', releaseDir, '--target', 'scorm12', '--quiet']);
  expect(built.code, built.stderr + built.stdout).toBe(0);
  for (const file of readdirSync(path.join(releaseDir, 'scorm12'))) lms.mount(path.basename(file, '.zip'), readFileSync(path.join(releaseDir, 'scorm12', file)));
  browser = await launchTestBrowser();
});

afterAll(async () => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  await browser?.close();
  await lms?.close();
  await lrs?.close();
});

describe('a SCORM 1.2 package with scorm12.report_xapi, through tandem serve', () => {
  it('delivers the lesson\'s statements to the LRS exactly once, with the objective as parent and a hashed learner', async () => {
    await startRelay();
    const studentId = `jane.doe.${randomUUID().slice(0, 8)}@acme.example`;
    const s = await launch(fresh(studentId));
    await playThrough(s.page, s.frame, s.lesson);
    await tap(s.frame, '[data-action="finish"]');
    const calls = await close(s);
    expect(scorm12Violations(calls)).toEqual([]);

    await terminatedSessions(studentId, 1);
    // Let the relay answer anything still in flight (a page-close request repeats what an ordinary one carried), then compare.
    await stopRelay();
    const sent = sentBy(studentId);
    const verbs = sent.map((st) => st.verb.id.split('/').pop());
    expect(verbs[0]).toBe('initialized');
    expect(verbs.at(-1)).toBe('terminated');
    expect(verbs).toEqual(expect.arrayContaining(['experienced', 'progressed', 'answered', 'completed', 'passed']));
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(s.lesson.questions.length);
    // Exactly once: the LRS holds each id once, and every statement the relay journaled.
    const ids = sent.map((st) => st.id);
    expect(new Set(ids).size).toBe(ids.length);
    const journaled = (await readJournalLines(journalDir)).map((line) => JSON.parse(line));
    expect(new Set(journaled.map((st) => st.id))).toEqual(new Set(ids));
    for (const st of sent) {
      expect(st.context.contextActivities.parent[0]).toMatchObject({ id: OBJECTIVE });
      expect(st.actor).toEqual({ objectType: 'Agent', account: { homePage: HOME_PAGE, name: hashIdentity(SECRET, studentId) } });
    }
    // The raw LMS id reached neither the journal nor the LRS.
    expect(journalText()).not.toContain(studentId);
    expect(journalText()).not.toContain(studentId.toLowerCase());
    expect(JSON.stringify(lrs.statements)).not.toContain(studentId);
    expect(relayOutput).toContain('listening on');
    expect(relayOutput).not.toContain(studentId);
  });

  it('holds no LMS id, server secret or LRS credential in the package', () => {
    for (const file of readdirSync(path.join(releaseDir, 'scorm12'))) {
      for (const entry of new AdmZip(path.join(releaseDir, 'scorm12', file)).getEntries()) {
        const text = entry.getData().toString('utf8');
        for (const secret of [SECRET, lrsAuth, lrsAuth.split(' ')[1]!, 'jane.doe']) expect(text.includes(secret), `${file}:${entry.entryName}`).toBe(false);
      }
    }
  });

  it('loses nothing while the relay is down: a session kept open and one whose tab was closed are delivered after recovery', async () => {
    expect(server).toBeUndefined();
    const studentId = `u-${randomUUID().slice(0, 8)}`;
    // Relay down: the learner takes the whole lesson; SCORM records it as always.
    const first = await launch(fresh(studentId));
    await playThrough(first.page, first.frame, first.lesson);
    const queued = () => first.frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tandem.xapi.queue.') && k.includes('/')).length);
    expect(await queued()).toBeGreaterThan(first.lesson.questions.length);
    // The relay comes back and the network says so: the open page sends what it queued.
    await startRelay();
    await first.frame.evaluate(() => window.dispatchEvent(new Event('online')));
    await lrs.waitFor((sent) => sent.some((st) => st.actor?.account?.name === hashIdentity(SECRET, studentId) && st.verb.id.endsWith('/passed')), 30_000, 'the passed statement');
    await tap(first.frame, '[data-action="finish"]');
    const cmi = (await first.page.evaluate(() => (window as any).lms.cmi())).cmi;
    expect(scorm12Violations(await close(first))).toEqual([]);
    await terminatedSessions(studentId, 1);

    // Down again: a second session (a review of the passed attempt) ends while the relay is down, and its tab is closed.
    await stopRelay();
    const second = await launch({ ...cmi, core: { ...cmi.core, entry: '', lesson_mode: 'review', credit: 'no-credit' } });
    expect(scorm12Violations(await close(second))).toEqual([]);
    expect(sentBy(studentId).filter((st) => st.verb.id.endsWith('/terminated'))).toHaveLength(1);

    // Back up; the learner opens the lesson again: what the closed tab left goes first.
    await startRelay();
    const third = await launch({ ...cmi, core: { ...cmi.core, entry: '', lesson_mode: 'review', credit: 'no-credit' } });
    await terminatedSessions(studentId, 2);
    expect(scorm12Violations(await close(third))).toEqual([]);
    await terminatedSessions(studentId, 3);
    await stopRelay();

    const sent = sentBy(studentId);
    const ids = sent.map((st) => st.id);
    expect(new Set(ids).size).toBe(ids.length);
    const verbs = sent.map((st) => st.verb.id.split('/').pop());
    expect(verbs.filter((v) => v === 'initialized')).toHaveLength(3);
    expect(verbs.filter((v) => v === 'terminated')).toHaveLength(3);
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(first.lesson.questions.length);
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1);
    // Every statement the relay journaled reached the LRS; the raw id is in neither.
    const journaled = new Set((await readJournalLines(journalDir)).map((line) => JSON.parse(line).id as string));
    for (const id of ids) expect(journaled.has(id)).toBe(true);
    expect(lrs.sent().filter((st) => !journaled.has(st.id))).toEqual([]);
    expect(journalText()).not.toContain(studentId);
    expect(JSON.stringify(lrs.statements)).not.toContain(studentId);
  });
});

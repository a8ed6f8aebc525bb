/**
 * Issue 15's "done when", as one chain on the sample course, every link a real part:
 *
 * 1. Ana plays the sample's Tin Can lockout-tagout lesson in Chromium against the loopback LRS
 *    (test/support/testLrs.ts), answering every question right. The browser's clock is set six days
 *    back, which is how the delivery tests make a nudge due (a completion in the past), without
 *    waiting: the nudge after `after_days: 3` is due now, the next one (day 8) is not.
 * 2. The LRS's statements are exported over the xAPI query API as NDJSON, and `tandem reinforce`
 *    (a process) schedules her nudges from that export and a roster.
 * 3. `tandem serve --schedule` (a process) sends the one due nudge by email to a loopback SMTP server
 *    (smtp-server) and as team cards to loopback Slack and Teams webhook receivers.
 * 4. The answer link found in the email is opened in Chromium (one click): one `answered` statement
 *    is recorded and forwarded to the LRS; a second click records nothing; the team card's link
 *    shows the feedback and records nothing.
 * 5. `tandem report --lrs … --schedule …` (a process) shows it in the reinforcement block of
 *    report.json: 1 nudge sent, 1 answered, delayed correctness 1 against first-attempt 1.
 *
 * The README's "The reinforcement loop" walks the same commands in the same order.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import type { Report } from '../../src/report/index.js';
import { readJournalLines } from '../../src/serve/journal/journal.js';
import { playThrough, readLesson, tap } from '../scorm12/support/learner.js';
import { openAnswerPage, startMailbox, startWebhookReceiver, type Mailbox, type WebhookPost, type WebhookReceiver } from '../support/deliveryReceivers.js';
import { sampleArtifacts } from '../support/sampleRelease.js';
import { buildServedRelease, startServe, type ServeProcess } from '../support/serveProcess.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { TestLrs } from '../support/testLrs.js';
import { tincanLaunchUrl, type TincanLearner } from '../support/tincanLearner.js';
import { verbName } from '../support/xapiChecks.js';

const run = promisify(execFile);
const CLI = path.resolve('dist/cli/main.js');
const DAY = 86_400_000;
/** How far back the learner's browser clock is set: nudge 1 (day 3, moved to Monday at most) is due, nudge 2 (day 8) is not. */
const LESSON_DAYS_AGO = 6;
const SECRET = 'loop-secret-0123456789abcdef';
const UNIT = 'lockout-tagout';
const OBJECTIVE = 'OBJ-OPS-LOTO-JAM';
const QUESTION_IRI = 'https://learn.acme.example/xapi/units/lockout-tagout/reinforcement/questions/estop-enough';
const LESSON_QUESTION_IRI = 'https://learn.acme.example/xapi/units/lockout-tagout/lesson/questions/estop-enough';

let work: string;
let courseDir: string;
let releaseDir: string;
let lrs: TestLrs;
let browser: Browser;
let mailbox: Mailbox;
let receiver: WebhookReceiver;
let server: ServeProcess | undefined;
let ana: TincanLearner;
let mails: ParsedMail[];
let posts: WebhookPost[];

/** `tandem <args>` as a process (async: the LRS and mail servers of this process must keep answering). */
async function tandem(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
}

/** Resolves once `ready()` holds, polling what the servers already received (a signal, not a fixed wait). */
async function until(what: string, ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n--- serve stderr\n${server?.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The answered statements the LRS stored (what the serve relay forwarded). */
const answeredInLrs = () => lrs.sent((s) => verbName(s) === 'answered' && s.object.id === QUESTION_IRI);

/** Opens a link as the learner's browser does: the page posts the answer, then shows the verdict. */
const click = (url: string) => openAnswerPage(browser, url);

/** A link of the mail or card, pointed at the running server instead of the public answer_url (as a reverse proxy would). */
const local = (link: string) => link.replace('https://learn.acme.example', server!.url);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'tandem-loop-'));
  lrs = await TestLrs.start();
  const zip = sampleArtifacts('xapi/').get(`xapi/${UNIT}.zip`);
  expect(zip, 'the sample release has the Tin Can lesson of lockout-tagout').toBeDefined();
  lrs.mount(UNIT, zip!);

  mailbox = await startMailbox();
  mails = mailbox.mails;
  receiver = await startWebhookReceiver();
  posts = receiver.posts;

  // The sample course, its job aids released for `tandem serve`, and the delivery settings of the README.
  const release = await buildServedRelease();
  courseDir = release.courseDir;
  releaseDir = release.releaseDir;
  const config = path.join(courseDir, 'tandem.config.yaml');
  const anchor = 'reinforcement:\n  answer_url: https://learn.acme.example\n';
  const text = readFileSync(config, 'utf8');
  expect(text).toContain(anchor);
  const delivery = `  delivery:\n    email:\n      host: 127.0.0.1\n      port: ${mailbox.port}\n      from: "Acme Training <training@acme.example>"\n    slack_webhook_env: ACME_SLACK_HOOK\n    teams_webhook_env: ACME_TEAMS_HOOK\n    journal: ${path.join(work, 'deliveries')}\n    poll_seconds: 1\n`;
  writeFileSync(config, text.replace(anchor, anchor + delivery));

  browser = await launchTestBrowser();
  ana = { actor: { objectType: 'Agent', name: 'Ana Silva', mbox: 'mailto:ana@example.com' }, registration: '6f1c2a9e-3b7d-4c1e-9a55-0d2e8f4b7c61', auth: lrs.credential('player') };
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await browser?.close();
  await lrs?.close();
  await mailbox?.close();
  await receiver?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the reinforcement loop, chained on the sample course', () => {
  let nudges: Record<string, any>[];
  let emailLinks: URL[];

  it('1. the lesson, played in Chromium six days ago, sends its completion to the LRS', async () => {
    const page: Page = await browser.newPage();
    // The learner's clock, six days back: every statement the lesson makes carries that time.
    await page.evaluateOnNewDocument((shift: number) => {
      const RealDate = Date;
      class ShiftedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(RealDate.now() - shift);
          else super(...(args as [string]));
        }
        static override now(): number {
          return RealDate.now() - shift;
        }
      }
      (globalThis as { Date: DateConstructor }).Date = ShiftedDate as DateConstructor;
    }, LESSON_DAYS_AGO * DAY);
    try {
      await page.goto(tincanLaunchUrl(lrs, ana, UNIT));
      await page.waitForSelector('html[data-tandem-tracker]');
      const lesson: LessonData = await readLesson(page.mainFrame());
      await playThrough(page, page.mainFrame(), lesson);
      await tap(page.mainFrame(), '[data-action="finish"]');
      await lrs.waitFor((all) => all.some((s) => verbName(s) === 'terminated'), 15_000, 'the terminated statement');
    } finally {
      await page.close();
    }
    const completed = lrs.sent((s) => verbName(s) === 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.actor.mbox).toBe('mailto:ana@example.com');
    expect(completed[0]!.object.id).toBe(`https://learn.acme.example/xapi/units/${UNIT}/lesson`);
    const age = Date.now() - Date.parse(completed[0]!.timestamp);
    expect(age).toBeGreaterThan(LESSON_DAYS_AGO * DAY - 120_000);
    expect(age).toBeLessThan(LESSON_DAYS_AGO * DAY + 120_000);
    // Her lesson answer to the question the first nudge asks: right, the first attempt the report compares with.
    expect(lrs.sent((s) => verbName(s) === 'answered' && s.object.id === LESSON_QUESTION_IRI).map((s) => s.result.success)).toEqual([true]);
  }, 60_000);

  it('2. tandem reinforce schedules her nudges from the LRS export: the first is due, the second is not', async () => {
    // An LRS export, fetched through the xAPI query API as an analyst's script does.
    const response = await fetch(`${lrs.endpoint}statements?limit=500`, { headers: { Authorization: lrs.credential('export'), 'X-Experience-API-Version': '1.0.3' } });
    const { statements, more } = (await response.json()) as { statements: unknown[]; more: string };
    expect(more).toBe('');
    const exportFile = path.join(work, 'lrs-export.ndjson');
    writeFileSync(exportFile, statements.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const roster = path.join(work, 'roster.csv');
    writeFileSync(roster, 'learner,email,team,timezone\nmailto:ana@example.com,ana.silva@acme.example,line-3,America/Chicago\n');

    await tandem(['reinforce', courseDir, '--statements', exportFile, '--roster', roster, '--out', path.join(work, 'nudges')]);
    nudges = JSON.parse(readFileSync(path.join(work, 'nudges', 'schedule.json'), 'utf8'));
    expect(nudges.map((n) => [n.learner, n.unitId, n.objectiveId, n.sequence, n.questionId, n.email])).toEqual([
      ['mailto:ana@example.com', UNIT, OBJECTIVE, 1, 'estop-enough', 'ana.silva@acme.example'],
      ['mailto:ana@example.com', UNIT, OBJECTIVE, 2, expect.any(String), 'ana.silva@acme.example'],
      ['mailto:ana@example.com', UNIT, OBJECTIVE, 3, expect.any(String), 'ana.silva@acme.example'],
      ['mailto:ana@example.com', UNIT, OBJECTIVE, 4, expect.any(String), 'ana.silva@acme.example'],
    ]);
    // Due at 09:00 in Chicago; the first in the past, the rest after now.
    expect(nudges[0]!.due).toMatch(/T09:00:00-0[56]:00$/);
    expect(nudges.map((n) => Date.parse(n.due) <= Date.now())).toEqual([true, false, false, false]);
  }, 30_000);

  it('3. tandem serve --schedule emails the due nudge to the SMTP server and posts the team cards to the webhooks, once', async () => {
    server = await startServe([courseDir, '--release', releaseDir, '--port', '0', '--journal', path.join(work, 'journal'), '--schedule', path.join(work, 'nudges', 'schedule.json')], {
      TANDEM_SERVE_SECRET: SECRET,
      TANDEM_LRS_ENDPOINT: lrs.endpoint,
      TANDEM_LRS_AUTH: lrs.credential('tandem-serve'),
      ACME_SLACK_HOOK: `${receiver.base}/slack/hook`,
      ACME_TEAMS_HOOK: `${receiver.base}/teams/hook`,
    });
    await until('the email and both team cards', () => mails.length >= 1 && posts.length >= 2);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.messageId).toBe(`<${nudges[0]!.nudgeId}.nudge@acme.example>`);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe('ana.silva@acme.example');
    expect(mail!.subject).toBe('Quick check: Lock out and tag out before clearing a jam');
    expect(mail!.text).toContain('Pressing the emergency stop and opening the interlocked guard door is enough to clear a jam safely.');
    expect(mail!.text).toContain(`Objective ${OBJECTIVE}`);
    emailLinks = [...(mail!.html as string).matchAll(/href="([^"]+\/nudges\/answer\?[^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&')));
    expect(emailLinks.map((l) => l.searchParams.get('c')).sort()).toEqual(['false', 'true']);
    for (const l of emailLinks) expect(Object.fromEntries(l.searchParams)).toMatchObject({ u: UNIT, q: 'estop-enough', n: nudges[0]!.nudgeId, l: 'mailto:ana@example.com', src: 'email' });

    expect(posts.map((p) => p.channel).sort()).toEqual(['slack', 'teams']);
    const slack = JSON.stringify(posts.find((p) => p.channel === 'slack')!.body);
    const teams = posts.find((p) => p.channel === 'teams')!.body;
    expect(slack).toContain('Pressing the emergency stop');
    expect(slack).toContain('src=slack');
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(teams)).toContain('src=teams');
  }, 30_000);

  it('4. the answer link in the email records one answered statement, forwarded to the LRS; a second click and the team card record nothing', async () => {
    const right = emailLinks.find((l) => l.searchParams.get('c') === 'false')!;
    const wrong = emailLinks.find((l) => l.searchParams.get('c') === 'true')!;
    const first = await click(local(right.href));
    expect(first).toContain('Correct.');
    expect(first).toContain('Your answer was recorded.');
    expect(first).toContain('The step it protects: Lock out both the main disconnect and the air supply');
    const [statement] = await lrs.waitFor(() => answeredInLrs().length >= 1, 10_000, 'the answer in the LRS').then(answeredInLrs);
    expect(statement).toMatchObject({
      actor: { mbox: 'mailto:ana@example.com' },
      result: { success: true, response: 'false' },
      context: { contextActivities: { parent: [{ id: `https://learn.acme.example/xapi/objectives/${OBJECTIVE}` }] } },
    });
    expect(statement!.context.extensions).toEqual({
      'https://learn.acme.example/xapi/extensions/nudge-series': nudges[0]!.seriesId,
      'https://learn.acme.example/xapi/extensions/nudge-sequence': 1,
      'https://learn.acme.example/xapi/extensions/channel': 'email',
    });

    // A second click (the other answer this time) shows the first answer and records nothing.
    const second = await click(local(wrong.href));
    expect(second).toContain('You have already answered this question; your first answer counts.');
    // The team card's link is nobody's: it shows the feedback and records nothing.
    const slackLink = /https:\/\/learn\.acme\.example\/nudges\/answer\?[^"\\]+src=slack[^"\\]*/.exec(JSON.stringify(posts.find((p) => p.channel === 'slack')!.body))![0];
    expect(await click(local(slackLink.replace(/&amp;/g, '&')))).toContain('not recorded');
    // The server stops as in production (SIGTERM: drain, forward what it holds, exit): then the
    // journal and the LRS each hold exactly the one answer.
    expect(await server!.stop()).toBe(0);
    server = undefined;
    const journaled = (await readJournalLines(path.join(work, 'journal'))).map((l) => JSON.parse(l)).filter((s) => verbName(s) === 'answered');
    expect(journaled.map((s) => s.id)).toEqual([statement!.id]);
    expect(answeredInLrs()).toHaveLength(1);
    // Polled every second all along, the due nudge went out once: one email, one card per channel.
    expect(mails).toHaveLength(1);
    expect(posts).toHaveLength(2);
  }, 30_000);

  it('5. tandem report over the LRS shows it in the reinforcement block: 1 sent, 1 answered, remembered as well as in the lesson', async () => {
    const out = path.join(work, 'report');
    const since = new Date(Date.now() - 8 * DAY).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    await tandem(['report', courseDir, '--lrs', lrs.endpoint, '--schedule', path.join(work, 'nudges', 'schedule.json'), '--since', since, '--until', today, '--min-learners', '1', '--fail-on', 'never', '--out', out], { TANDEM_LRS_AUTH: lrs.credential('analyst') });
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    const loto = report.objectives.find((o) => o.objectiveId === OBJECTIVE)!;
    expect(loto.learning).toMatchObject({ learners: 1, completed: 1, passed: 1 });
    expect(loto.reinforcement).toEqual({
      nudgesSent: 1,
      answered: 1,
      learners: 1,
      correct: 1,
      delayedCorrectness: 1,
      firstAttemptCorrectness: 1,
      firstAttemptAnswers: 1,
      questions: ['estop-enough'],
      drop: 0,
      byChannel: [{ channel: 'email', answered: 1, correct: 1, delayedCorrectness: 1 }],
    });
    expect(loto.flags.map((f) => f.code)).not.toContain('REINFORCEMENT_RECALL_DROP');
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<th scope="row">nudges sent \(scheduled and due\)<\/th><td>1<\/td>/);
    expect(html).toMatch(/<th scope="row">email<\/th><td>1<\/td><td>1<\/td><td>100%<\/td>/);
  }, 30_000);
});

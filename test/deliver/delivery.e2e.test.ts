/**
 * `tandem serve --schedule` delivering nudges, end to end with real parts: a real SMTP server
 * (smtp-server) on 127.0.0.1 receives the emails and mailparser reads them back; a loopback HTTP
 * receiver stands in for the Slack and Teams webhooks (and answers the first Slack post 429 with
 * Retry-After). A restart sends nothing twice; a claimed-but-unconfirmed email is resent with the
 * same Message-ID and such a post is not; a dry run prints and sends nothing.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReinforce } from '../../src/reinforce/index.js';
import { runTandem } from '../support/cli.js';
import { startMailbox, startWebhookReceiver, type Mailbox, type WebhookPost, type WebhookReceiver } from '../support/deliveryReceivers.js';
import { completion, ndjson } from '../support/reinforceStatements.js';
import { buildServedRelease, startServe, type ServedRelease, type ServeProcess } from '../support/serveProcess.js';

const SECRET = 'test-secret-0123456789abcdef';
const SMTP_USER = 'tandem-mailer';
const SMTP_PASSWORD = 'smtp-pass-DO-NOT-LOG-5521';
const HOOK_TOKEN = 'T000HOOKSECRET9';

let release: ServedRelease;
let courseDir: string;
let work: string;
let scheduleFile: string;
let nudges: Record<string, any>[];
let mailbox: Mailbox;
let smtpPort: number;
let receiver: WebhookReceiver;
let hookBase: string;
let mails: ParsedMail[];
let posts: WebhookPost[];
let server: ServeProcess | undefined;

function deliveryConfig(): string {
  return `
  delivery:
    email:
      host: 127.0.0.1
      port: ${smtpPort}
      from: "Acme Training <training@acme.example>"
    slack_webhook_env: ACME_SLACK_HOOK
    teams_webhook_env: ACME_TEAMS_HOOK
    poll_seconds: 1
`;
}

function env(): Record<string, string> {
  return {
    TANDEM_SERVE_SECRET: SECRET,
    TANDEM_SMTP_USER: SMTP_USER,
    TANDEM_SMTP_PASSWORD: SMTP_PASSWORD,
    ACME_SLACK_HOOK: `${hookBase}/slack/${HOOK_TOKEN}`,
    ACME_TEAMS_HOOK: `${hookBase}/teams/${HOOK_TOKEN}`,
  };
}

async function serve(extra: string[] = []): Promise<ServeProcess> {
  server = await startServe([courseDir, '--release', release.releaseDir, '--port', '0', '--journal', path.join(work, 'statements'), '--schedule', scheduleFile, ...extra], env());
  return server;
}
async function stop(): Promise<void> {
  if (!server) return;
  server.proc.kill('SIGTERM');
  await server.exited;
  server = undefined;
}

/** Waits for a signal in the process output (a log event), not for a fixed time. */
async function until(what: string, ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n--- stderr\n${server?.stderr()}\n--- stdout\n${server?.stdout()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const events = (p: ServeProcess, name: string) =>
  p
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === name);

beforeAll(async () => {
  release = await buildServedRelease();
  work = mkdtempSync(path.join(tmpdir(), 'tandem-delivery-'));

  mailbox = await startMailbox({ user: SMTP_USER, password: SMTP_PASSWORD });
  smtpPort = mailbox.port;
  mails = mailbox.mails;
  let slackSeen = 0;
  receiver = await startWebhookReceiver((req, channel) => {
    if (req.url !== `/${channel}/${HOOK_TOKEN}`) return { status: 404 };
    // The first Slack post is refused as Slack does when a webhook is posted to too fast.
    if (channel === 'slack' && slackSeen++ === 0) return { status: 429, headers: { 'Retry-After': '1' } };
    return { status: 200 };
  });
  hookBase = receiver.base;
  posts = receiver.posts;

  courseDir = path.join(work, 'course');
  cpSync(release.courseDir, courseDir, { recursive: true });
  const config = path.join(courseDir, 'tandem.config.yaml');
  const text = readFileSync(config, 'utf8');
  const anchor = 'reinforcement:\n  answer_url: https://learn.acme.example\n';
  expect(text).toContain(anchor);
  writeFileSync(config, text.replace(anchor, `${anchor.trimEnd()}${deliveryConfig()}`));

  // Two learners who completed the same lesson long ago: every nudge of both series is due.
  const statements = path.join(work, 'completions.ndjson');
  writeFileSync(statements, ndjson([completion('ana@example.com', 'lockout-tagout', '2020-03-02T15:00:00Z'), completion('ben@example.com', 'lockout-tagout', '2020-03-02T16:00:00Z')]));
  const roster = path.join(work, 'roster.csv');
  writeFileSync(roster, 'learner,email,team,timezone\nmailto:ana@example.com,ana@example.com,line-3,\nmailto:ben@example.com,ben.w@example.com,line-3,\n');
  const out = path.join(work, 'schedule');
  const result = await runReinforce({ courseDir, statements: [statements], roster, out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  nudges = JSON.parse(readFileSync(path.join(out, 'schedule.json'), 'utf8'));
  // One more nudge, due far in the future: it must not be sent.
  nudges.push({ ...nudges[0]!, nudgeId: 'future.1', seriesId: 'future', due: '2999-01-01T09:00:00-06:00' });
  scheduleFile = path.join(work, 'schedule.json');
  writeFileSync(scheduleFile, JSON.stringify(nudges));
}, 180_000);

afterAll(async () => {
  await stop();
  await mailbox?.close();
  await receiver?.close();
});

const due = () => nudges.filter((n) => Date.parse(n.due) <= Date.now());
/** The due nudges catch-up sends: a series' earlier due nudges are superseded by its latest. */
const current = () => due().filter((n) => !due().some((m) => m.seriesId === n.seriesId && m.sequence > n.sequence));
const earlier = () => due().filter((n) => !current().includes(n));
/** One post per question, for the latest day any current nudge of that question is due. */
const teamKeys = () => {
  const latest = new Map<string, string>();
  for (const n of current()) {
    const day = new Date(Date.parse(n.due)).toISOString().slice(0, 10);
    if ((latest.get(n.questionId) ?? '') < day) latest.set(n.questionId, day);
  }
  return new Set([...latest].map(([q, day]) => `${q}:${day}`));
};

describe('tandem serve --schedule', () => {
  it('emails the latest due nudge of each series to the roster address with personal answer links, and posts each team card once, paced, after a 429 Retry-After', async () => {
    // Both learners completed long ago: both nudges of each series are due at once (as after downtime).
    expect(due().map((n) => n.sequence).sort()).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(current().map((n) => n.sequence)).toEqual([4, 4]);
    const p = await serve();
    const expectedPosts = teamKeys().size;
    await until('every message sent', () => events(p, 'nudge-sent').length === current().length + 2 * expectedPosts);

    expect(mails).toHaveLength(current().length);
    // The first nudge of each series is superseded, not sent a minute before the second.
    expect(events(p, 'nudge-superseded').filter((e) => e.message.startsWith('email:')).map((e) => e.message).sort()).toEqual(earlier().map((n) => `email:${n.nudgeId}`).sort());
    for (const nudge of earlier()) expect(mails.some((m) => m.messageId === `<${nudge.nudgeId}.nudge@acme.example>`)).toBe(false);
    for (const nudge of current()) {
      const mail = mails.find((m) => m.messageId === `<${nudge.nudgeId}.nudge@acme.example>`);
      expect(mail, `email of nudge ${nudge.nudgeId}`).toBeDefined();
      expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe(nudge.email);
      expect(mail!.from?.text).toContain('training@acme.example');
      expect(mail!.subject).toBe('Quick check: Lock out and tag out before clearing a jam');
      expect(mail!.text).toContain('Objective OBJ-OPS-LOTO-JAM');
      // In the sample course's brand (primary #7a1f5c, named Acme Logistics), as its lessons and job aids are.
      const html = mail!.html as string;
      expect(html).toMatch(/<a class="answer" [^>]*style="[^"]*border: 2px solid #7a1f5c;[^"]*color: #7a1f5c;/);
      expect(html).toMatch(/<a class="button" [^>]*style="[^"]*background: #7a1f5c; color: #ffffff;/);
      expect(html).toContain('>Acme Logistics · Objective OBJ-OPS-LOTO-JAM · version 1.0.0</p>');
      const links = [...(mail!.html as string).matchAll(/href="([^"]+\/nudges\/answer\?[^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&')));
      expect(links.length).toBeGreaterThanOrEqual(2);
      expect(mail!.text).toContain(`n=${encodeURIComponent(nudge.nudgeId)}`);
      for (const link of links) {
        expect(link.origin).toBe('https://learn.acme.example');
        expect(Object.fromEntries(link.searchParams)).toMatchObject({ u: 'lockout-tagout', q: nudge.questionId, n: nudge.nudgeId, l: nudge.learner, src: 'email' });
        expect(link.searchParams.get('t')).toMatch(/^[\w-]{32}$/);
      }
    }
    expect(mails.some((m) => m.messageId?.startsWith('<future.1'))).toBe(false);

    const slack = posts.filter((x) => x.channel === 'slack');
    const teams = posts.filter((x) => x.channel === 'teams');
    expect(slack.filter((x) => x.status === 200)).toHaveLength(expectedPosts);
    expect(teams.filter((x) => x.status === 200)).toHaveLength(expectedPosts);
    expect(slack[0]!.status).toBe(429);
    // The retry waited for Retry-After (1 s); every post to one webhook is at least ~1 s after the previous one.
    for (const list of [slack, teams]) for (let i = 1; i < list.length; i++) expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(950);
    expect(events(p, 'delivery-retry')).toEqual([expect.objectContaining({ channel: 'slack', reason: 'HTTP 429', delayMs: 1000 })]);
    // Team cards are the channel's card without anyone's personal link.
    expect(slack[1]!.body.blocks.length).toBeGreaterThan(0);
    expect(JSON.stringify(slack[1]!.body)).toContain('src=slack');
    expect(teams[0]!.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(teams[0]!.body)).toContain('src=teams');
    for (const post of posts) expect(JSON.stringify(post.body)).not.toMatch(/[?&](n|l|t)=/);
    // No secret in what the server printed.
    for (const secret of [SMTP_PASSWORD, HOOK_TOKEN, SECRET]) expect(p.stderr() + p.stdout()).not.toContain(secret);
  }, 90_000);

  it('after a restart nothing is sent again; an email claimed but not confirmed is resent with the same Message-ID, a claimed post is not; a changed schedule is re-read', async () => {
    await stop();
    const mailsBefore = mails.length;
    const postsBefore = posts.length;
    // A crash between "claimed" and "sent": one more due nudge whose email and Slack post were claimed.
    const crashed = { ...nudges[0]!, nudgeId: 'crash.1', seriesId: 'crash', sequence: 1, questionId: nudges[0]!.questionId, due: '2021-01-06T09:00:00-06:00' };
    nudges.push(crashed);
    writeFileSync(scheduleFile, JSON.stringify(nudges));
    const journalDir = path.join(release.releaseDir, 'deliveries');
    const segment = readdirSync(journalDir).filter((f) => f.endsWith('.ndjson')).sort().at(-1)!;
    const slackId = `slack:lockout-tagout:${crashed.questionId}:2021-01-06`;
    appendFileSync(path.join(journalDir, segment), `${JSON.stringify({ id: 'email:crash.1', state: 'claimed', at: '2021-01-06T15:00:00Z' })}\n${JSON.stringify({ id: slackId, state: 'claimed', at: '2021-01-06T15:00:00Z' })}\n`);

    const p = await serve();
    await until('the resent email', () => events(p, 'nudge-sent').length >= 1 && events(p, 'deliveries-checked').length >= 1);
    // Teams never saw the crashed day: that post is new and is sent once.
    await until('the new Teams post', () => events(p, 'nudge-sent').length === 2);
    expect(events(p, 'nudge-sent').map((e) => e.message).sort()).toEqual(['email:crash.1', `teams:lockout-tagout:${crashed.questionId}:2021-01-06`]);
    expect(events(p, 'delivery-uncertain')).toEqual([expect.objectContaining({ message: slackId })]);
    expect(mails.slice(mailsBefore).map((m) => m.messageId)).toEqual(['<crash.1.nudge@acme.example>']);
    expect(posts.slice(postsBefore).map((x) => x.channel)).toEqual(['teams']);

    // The running server re-reads the schedule when it changes: a nudge added now is sent.
    nudges.push({ ...nudges[1]!, nudgeId: 'later.1', seriesId: 'later', sequence: 1, due: '2020-01-06T09:00:00-06:00' });
    writeFileSync(scheduleFile, JSON.stringify(nudges));
    await until('the email of the added nudge', () => mails.some((m) => m.messageId === '<later.1.nudge@acme.example>'));
    expect(mails.slice(mailsBefore).map((m) => m.messageId)).toEqual(['<crash.1.nudge@acme.example>', '<later.1.nudge@acme.example>']);
    await stop();
  }, 60_000);

  it('--dry-run prints every due message (a webhook by its variable name only) and sends nothing', async () => {
    // A fresh journal: everything is due again, nothing may go out.
    const fresh = mkdtempSync(path.join(tmpdir(), 'tandem-delivery-dry-'));
    const config = path.join(courseDir, 'tandem.config.yaml');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace('    poll_seconds: 1\n', `    poll_seconds: 1\n    journal: ${fresh}/deliveries\n`));
    const mailsBefore = mails.length;
    const postsBefore = posts.length;
    try {
      const p = await serve(['--dry-run']);
      const expected = current().length + 2 * teamKeys().size;
      const printed = () => p.stdout().split('\n').filter((l) => l.startsWith('{"dryRun":true'));
      await until('the dry-run lines', () => printed().length === expected);
      const lines = printed().map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.channel === 'email').map((l) => l.to).sort()).toEqual(current().map((n) => n.email).sort());
      expect(lines.find((l) => l.channel === 'email').subject).toBe('Quick check: Lock out and tag out before clearing a jam');
      expect(lines.filter((l) => l.channel === 'slack').every((l) => l.webhook === 'ACME_SLACK_HOOK' && l.payload.blocks)).toBe(true);
      expect(p.stdout() + p.stderr()).not.toContain(HOOK_TOKEN);
      await stop();
      expect(mails.length).toBe(mailsBefore);
      expect(posts.length).toBe(postsBefore);
      expect(existsSync(path.join(fresh, 'deliveries'))).toBe(false);
    } finally {
      writeFileSync(config, original);
    }
  }, 60_000);

  it('does not start with a schedule, channel or secret it cannot use', async () => {
    const base = [courseDir, '--release', release.releaseDir, '--port', '0'];
    const missing = await runTandem(['serve', ...base, '--schedule', path.join(work, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DELIVERY_SCHEDULE_UNREADABLE');
    // runTandem passes no environment: the webhook variables, SMTP login and secret are all unset.
    const unset = await runTandem(['serve', ...base, '--schedule', scheduleFile]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('DELIVERY_SETTING_INVALID');
    expect(unset.stderr).toContain('ACME_SLACK_HOOK');
    expect(unset.stderr).toContain('TANDEM_SERVE_SECRET');

    const bare = path.join(work, 'bare-course');
    cpSync(release.courseDir, bare, { recursive: true });
    const noChannel = await runTandem(['serve', bare, '--release', release.releaseDir, '--port', '0', '--schedule', scheduleFile]);
    expect(noChannel.code).toBe(2);
    expect(noChannel.stderr).toContain('DELIVERY_NO_CHANNEL');

    const broken = path.join(work, 'broken.json');
    writeFileSync(broken, '{"not": "a list"}');
    const p = startServe([...base, '--schedule', broken], env());
    await expect(p).rejects.toThrow(/DELIVERY_SCHEDULE_UNREADABLE/);
  }, 60_000);
});

/**
 * The far ends of nudge delivery, on 127.0.0.1: a real SMTP server (smtp-server) whose mails are
 * read back with mailparser, and an HTTP receiver standing in for Slack and Teams webhooks. Also
 * the answer page as a learner's browser opens it. Shared by the delivery and the loop tests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser } from 'puppeteer-core';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  port: number;
  mails: ParsedMail[];
  close(): Promise<void>;
}

/** An SMTP server that keeps every mail; with `login`, only that user and password may send. */
export async function startMailbox(login?: { user: string; password: string }): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    disabledCommands: login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.password) callback(null, { user: login.user });
      else callback(new Error('bad login'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return { port: (smtp.server.address() as AddressInfo).port, mails, close: () => new Promise((resolve) => smtp.close(() => resolve())) };
}

export interface WebhookPost {
  /** The first path segment: `slack` or `teams`. */
  channel: string;
  at: number;
  status: number;
  /** The channel payload as JSON, checked field by field by the tests. */
  body: any;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: a webhook URL is `<base>/<channel>/<anything>`. */
  base: string;
  posts: WebhookPost[];
  close(): Promise<void>;
}

/** An HTTP server that keeps every JSON post; `answer` picks the status and headers (default 200). */
export async function startWebhookReceiver(answer: (req: IncomingMessage, channel: string) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 })): Promise<WebhookReceiver> {
  const posts: WebhookPost[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const channel = req.url!.split('/')[1]!;
      const { status, headers = {} } = answer(req, channel);
      posts.push({ channel, at: Date.now(), status, body: JSON.parse(body) });
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.writeHead(status).end(status === 200 ? 'ok' : 'refused');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens a nudge answer link as a learner's browser does: the page records the answer, then shows the verdict. */
export async function openAnswerPage(browser: Browser, url: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('.verdict');
    return await page.$eval('main', (m) => (m as HTMLElement).innerText);
  } finally {
    await page.close();
  }
}

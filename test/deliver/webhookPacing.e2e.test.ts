/**
 * Webhook pacing is counted from the end of the previous post: a webhook that takes 400 ms to
 * answer still sees the next post at least a second after it answered, never a second after the
 * previous one started (which a slow network would bunch below Slack's one-per-second limit).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebhookSender } from '../../src/deliver/webhookSender.js';

let server: Server;
let url: string;
const arrivals: number[] = [];
const answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    arrivals.push(Date.now());
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        answers.push(Date.now());
        res.writeHead(200).end('ok');
      }, 400),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

it('waits the interval after the slow answer of the previous post, not after its start', async () => {
  const sender = new WebhookSender({ channel: 'slack', envName: 'HOOK', url }, 1_000);
  const signal = new AbortController().signal;
  expect(await sender.send({ text: 'one' }, signal)).toEqual({ ok: true });
  expect(await sender.send({ text: 'two' }, signal)).toEqual({ ok: true });
  expect(arrivals).toHaveLength(2);
  expect(arrivals[1]! - answers[0]!).toBeGreaterThanOrEqual(990);
  expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1_390);
});

/**
 * Server-sent events to every open preview page: build status (building, done, error, with the
 * diagnostics) and, for Tin Can and cmi5 lessons, each statement the LRS received with its checks.
 * SSE rather than a WebSocket: the stream goes one way, EventSource reconnects by itself, and it
 * passes the password gate like any request.
 */
import type { ServerResponse } from 'node:http';
import type { PreviewEvent } from '../runtime/contract/previewMessages.js';

/** A comment line now and then keeps proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

export class PreviewEvents {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes over a response as an event stream until the page goes away. */
  attach(res: ServerResponse, first: PreviewEvent[]): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 500\n\n');
    for (const event of first) res.write(frame(event));
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(event: PreviewEvent): void {
    const text = frame(event);
    for (const client of this.clients) client.write(text);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

function frame(event: PreviewEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/**
 * `tandem serve`: the online job aids and the statement relay of one release, as one Fastify 5
 * server. Entry module of the serve area.
 *
 * Plugins, one per concern: jobAidsPlugin (static job aids with their CSP), relayPlugin (validate,
 * allow-list, rate-limit, journal, answer), opsPlugin (/healthz, /metrics), nudgeAnswerPlugin (the answer page of reinforcement nudges).
 * Around them: helmet
 * headers, CORS for the job-aid origin and configured lesson origins only, a per-address request
 * limit, 64 KB bodies, and one error handler that answers every failure with a permanent code from
 * the diagnostics catalogue and nothing else. The journal is written before any 2xx; the
 * Forwarder sends it to the LRS afterwards, in order.
 *
 * Imports: the foundations only (src/course, src/diagnostics, src/xapi, src/release) and its own
 * files; never src/compile or src/runtime. Only src/cli touches the process (signals, exit).
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { Forwarder } from './forward/forwarder.js';
import { Journal } from './journal/journal.js';
import { loadCourse } from '../course/index.js';
import { jobAidsPlugin, JOB_AIDS_DIR } from './plugins/jobAidsPlugin.js';
import { nudgeAnswerPlugin } from './plugins/nudgeAnswerPlugin.js';
import { opsPlugin } from './plugins/opsPlugin.js';
import { relayPlugin } from './plugins/relayPlugin.js';
import { AllowList } from './relay/allowList.js';
import { ServeError, type ErrorBody } from './serveError.js';
import { createServeMetrics } from './serveMetrics.js';
import { MAX_BODY_BYTES, MAX_STATEMENTS, type ServeSettings } from './serveSettings.js';

export { resolveServeSettings, type ServeSettings, type ServeOverrides } from './serveSettings.js';
export { JournalLockedError } from './journal/journalLock.js';
export { Journal, readJournalLines } from './journal/journal.js';
export { personalAnswerParams, type AnswerClaim } from './nudges/answerLink.js';

/** One line of the server's log: no client address, no query string, no header, no body. */
export type ServeLog = (line: Record<string, unknown>) => void;

export interface RunningServer {
  /** `http://127.0.0.1:8080` */
  url: string;
  /**
   * Stops accepting, answers the requests in flight (their journal writes complete), forwards
   * what it can until `deadline` (epoch ms), saves the forward cursor and closes the journal.
   */
  close(deadline?: number): Promise<void>;
}

export async function startServer(settings: ServeSettings, log: ServeLog): Promise<RunningServer> {
  // With an LRS, segments stay plain until forwarded; without one the journal is the store, gzip at once.
  const journal = await Journal.open({
    dir: settings.journalDir,
    segmentBytes: settings.segmentBytes,
    budgetBytes: settings.journalBudgetBytes,
    gzipOnRotate: !settings.lrs,
  });
  journal.on('warning', (error: Error) => log({ event: 'journal-warning', reason: error.message }));

  let forwarder: Forwarder | undefined;
  const metrics = createServeMetrics({ journalBytes: () => journal.bytes, lagBytes: () => forwarder?.lagBytes ?? 0 });
  if (settings.lrs) {
    forwarder = new Forwarder(journal, settings.lrs, {
      forwarded: (n) => metrics.forwarded.inc(n),
      refused: (n, status) => {
        metrics.lrsRefused.inc(n);
        log({ event: 'lrs-refused', statements: n, status });
      },
      retrying: (reason, delayMs) => {
        metrics.lrsRetries.inc();
        log({ event: 'lrs-retry', reason, delayMs });
      },
    });
  }

  let ready = false;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Fastify also takes a hop count (a number) at run time; its types omit it.
    trustProxy: settings.trustProxy as boolean | string,
    // Stop reading a slow body after 10 s; one client cannot hold a connection open forever.
    requestTimeout: 10_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allErrors: false, allowUnionTypes: true } },
  });

  // Only JSON is a statement; Fastify's built-in text/plain parser would let other bodies through to validation.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError | ServeError, request, reply) => {
    const answer = toServeError(error, request.body);
    if (answer.statusCode >= 500 && !(error instanceof ServeError)) log({ event: 'internal-error', path: pathOnly(request.url), reason: error.message });
    metrics.rejected.inc({ code: answer.body.code });
    if (answer.retryAfterSeconds !== undefined) reply.header('Retry-After', String(answer.retryAfterSeconds));
    reply.header('Cache-Control', 'no-store').code(answer.statusCode).send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const notFound = request.method !== 'POST' && settings.relayPath !== undefined && pathOnly(request.url) === settings.relayPath
      ? new ServeError('SERVE_METHOD_NOT_ALLOWED', 405, {})
      : new ServeError('SERVE_NOT_FOUND', 404, {});
    if (notFound.statusCode === 405) reply.header('Allow', 'POST');
    metrics.rejected.inc({ code: notFound.body.code });
    reply.header('Cache-Control', 'no-store').code(notFound.statusCode).send(notFound.body);
  });
  if (settings.logRequests) {
    app.addHook('onResponse', async (request, reply) => {
      log({ method: request.method, path: pathOnly(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 });
    });
  }

  await app.register(helmet, {
    // JSON answers and errors load nothing; job-aid pages replace this with their own policy.
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    // Job aids are opened from QR codes and links on other sites: let them be navigated to.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const origins = [settings.jobAidOrigin, ...settings.lessonOrigins].filter((o): o is string => !!o);
  await app.register(cors, {
    origin: origins.length ? origins : false,
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'X-Experience-API-Version'],
    credentials: false,
    maxAge: 600,
    strictPreflight: true,
  });
  await app.register(rateLimit, {
    global: true,
    max: settings.requestsPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new ServeError('RELAY_RATE_LIMITED', 429, { limit: settings.requestsPerMinute, seconds: Math.ceil(context.ttl / 1000) }, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });

  await app.register(opsPlugin, { metrics, isReady: () => ready });
  if (settings.relayPath !== undefined) {
    const homePages = new Set([...origins, ...(settings.identity ? [new URL(settings.identity.homePage).origin] : [])]);
    await app.register(relayPlugin, {
      path: settings.relayPath,
      journal,
      allowList: new AllowList(settings.baseIri, settings.manifest, homePages, settings.lmsLearners !== undefined),
      ...(settings.identity ? { identity: settings.identity } : {}),
      ...(settings.lmsLearners ? { lmsLearners: settings.lmsLearners } : {}),
      statementsPerMinute: settings.statementsPerMinute,
      metrics,
      log,
    });
  }
  if (settings.nudges) {
    // The answer page needs the units' nudge questions: the course is loaded once, at start.
    const { course } = await loadCourse(settings.courseRoot);
    if (course) await app.register(nudgeAnswerPlugin, { path: settings.nudges.path, course, journal, log, ...(settings.nudges.secret ? { secret: settings.nudges.secret } : {}) });
    else log({ event: 'nudge-answers-off', reason: 'the course did not load' });
    if (course && !settings.nudges.secret) log({ event: 'nudge-answers-not-recorded', reason: 'TANDEM_SERVE_SECRET (16+ characters) is not set' });
  }
  if (settings.jobAidPath !== undefined) {
    await app.register(jobAidsPlugin, { root: path.join(settings.releaseDir, JOB_AIDS_DIR), urlPath: settings.jobAidPath });
  }

  // Browsers open spare connections ahead of need (Chromium's preconnect). Node's
  // closeIdleConnections(), which Fastify's forceCloseConnections: 'idle' calls at close, counts a
  // socket as idle only after a request, so a spare one held app.close() until the hard stop.
  // At close such sockets are dropped: nothing was asked on them, nothing is lost.
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: IncomingMessage) => unused.delete(request.socket));
  app.addHook('preClose', async () => {
    for (const socket of unused) socket.destroy();
  });

  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await journal.close();
    throw error;
  }
  forwarder?.start();
  ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    close(deadline = Date.now() + 12_000) {
      closing ??= (async () => {
        ready = false;
        await app.close();
        await forwarder?.stop(deadline);
        await journal.close();
      })();
      return closing;
    },
  };
}

/** Maps every failure to a coded answer; unknown ones become 500 without detail. */
function toServeError(error: FastifyError | ServeError, body: unknown): ServeError {
  if (error instanceof ServeError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ServeError('RELAY_BODY_TOO_LARGE', 413, { limit: MAX_BODY_BYTES });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ServeError('RELAY_NOT_JSON', 415, {});
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ServeError('RELAY_MALFORMED', 400, { problem: 'the body is empty' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ServeError('RELAY_MALFORMED', 400, { problem: 'the body is not valid JSON' });
  }
  if (error.validation) {
    const first = error.validation[0];
    if (first?.keyword === 'maxItems') {
      return new ServeError('RELAY_TOO_MANY_STATEMENTS', 413, { count: Array.isArray(body) ? body.length : MAX_STATEMENTS + 1, limit: MAX_STATEMENTS });
    }
    return new ServeError('RELAY_MALFORMED', 400, { problem: first?.keyword === 'minItems' ? 'the list is empty' : 'a statement must be a JSON object' });
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return new ServeError('RELAY_MALFORMED', 400, { problem: 'the body is not valid JSON' });
  if (error.statusCode === 413) return new ServeError('RELAY_BODY_TOO_LARGE', 413, { limit: MAX_BODY_BYTES });
  // @fastify/static answers a path that climbs out of its root with 403; say only "nothing here".
  if (error.statusCode === 404 || error.statusCode === 403) return new ServeError('SERVE_NOT_FOUND', 404, {});
  return new ServeError('SERVE_INTERNAL_ERROR', 500, {});
}

function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export type { ErrorBody };

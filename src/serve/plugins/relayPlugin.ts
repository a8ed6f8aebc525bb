/**
 * `POST <relay path>`: the statement relay. One statement or an array of at most 50, each at most
 * 8 KB, in a body of at most 64 KB. A request is taken whole or not at all (as an LRS takes a
 * batch): every statement must pass the xAPI 1.0.3 rules and the release's allow-list, and the
 * client address must be within its per-objective rate. Accepted statements get an id and a
 * timestamp if they lack them (and an LMS learner of a SCORM package its hashed name), are appended to the journal, and the request is answered 200 with
 * their ids only after the fsync that covers them. Write-only: nothing reads statements back.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
// Brings fastify.createRateLimit into the types; the plugin itself is registered by the server.
import type {} from '@fastify/rate-limit';
import type { Journal } from '../journal/journal.js';
import type { AllowList } from '../relay/allowList.js';
import { hashIdentity, identityActor, type IdentitySettings } from '../relay/identity.js';
import { firstXapiProblem } from '../relay/statementRules.js';
import { ServeError } from '../serveError.js';
import type { ServeMetrics } from '../serveMetrics.js';
import { MAX_STATEMENT_BYTES, MAX_STATEMENTS } from '../serveSettings.js';

export interface RelayOptions {
  path: string;
  journal: Journal;
  allowList: AllowList;
  identity?: IdentitySettings;
  /** SCORM packages' LMS learners are hashed under this secret (scorm12.report_xapi). */
  lmsLearners?: { secret: string };
  statementsPerMinute: number;
  metrics: ServeMetrics;
  log: (line: Record<string, unknown>) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The rate-limit key being checked: client address and objective. */
    relayRateKey?: string;
  }
}

/** Ajv (Fastify's validator) checks the outer shape; `maxItems` applies to arrays only. */
const BODY_SCHEMA = {
  type: ['object', 'array'],
  minItems: 1,
  maxItems: MAX_STATEMENTS,
  items: { type: 'object' },
} as const;

const ONE_MINUTE_MS = 60_000;

export const relayPlugin: FastifyPluginAsync<RelayOptions> = async (app, options) => {
  const { journal, allowList, identity, metrics } = options;
  const limitObjective = app.createRateLimit({
    max: options.statementsPerMinute,
    timeWindow: ONE_MINUTE_MS,
    keyGenerator: (request) => request.relayRateKey ?? request.ip,
  });

  app.post(options.path, { schema: { body: BODY_SCHEMA } }, async (request, reply) => {
    const body = request.body as Record<string, unknown> | Record<string, unknown>[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- network JSON, shape-checked by the xAPI validator below
    const statements = (Array.isArray(body) ? body : [body]) as Record<string, any>[];
    const actor = identity ? identityActor(identity, request.headers[identity.header]) : undefined;
    const perObjective = new Map<string, number>();
    const ids = new Set<string>();
    const lines: string[] = [];
    const now = new Date().toISOString();

    statements.forEach((statement, index) => {
      const bytes = Buffer.byteLength(JSON.stringify(statement), 'utf8');
      if (bytes > MAX_STATEMENT_BYTES) throw new ServeError('RELAY_STATEMENT_TOO_LARGE', 413, { index, bytes, limit: MAX_STATEMENT_BYTES }, { statement: index });
      if (actor) statement.actor = actor;
      const problem = firstXapiProblem(statement);
      if (problem) throw new ServeError('RELAY_INVALID_STATEMENT', 400, { index, ...problem }, { statement: index });
      const verdict = allowList.check(statement, actor !== undefined);
      if (!verdict.ok) {
        const { ok: _ok, code, ...params } = verdict;
        throw new ServeError(code, 403, { index, ...params } as never, { statement: index });
      }
      // An LMS learner (scorm12.report_xapi) is stored only as the HMAC of the LMS's id.
      if (verdict.lmsLearner) {
        // The allow-list takes LMS learners only when the server has the secret: anything else is a bug, never a raw id in the journal.
        if (!options.lmsLearners) throw new Error('An LMS learner was allowed without a secret to hash it with.');
        statement.actor = { objectType: 'Agent', account: { homePage: verdict.lmsLearner.homePage, name: hashIdentity(options.lmsLearners.secret, verdict.lmsLearner.name) } };
      }
      // The id is what makes a replay after an outage or a crash store nothing twice.
      statement.id ??= randomUUID();
      statement.timestamp ??= now;
      if (ids.has(statement.id)) throw new ServeError('RELAY_DUPLICATE_ID', 400, { index }, { statement: index });
      ids.add(statement.id);
      perObjective.set(verdict.activity.objectiveId, (perObjective.get(verdict.activity.objectiveId) ?? 0) + 1);
      lines.push(JSON.stringify(statement));
    });

    await checkRate(request, perObjective);

    const result = await journal.append(lines);
    if (!result.ok) {
      if (result.reason === 'full') throw new ServeError('RELAY_JOURNAL_FULL', 503, {}, { retryAfterSeconds: 60 });
      options.log({ event: 'journal-write-failed', reason: result.error?.message });
      throw new ServeError('RELAY_JOURNAL_FAILED', 503, {}, { retryAfterSeconds: 30 });
    }
    metrics.journaled.inc(lines.length);
    metrics.accepted.inc(lines.length);
    reply.header('X-Experience-API-Version', '1.0.3');
    return [...ids];
  });

  /** Each statement counts against its client address and objective; a request over the rate is refused whole. */
  async function checkRate(request: FastifyRequest, perObjective: Map<string, number>): Promise<void> {
    for (const [objective, count] of perObjective) {
      request.relayRateKey = `${request.ip}|${objective}`;
      const seen = await limitObjective(request, { increment: false });
      if (seen.isAllowed) continue;
      if (seen.max - seen.remaining + count > options.statementsPerMinute) {
        const seconds = Math.max(1, seen.ttlInSeconds || 60);
        throw new ServeError('RELAY_RATE_LIMITED', 429, { limit: options.statementsPerMinute, seconds }, { retryAfterSeconds: seconds });
      }
    }
    for (const [objective, count] of perObjective) {
      request.relayRateKey = `${request.ip}|${objective}`;
      for (let i = 0; i < count; i++) await limitObjective(request);
    }
  }
};

/**
 * What the lesson talks to and what the panel listens to: the in-memory LRS (`/lrs/…`, the cmi5
 * fetch URLs at `/lrs-fetch/…`), launches (`POST /_preview/launch`: a fresh Tin Can or cmi5
 * launch URL for a unit, as an LMS would make), the event stream (`/_preview/events`) and each
 * unit's last build state (`/_preview/state/<unit>`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { lessonIri } from '../../xapi/activityIris.js';
import { FETCH_PATH, LRS_PATH, type LaunchMode, type PreviewLrs } from '../lrs/previewLrs.js';
import type { PreviewEvents } from '../previewEvents.js';
import type { UnitBuilds } from '../unitBuilds.js';

export interface TrackingOptions {
  builds: UnitBuilds;
  lrs: PreviewLrs;
  events: PreviewEvents;
}

const MODES: Record<string, LaunchMode> = { normal: 'Normal', browse: 'Browse', review: 'Review' };

export async function trackingPlugin(app: FastifyInstance, { builds, lrs, events }: TrackingOptions): Promise<void> {
  // xAPI documents may be of any type; the LRS stores them as text.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const lrsRoute = async (request: FastifyRequest<{ Params: { '*': string }; Querystring: Record<string, string> }>) => ({
    answer: lrs.handle(
      request.method,
      request.params['*'],
      request.query,
      { authorization: request.headers.authorization, contentType: request.headers['content-type'], version: String(request.headers['x-experience-api-version'] ?? '') },
      typeof request.body === 'string' ? request.body : '',
    ),
  });
  app.route<{ Params: { '*': string }; Querystring: Record<string, string> }>({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    url: `${LRS_PATH}*`,
    handler: async (request, reply) => {
      const { answer } = await lrsRoute(request);
      reply.code(answer.status).header('cache-control', 'no-store').header('x-experience-api-version', '1.0.3');
      if (answer.contentType) reply.header('content-type', answer.contentType);
      return reply.send(answer.body ?? '');
    },
  });
  app.post<{ Params: { id: string } }>(`${FETCH_PATH}:id`, async (request, reply) => {
    const answer = lrs.fetchToken(request.params.id);
    return reply.code(answer.status).header('content-type', answer.contentType ?? 'text/plain').header('cache-control', 'no-store').send(answer.body);
  });

  app.post<{ Body: string }>('/_preview/launch', async (request, reply) => {
    let input: { unit?: unknown; adapter?: unknown; mode?: unknown };
    try {
      input = JSON.parse(request.body) as typeof input;
    } catch {
      return reply.code(400).send({ error: 'The body is not JSON.' });
    }
    const unit = builds.course?.units.find((u) => u.id === input.unit);
    if (!unit || (input.adapter !== 'xapi' && input.adapter !== 'cmi5')) return reply.code(400).send({ error: 'Give a unit of the course and adapter xapi or cmi5.' });
    const origin = `${request.protocol}://${request.headers.host ?? request.hostname}`;
    const query = lrs.launch({
      unitId: unit.id,
      adapter: input.adapter,
      activityId: lessonIri(builds.course!.baseIri, unit.id),
      origin,
      launchMode: MODES[String(input.mode)] ?? 'Normal',
      ...(unit.masteryScore !== undefined ? { masteryScore: unit.masteryScore / 100 } : {}),
    });
    return { url: `/play/${encodeURIComponent(unit.id)}/${input.adapter}/units/${encodeURIComponent(unit.id)}/index.html?${query}` };
  });

  app.get('/_preview/events', async (request, reply) => {
    reply.hijack();
    const first = builds.openedUnits().map((id) => builds.state(id)).filter((e) => e !== undefined).map((e) => ({ type: 'build' as const, ...e }));
    events.attach(reply.raw, first);
    request.raw.on('close', () => reply.raw.end());
  });

  app.get<{ Params: { unit: string } }>('/_preview/state/:unit', async (request, reply) => {
    const state = builds.state(request.params.unit);
    return state ? reply.header('cache-control', 'no-store').send(state) : reply.code(404).send({ error: 'Not built yet.' });
  });
}

/**
 * Operations: `GET /healthz` (200 once the journal is open and the server listens; 503 while it
 * shuts down) and `GET /metrics` in Prometheus text format. Neither counts against rate limits.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ServeMetrics } from '../serveMetrics.js';

export interface OpsOptions {
  metrics: ServeMetrics;
  isReady: () => boolean;
}

export const opsPlugin: FastifyPluginAsync<OpsOptions> = async (app, { metrics, isReady }) => {
  app.get('/healthz', { config: { rateLimit: false } }, async (_request, reply) => {
    const ready = isReady();
    reply.code(ready ? 200 : 503).header('Cache-Control', 'no-store');
    return { status: ready ? 'ok' : 'stopping' };
  });
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    reply.header('Content-Type', metrics.registry.contentType).header('Cache-Control', 'no-store');
    return metrics.registry.metrics();
  });
};

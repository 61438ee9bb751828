import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { GatewayMetrics } from './metrics.js';

export interface OpsState {
  /** Set when shutdown begins, so load balancers stop sending traffic. */
  draining: boolean;
}

/** Liveness, readiness and Prometheus metrics. No auth: expose them only on a trusted network. */
export function registerOpsRoutes(app: FastifyInstance, deps: { store: Store; metrics: GatewayMetrics; state: OpsState }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    if (deps.state.draining) return reply.code(503).send({ status: 'draining' });
    try {
      await deps.store.schemaVersion();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'store unavailable' });
    }
  });

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one gateway instance. A registry per instance (not the
 * global one) so several gateways can run in one process, as tests do.
 * Labels are bounded: route names from config, never client-supplied strings.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'warden_requests_total',
    help: 'Proxied model API requests by API, route and HTTP status.',
    labelNames: ['api', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'warden_request_duration_seconds',
    help: 'Time from receiving a request to the end of its response.',
    labelNames: ['api', 'stream'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly tokens = new Counter({
    name: 'warden_tokens_total',
    help: 'Tokens reported by upstreams, by direction.',
    labelNames: ['route', 'direction'] as const,
    registers: [this.registry],
  });
  readonly upstreamErrors = new Counter({
    name: 'warden_upstream_errors_total',
    help: 'Upstream failures: refused/reset connections, timeouts, error statuses, broken streams.',
    labelNames: ['upstream', 'kind'] as const,
    registers: [this.registry],
  });
  /** Read at scrape time, so requests pay nothing for it. */
  inflightSource: () => number = () => 0;
  readonly inflight = new Gauge({
    name: 'warden_inflight_requests',
    help: 'Requests currently being proxied (including open streams).',
    registers: [this.registry],
    collect: () => {
      this.inflight.set(this.inflightSource());
    },
  });
  readonly stageErrors = new Counter({
    name: 'warden_stage_errors_total',
    help: 'Errors thrown by request stages in hooks that must not fail.',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly limitRejections = new Counter({
    name: 'warden_limit_rejections_total',
    help: 'Requests refused by a rate limit, by the scope and metric that refused them.',
    labelNames: ['scope', 'metric'] as const,
    registers: [this.registry],
  });
  readonly limiterUnavailable = new Counter({
    name: 'warden_limiter_unavailable_total',
    help: 'Limiter calls that failed (Redis unreachable), by tier and what was done: fail-closed, fail-open-local, settle-failed.',
    labelNames: ['tier', 'mode'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'warden_' });
  }

  // Label children are cached: prom-client otherwise sorts and hashes the label object on every call.
  readonly #children = new Map<string, { requests: { inc(): void }; latency: { observe(v: number): void }; tokensIn: { inc(v: number): void }; tokensOut: { inc(v: number): void } }>();

  /** Everything the proxy records for one finished request. */
  recordRequest(api: string, route: string, status: number, stream: boolean, seconds: number, tokensIn: number, tokensOut: number): void {
    const id = `${api}\u0000${route}\u0000${status}\u0000${stream ? 1 : 0}`;
    let c = this.#children.get(id);
    if (c === undefined) {
      c = {
        requests: this.requests.labels(api, route, String(status)),
        latency: this.latency.labels(api, stream ? 'true' : 'false'),
        tokensIn: this.tokens.labels(route, 'input'),
        tokensOut: this.tokens.labels(route, 'output'),
      };
      this.#children.set(id, c);
    }
    c.requests.inc();
    c.latency.observe(seconds);
    if (tokensIn > 0) c.tokensIn.inc(tokensIn);
    if (tokensOut > 0) c.tokensOut.inc(tokensOut);
  }
}

import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { resolveAdminToken } from './admin/token.js';
import { buildApp } from './app.js';
import { SIM_MODELS, SIM_UPSTREAM, assertUpstreamKeys, type ResolvedConfig } from './config/load.js';
import type { ModelRouteConfig, UpstreamConfig } from './config/schema.js';
import { EventBus } from './events/bus.js';
import { JsonlEventSink } from './events/jsonl-sink.js';
import type { EventSink } from './events/types.js';
import { Authenticator } from './identity/authenticator.js';
import { hashSecret } from './identity/keys.js';
import { IdentityService } from './identity/service.js';
import type { Limiter } from './limits/limiter.js';
import { MemoryLimiter } from './limits/memory.js';
import { RedisLimiter } from './limits/redis.js';
import { LimitsStage } from './limits/stage.js';
import { OutputStage } from './output/stage.js';
import { openKeyring } from './watermark/keyring-config.js';
import { WatermarkStage } from './watermark/stage.js';
import { Detection } from './detection/detection.js';
import { loadPolicy } from './engine/policy.js';
import { UsageService } from './limits/usage.js';
import { createLogger } from './ops/logger.js';
import { GatewayMetrics } from './ops/metrics.js';
import { GovernanceMetrics } from './ops/governance-metrics.js';
import type { OpsState } from './ops/routes.js';
import { InflightRequests } from './proxy/inflight.js';
import type { Stage } from './proxy/stages.js';
import { ModelRouter, createUpstream, type Upstream } from './proxy/upstreams.js';
import { startSimServer, type SimServer } from './sim/server.js';
import { openStore } from './store/open.js';
import { loadOrCreateHmacKey } from './audit/keys.js';
import { RequestRecorder } from './audit/request-recorder.js';
import { AuditTrail } from './audit/trail.js';
import type { Store } from './store/store.js';
import { lexiconFor } from './watermark/lexicon.js';

export interface StartOptions {
  /** Where logs go (default: stdout). Tests pass a capture stream. */
  logDestination?: DestinationStream;
  /** Request-path controls, in order. */
  stages?: Stage[];
  /** Extra event consumers (detection, audit, tests). */
  sinks?: EventSink[];
  env?: NodeJS.ProcessEnv;
  /** Whether to collect Node process metrics (off in tests that start many gateways). */
  processMetrics?: boolean;
}

export interface Warden {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly identity: IdentityService;
  readonly events: EventBus;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly simulator: SimServer | undefined;
  /** The detection engine's gateway driver (undefined when detection is disabled). */
  readonly detection: Detection | undefined;
  /** Output governance: reasoning exposure and degrade mode. */
  readonly output: OutputStage;
  /** The audit trail (undefined when audit.enabled is false). */
  readonly audit: AuditTrail | undefined;
  /** Per-account output marks (undefined when watermark.enabled is false). */
  readonly watermark: WatermarkStage | undefined;
  /** Stops accepting, drains in-flight requests and streams (up to the grace period), releases everything. */
  close(): Promise<void>;
}

function simUpstreamConfig(sim: SimServer): { upstream: UpstreamConfig; routes: ModelRouteConfig[] } {
  return {
    upstream: { api: 'both', baseUrl: sim.url, connections: 128, timeouts: { connectMs: 5_000, headersMs: 300_000, bodyIdleMs: 120_000 } },
    routes: SIM_MODELS.map((name) => ({ name, upstream: SIM_UPSTREAM, group: name === 'warden-sim-large' ? 'large' : 'default' })),
  };
}

/** A Redis URL may carry a password: never log it. */
function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function hasLimits(config: ResolvedConfig): boolean {
  const l = config.limits;
  return Object.keys(l.tiers).length + Object.keys(l.accounts).length + Object.keys(l.orgs).length > 0;
}

/** The metering stage and its limiter, when any limit is configured. */
async function createLimits(config: ResolvedConfig, metrics: GatewayMetrics, logger: Logger, identity: IdentityService) {
  if (!hasLimits(config)) return undefined;
  const fallback = new MemoryLimiter();
  let primary: Limiter = fallback;
  if (config.limits.backend === 'redis') {
    const redis = new RedisLimiter({
      url: config.limits.redis.url,
      keyPrefix: config.limits.redis.keyPrefix,
      commandTimeoutMs: config.limits.redis.commandTimeoutMs,
      onConnectionError: (err) => logger.debug({ err: err.message }, 'redis connection error'),
    });
    // Serve only once connected, so the first requests are not refused for a connection still opening.
    await redis.ready(5_000).catch(() => logger.warn({ url: redactUrl(config.limits.redis.url) }, 'redis not reachable at start; applying each tier’s failure mode until it is'));
    primary = redis;
  }
  return {
    stage: new LimitsStage(config.limits, primary, fallback, metrics, logger),
    usage: new UsageService(config.limits, primary, identity),
    close: async () => {
      await primary.close();
      if (primary !== fallback) await fallback.close();
    },
  };
}

export async function startWarden(config: ResolvedConfig, options: StartOptions = {}): Promise<Warden> {
  const env = options.env ?? process.env;
  assertUpstreamKeys(config, env);
  const logger = createLogger(config.logging.level, options.logDestination);
  const adminToken = resolveAdminToken(config.dataDir, config.admin.tokenEnv, env);
  const store = await openStore(config.storage);
  const events = new EventBus((err) => logger.error({ err }, 'event sink failed'));
  for (const sink of options.sinks ?? []) events.add(sink);
  if (config.events.file) events.add(new JsonlEventSink(config.events.file));

  let simulator: SimServer | undefined;
  let upstreamConfigs = Object.entries(config.upstreams);
  let routes = config.models;
  if (config.useBuiltInSimulator) {
    simulator = await startSimServer({ port: 0, host: '127.0.0.1' });
    const sim = simUpstreamConfig(simulator);
    upstreamConfigs = [[SIM_UPSTREAM, sim.upstream]];
    routes = sim.routes;
  }
  const upstreams = new Map<string, Upstream>(upstreamConfigs.map(([name, cfg]) => [name, createUpstream(name, cfg, env)]));
  const router = new ModelRouter(routes, upstreams);

  const metrics = new GatewayMetrics({ processMetrics: options.processMetrics ?? true });
  const identity = new IdentityService(store, { events });
  const authenticator = new Authenticator(store, identity, {
    ttlMs: config.auth.cacheTtlMs,
    maxEntries: config.auth.cacheSize,
    lastUsedFlushMs: config.auth.lastUsedFlushMs,
    onFlushError: (err) => logger.warn({ err }, 'could not record key last-used times'),
  });
  const limits = await createLimits(config, metrics, logger, identity);
  const detection = config.detection.enabled
    ? new Detection(config.detection.policyFile ? loadPolicy(config.detection.policyFile) : config.detection.policy, logger)
    : undefined;
  if (detection) events.add(detection);
  const audit = config.audit.enabled
    ? await AuditTrail.openWriter(config.auditStorage, config.dataDir, config.audit, (err) => logger.error({ err }, 'audit log write failed; retrying'))
    : undefined;
  const recorder = audit?.log
    ? new RequestRecorder(audit.log, {
        hmacKey: loadOrCreateHmacKey(config.dataDir),
        storePromptTiers: config.audit.prompts.storeForTiers,
      })
    : undefined;
  if (recorder) events.add(recorder);
  events.add(new GovernanceMetrics(metrics.registry, audit?.log));
  // The audit stage goes first so a full audit queue holds requests before they cost anything.
  // Detection decides next: a blocked account should not consume rate-limit budget.
  // In sync mode the admission record is committed after every deciding stage, just before forwarding.
  // Output governance follows detection (whose `degrade` it applies) and precedes limits, so the
  // reservation is made for the request as it will be forwarded (a degraded max_tokens, n = 1).
  const admission = recorder && config.audit.durability === 'sync' ? [recorder.admission] : [];
  const output = new OutputStage(config.output);
  const watermark = config.watermark.enabled ? new WatermarkStage(config.watermark, openKeyring(config.watermark, config.dataDir, env)) : undefined;
  const stages = [...(recorder ? [recorder] : []), ...(detection ? [detection] : []), output, ...(watermark ? [watermark] : []), ...(limits ? [limits.stage] : []), ...admission, ...(options.stages ?? [])];
  const inflight = new InflightRequests();
  metrics.inflightSource = () => inflight.size;
  const state: OpsState = { draining: false };
  const app = buildApp({
    config,
    store,
    identity,
    authenticator,
    metrics,
    logger,
    state,
    adminTokenHash: hashSecret(adminToken.token),
    usage: limits?.usage,
    detection,
    audit,
    // Tracing reads the key files on each call (a rotation by `warden watermark rotate` shows at once), even with marking off.
    watermark: { keys: () => openKeyring(config.watermark, config.dataDir, env, false).keys, lexicon: lexiconFor(config.watermark) },
    proxy: { router, stages, events, metrics, logger, inflight, maxResponseChars: config.events.maxResponseChars },
  });

  await app.listen({ port: config.server.port, host: config.server.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  logger.info(
    {
      url,
      storage: store.kind,
      upstreams: [...upstreams.keys()],
      adminTokenLocation: adminToken.source === 'env' ? `from $${config.admin.tokenEnv}` : `in ${adminToken.file}`,
    },
    'warden listening',
  );
  if (simulator) {
    logger.warn({ models: SIM_MODELS }, 'no upstream configured: serving the built-in SIMULATED model; responses do not come from a real model');
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      state.draining = true;
      const serverClosed = app.close();
      const drained = await inflight.drain(config.server.shutdownGraceMs);
      if (!drained) logger.warn('shutdown grace period over: aborted the remaining requests');
      app.server.closeAllConnections();
      await serverClosed;
      await authenticator.close();
      await events.close();
      // After the event bus: the last requests' entries are in the queue by now.
      await audit?.close().catch((err: unknown) => logger.error({ err }, 'audit log close failed'));
      await Promise.all([...upstreams.values()].map((u) => u.pool.close()));
      await limits?.close();
      await simulator?.close();
      await store.close();
      logger.info('warden stopped');
      logger.flush();
    })());

  return { app, url, port, store, identity, events, metrics, logger, simulator, detection, output, audit, watermark, close };
}

import http from 'node:http';
import Fastify, {
  LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { registerAdminRoutes } from './admin/routes.js';
import type { WatermarkTracing } from './admin/watermark-routes.js';
import type { ResolvedConfig } from './config/load.js';
import { WardenError, isWardenError, type ErrorCode } from './errors.js';
import type { Authenticator } from './identity/authenticator.js';
import type { IdentityService } from './identity/service.js';
import type { GatewayMetrics } from './ops/metrics.js';
import { registerOpsRoutes, type OpsState } from './ops/routes.js';
import type { ProxyDeps } from './proxy/forward.js';
import { anthropicProtocol } from './proxy/protocols/anthropic.js';
import { openAiProtocol } from './proxy/protocols/openai.js';
import { createFastPath, requestIdFrom } from './proxy/fast-path.js';
import { registerProxyRoutes } from './proxy/routes.js';
import type { Store } from './store/store.js';
import type { UsageService } from './limits/usage.js';
import type { Detection } from './detection/detection.js';
import type { AuditTrail } from './audit/trail.js';

export interface AppDeps {
  config: ResolvedConfig;
  store: Store;
  identity: IdentityService;
  authenticator: Authenticator;
  proxy: ProxyDeps;
  metrics: GatewayMetrics;
  logger: Logger;
  adminTokenHash: string;
  state: OpsState;
  usage: UsageService | undefined;
  detection?: Detection | undefined;
  audit?: AuditTrail | undefined;
  watermark?: WatermarkTracing | undefined;
}


/** Fastify's own errors, mapped to Warden's registry. */
function toWardenError(err: FastifyError): WardenError {
  if (isWardenError(err)) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WardenError('WARDEN_ERR_BODY_TOO_LARGE', err.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new WardenError('WARDEN_ERR_UNSUPPORTED_MEDIA_TYPE', err.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new WardenError('WARDEN_ERR_INVALID_JSON', err.message);
  }
  if (err.statusCode === 413) return new WardenError('WARDEN_ERR_BODY_TOO_LARGE', err.message);
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new WardenError('WARDEN_ERR_INVALID_REQUEST', err.message);
  }
  return new WardenError('WARDEN_ERR_INTERNAL', 'internal error', { cause: err });
}

/** Each surface answers errors in the shape its clients parse. */
function errorBody(req: FastifyRequest, code: ErrorCode, message: string): object {
  if (req.url.startsWith('/v1/messages')) return anthropicProtocol.errorBody(code, message);
  if (req.url.startsWith('/v1/')) return openAiProtocol.errorBody(code, message);
  return { error: { code, message } };
}

/** A hop count becomes a function: Fastify's typings take only booleans, addresses or functions. */
function trustProxyOption(v: boolean | number | string[]): boolean | string[] | ((addr: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_addr, hop) => hop < v : v;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const { config, logger } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Warden writes one line per request itself (src/proxy/forward.ts), with account and tokens.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: trustProxyOption(config.server.trustProxy),
    return503OnClosing: true,
    keepAliveTimeout: 65_000,
    genReqId: (req) => {
      // Fastify calls this once, first thing, for every request: the cheapest place to note arrival time.
      (req as { wardenReceivedAt?: number }).wardenReceivedAt = Date.now();
      return requestIdFrom(req.headers['x-request-id']);
    },
    serverFactory: (handler) => {
      // The model endpoints are served by the lean hot path; Fastify gets everything else. With
      // trusted proxies, Fastify's client-address logic is needed, so it serves everything.
      const fastPath =
        config.server.trustProxy === false
          ? createFastPath({ proxy: deps.proxy, authenticator: deps.authenticator, bodyLimitBytes: config.server.bodyLimitBytes, state: deps.state, logger })
          : undefined;
      const server = http.createServer(fastPath ? (req, res) => fastPath(req, res) || handler(req, res) : handler);
      server.keepAliveTimeout = 65_000;
      return server;
    },
  });

  app.decorateRequest('principal', null);
  app.decorateRequest('receivedAt', {
    getter(this: FastifyRequest) {
      return (this.raw as { wardenReceivedAt?: number }).wardenReceivedAt ?? 0;
    },
  });
  app.decorateRequest('rawBody', null);

  // One JSON parser for every content type: curl's default form type included.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const parsed: unknown = JSON.parse((body as Buffer).toString('utf8'));
      // Kept so an unchanged body can be forwarded as received, without serializing it again.
      req.rawBody = body as Buffer;
      done(null, parsed);
    } catch (err) {
      done(new WardenError('WARDEN_ERR_INVALID_JSON', `request body is not valid JSON: ${(err as Error).message}`) as unknown as FastifyError);
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const werr = toWardenError(err);
    if (werr.code === 'WARDEN_ERR_INTERNAL') logger.error({ err, reqId: req.id }, 'unhandled error');
    else logger.info({ reqId: req.id, ip: req.ip, url: req.url.split('?')[0], status: werr.status, errorCode: werr.code }, 'request rejected');
    void reply
      .code(werr.status)
      .header('x-request-id', req.id)
      .headers(werr.headers ?? {})
      .header('content-type', 'application/json')
      .send(errorBody(req, werr.code, werr.message));
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).header('x-request-id', req.id).send(errorBody(req, 'WARDEN_ERR_NOT_FOUND', `no route for ${req.method} ${req.url.split('?')[0]}`));
  });

  registerOpsRoutes(app, { store: deps.store, metrics: deps.metrics, state: deps.state });
  registerProxyRoutes(app, deps.proxy, deps.authenticator);
  registerAdminRoutes(app, {
    identity: deps.identity,
    adminTokenHash: deps.adminTokenHash,
    logger,
    usage: deps.usage,
    detection: deps.detection,
    audit: deps.audit,
    watermark: deps.watermark,
  });
  return app;
}

import type { Logger } from 'pino';
import { WardenError, isWardenError } from '../errors.js';
import type { EventSink, RequestEvent } from '../events/types.js';
import type { Principal } from '../identity/authenticator.js';
import type { GatewayMetrics } from '../ops/metrics.js';
import { spliceLeadingMembers, type ApiProtocol, type JsonObject, type PreparedBody, type StreamTracker } from './protocols/protocol.js';
import { SseParser, endsWithBlankLine, type SseEvent } from './sse.js';
import type { Outcome, RequestContext, Stage } from './stages.js';
import { fromUpstreamError, upstreamFailureKind } from './upstream-errors.js';
import type { ModelRouter } from './upstreams.js';
import type { ProxyReply, ProxyRequest } from './exchange.js';
import type { InflightRequests } from './inflight.js';
import { UpstreamCall, type UpstreamHead } from './upstream-call.js';

export interface ProxyDeps {
  router: ModelRouter;
  stages: readonly Stage[];
  events: EventSink;
  metrics: GatewayMetrics;
  logger: Logger;
  inflight: InflightRequests;
  maxResponseChars: number;
}

/** Status recorded when the client went away before its response ended (nginx's convention). */
const CLIENT_CLOSED = 499;

/** Headers of an upstream response that a client may rely on, renamed where Warden has its own. */
const PASSTHROUGH_HEADERS: ReadonlyArray<[string, string]> = [
  ['retry-after', 'retry-after'],
  ['x-request-id', 'x-upstream-request-id'],
  ['request-id', 'x-upstream-request-id'],
  ['openai-processing-ms', 'openai-processing-ms'],
  ['x-warden-simulated', 'x-warden-simulated'],
];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    receivedAt: number;
    rawBody: Buffer | null;
  }
}

/**
 * Forwards one model API request: validate, route, run stages, call the
 * upstream, relay the response (buffered or streamed), then record the
 * outcome. One function for both APIs; what differs lives in `protocol`.
 */
export async function proxyRequest(deps: ProxyDeps, protocol: ApiProtocol, req: ProxyRequest, reply: ProxyReply): Promise<void> {
  const principal = req.principal as Principal;
  const outcome: Outcome = { status: 0, errorCode: undefined, usage: null, text: '', clientAborted: false, latencyMs: 0 };
  const call = new UpstreamCall();
  const onClose = () => {
    if (!reply.raw.writableFinished) {
      outcome.clientAborted = true;
      call.abort();
    }
  };
  reply.raw.once('close', onClose);
  const release = deps.inflight.enter(call);
  let ctx: RequestContext | undefined;
  const body = isObject(req.body) ? req.body : undefined;
  try {
    if (!body) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', 'request body must be a JSON object');
    const { model, stream } = protocol.inspect(body);
    const route = deps.router.resolve(model, protocol.api);
    ctx = {
      id: req.id,
      api: protocol.api,
      endpoint: protocol.endpoint,
      receivedAt: req.receivedAt,
      principal,
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      model,
      stream,
      route,
      clientBody: body,
      body,
      tags: {},
      responseHeaders: {},
    };
    for (const stage of deps.stages) {
      // Synchronous stages cost no promise tick.
      const pending = stage.beforeForward?.(ctx);
      if (pending) await pending;
    }

    const upstream = route.upstream;
    const prepared = protocol.upstreamBody(ctx.body, route.upstreamModel);
    upstream.pool.dispatch(
      {
        method: 'POST',
        path: upstream.basePath + protocol.endpoint,
        headers: protocol.upstreamHeaders(req.headers, upstream.apiKey),
        body: upstreamPayload(prepared, body, ctx.body === body ? req.rawBody : null),
      },
      call,
    );
    const head = await call.head;
    if (head.statusCode >= 400 || !stream) {
      relayBuffered(deps, protocol, ctx, head, await call.body(), reply, outcome);
    } else {
      await relayStream(deps, protocol, ctx, head, call, reply, outcome, prepared.injectedUsage);
    }
  } catch (err) {
    fail(deps, protocol, req.id, ctx, err, reply, outcome);
  } finally {
    reply.raw.off('close', onClose);
    release();
    finish(deps, protocol, req, ctx, body, outcome);
  }
}

/** The bytes to send upstream: the client's own when nothing changed, spliced when only members were added. */
function upstreamPayload(prepared: PreparedBody, clientBody: JsonObject, clientRaw: Buffer | null): Buffer | string {
  if (clientRaw !== null) {
    // upstreamBody returns the very same object when it changed nothing.
    if (prepared.body === clientBody) return clientRaw;
    if (prepared.leadingMembers !== undefined) {
      const spliced = spliceLeadingMembers(clientRaw, prepared.leadingMembers);
      if (spliced) return spliced;
    }
  }
  return JSON.stringify(prepared.body);
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function upstreamHeaders(head: UpstreamHead): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of PASSTHROUGH_HEADERS) {
    const v = head.headers[from];
    if (typeof v === 'string') out[to] = v;
  }
  return out;
}

function relayBuffered(
  deps: ProxyDeps,
  protocol: ApiProtocol,
  ctx: RequestContext,
  head: UpstreamHead,
  raw: Buffer,
  reply: ProxyReply,
  outcome: Outcome,
): void {
  reply.code(head.statusCode).header('x-request-id', ctx.id).headers(upstreamHeaders(head)).headers(ctx.responseHeaders);
  outcome.status = head.statusCode;
  if (head.statusCode >= 400) {
    // The upstream's own error passes through unchanged: status and body.
    deps.metrics.upstreamErrors.inc({ upstream: ctx.route.upstream.name, kind: `status_${head.statusCode}` });
    outcome.errorCode = `upstream_${head.statusCode}`;
    const type = head.headers['content-type'];
    reply.header('content-type', typeof type === 'string' ? type : 'application/json').send(raw);
    return;
  }
  let json: JsonObject | undefined;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (isObject(parsed)) json = parsed;
  } catch {
    // handled below
  }
  if (!json) {
    throw new WardenError('WARDEN_ERR_UPSTREAM_PROTOCOL', `upstream "${ctx.route.upstream.name}" returned a response that is not a JSON object`);
  }
  let out = json;
  for (const stage of deps.stages) if (stage.transformResponse) out = stage.transformResponse(ctx, out) ?? out;
  const summary = protocol.summarize(out, deps.maxResponseChars);
  outcome.usage = summary.usage;
  outcome.text = summary.text;
  reply.header('content-type', 'application/json');
  reply.send(out === json ? raw : JSON.stringify(out));
}

async function relayStream(
  deps: ProxyDeps,
  protocol: ApiProtocol,
  ctx: RequestContext,
  head: UpstreamHead,
  call: UpstreamCall,
  reply: ProxyReply,
  outcome: Outcome,
  injectedUsage: boolean,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': ctx.id,
    ...upstreamHeaders(head),
    ...ctx.responseHeaders,
  });
  outcome.status = 200;
  const transformers = deps.stages.filter((s) => (s.transformStreamEvent || s.endStream) && (s.transformsStream?.(ctx) ?? true));
  // When stages rewrite the stream (watermarks, redaction), the event records the text the client got,
  // read off the outgoing events; the tracker of the upstream's events then keeps only usage and state.
  const delivered = transformers.length > 0 ? protocol.streamTracker(injectedUsage, deps.maxResponseChars) : undefined;
  const tracker = protocol.streamTracker(injectedUsage, delivered ? 0 : deps.maxResponseChars);
  const parser = new SseParser();
  // Backpressure: when the client's socket is full, pause the upstream until it drains.
  const resume = () => call.resume();
  raw.on('drain', resume);
  try {
    await call.stream((chunk) => {
      if (raw.destroyed) return true;
      // Fast lane: a chunk of whole content events is accounted for in one scan and sent as it came.
      if (transformers.length === 0 && parser.atBoundary && endsWithBlankLine(chunk) && tracker.passThrough(chunk.toString('utf8'))) {
        return raw.write(chunk);
      }
      const aligned = !parser.holding;
      let out = '';
      let rawLength = 0;
      for (const event of parser.push(chunk)) {
        rawLength += event.raw.length;
        out += relayEvent(protocol, ctx, tracker, transformers, event, delivered);
      }
      if (out.length === 0 || raw.destroyed) return true;
      // A chunk of whole events passed through unchanged goes out as the bytes that came in.
      const unchanged = aligned && !parser.holding && transformers.length === 0 && out.length === rawLength && !chunk.includes(13);
      return raw.write(unchanged ? chunk : out);
    });
    const rest = parser.rest();
    if (rest.trim().length > 0 && !raw.destroyed) raw.write(rest);
  } finally {
    raw.off('drain', resume);
    const summary = tracker.summary();
    outcome.usage = summary.usage;
    outcome.text = delivered ? delivered.summary().text : summary.text;
  }
  if (tracker.upstreamError !== undefined) {
    outcome.status = 502;
    outcome.errorCode = 'upstream_stream_error';
    deps.metrics.upstreamErrors.inc({ upstream: ctx.route.upstream.name, kind: 'stream_error_event' });
  }
  raw.end();
}

function relayEvent(
  protocol: ApiProtocol,
  ctx: RequestContext,
  tracker: StreamTracker,
  transformers: readonly Stage[],
  event: SseEvent,
  delivered: StreamTracker | undefined,
): string {
  const wasDone = tracker.done;
  if (!tracker.observe(event)) return '';
  if (transformers.length === 0) return event.raw;
  let events: SseEvent[] = [event];
  for (const stage of transformers) {
    if (!stage.transformStreamEvent) continue;
    const next: SseEvent[] = [];
    for (const e of events) next.push(...(stage.transformStreamEvent(ctx, e, protocol.parseEventData(e)) ?? [e]));
    events = next;
  }
  if (!wasDone && tracker.done) {
    // The terminal event: let stages flush what they held back, before it.
    const flushed: SseEvent[] = [];
    for (const stage of transformers) flushed.push(...(stage.endStream?.(ctx) ?? []));
    events = [...flushed, ...events];
  }
  let out = '';
  for (const e of events) {
    delivered?.observe(e);
    out += e.raw;
  }
  return out;
}

function fail(
  deps: ProxyDeps,
  protocol: ApiProtocol,
  requestId: string,
  ctx: RequestContext | undefined,
  err: unknown,
  reply: ProxyReply,
  outcome: Outcome,
): void {
  if (outcome.clientAborted) {
    outcome.status = CLIENT_CLOSED;
    outcome.errorCode = 'client_closed';
    if (!reply.sent && !reply.raw.headersSent) reply.hijack();
    return;
  }
  const upstreamName = ctx?.route.upstream.name ?? 'none';
  const werr = isWardenError(err) ? err : fromUpstreamError(err, upstreamName);
  const kind = upstreamFailureKind(err);
  if (kind) deps.metrics.upstreamErrors.inc({ upstream: upstreamName, kind });
  if (werr.code === 'WARDEN_ERR_INTERNAL') deps.logger.error({ err, reqId: requestId }, 'request failed');
  outcome.status = werr.status;
  outcome.errorCode = werr.code;
  const raw = reply.raw;
  if (raw.headersSent) {
    // Mid-stream: the status line is gone, so end the stream with an in-band error event.
    if (!raw.destroyed) raw.end(protocol.streamError(werr.code, werr.message));
    return;
  }
  reply
    .code(werr.status)
    .header('x-request-id', requestId)
    .headers({ ...(ctx?.responseHeaders ?? {}), ...(werr.headers ?? {}) })
    .header('content-type', 'application/json')
    .send(protocol.errorBody(werr.code, werr.message));
}

function finish(
  deps: ProxyDeps,
  protocol: ApiProtocol,
  req: ProxyRequest,
  ctx: RequestContext | undefined,
  body: JsonObject | undefined,
  outcome: Outcome,
): void {
  const principal = req.principal as Principal;
  outcome.latencyMs = Date.now() - req.receivedAt;
  const event: RequestEvent = {
    type: 'request',
    ts: new Date(req.receivedAt).toISOString(),
    id: req.id,
    account: principal.account.id,
    key: principal.key.id,
    ip: req.ip,
    endpoint: protocol.endpoint,
    body: body ?? {},
    status: outcome.status,
    latency_ms: outcome.latencyMs,
  };
  const ua = req.headers['user-agent'];
  if (ua !== undefined) event.user_agent = ua;
  if (principal.account.orgId !== null) event.org = principal.account.orgId;
  if (ctx) {
    event.model = ctx.model;
    event.upstream = ctx.route.upstream.name;
    event.stream = ctx.stream;
    for (const _ in ctx.tags) {
      event.tags = ctx.tags;
      break;
    }
  }
  if (outcome.usage || outcome.text.length > 0) {
    event.response = { text: outcome.text, usage: outcome.usage ?? { prompt_tokens: 0, completion_tokens: 0 } };
  }
  if (outcome.errorCode !== undefined) event.error_code = outcome.errorCode;

  if (ctx) {
    for (const stage of deps.stages) {
      if (!stage.afterCompletion) continue;
      try {
        stage.afterCompletion(ctx, outcome, event);
      } catch (err) {
        deps.metrics.stageErrors.inc({ stage: stage.name });
        deps.logger.error({ err, stage: stage.name, reqId: req.id }, 'stage afterCompletion failed');
      }
    }
  }
  deps.events.emit(event);

  deps.metrics.recordRequest(
    protocol.api,
    ctx?.route.routeName ?? 'none',
    outcome.status,
    ctx?.stream ?? false,
    outcome.latencyMs / 1000,
    outcome.usage?.prompt_tokens ?? 0,
    outcome.usage?.completion_tokens ?? 0,
  );
  deps.logger.info(
    {
      reqId: req.id,
      api: protocol.api,
      account: principal.account.id,
      org: principal.account.orgId ?? undefined,
      key: principal.key.id,
      ip: req.ip,
      model: ctx?.model.slice(0, 100),
      upstream: ctx?.route.upstream.name,
      stream: ctx?.stream,
      status: outcome.status,
      errorCode: outcome.errorCode,
      latencyMs: outcome.latencyMs,
      tokensIn: outcome.usage?.prompt_tokens,
      tokensOut: outcome.usage?.completion_tokens,
    },
    'request',
  );
}

import type { Principal } from '../identity/authenticator.js';
import type { RequestEvent, Usage } from '../events/types.js';
import type { ApiName, JsonObject } from './protocols/protocol.js';
import type { SseEvent } from './sse.js';
import type { ResolvedRoute } from './upstreams.js';

/** Everything a stage may know about one request while it is in flight. */
export interface RequestContext {
  readonly id: string;
  readonly api: ApiName;
  readonly endpoint: string;
  /** Epoch ms when Warden received the request; the event's `ts`. */
  readonly receivedAt: number;
  readonly principal: Principal;
  readonly ip: string;
  readonly userAgent: string | undefined;
  readonly model: string;
  readonly stream: boolean;
  readonly route: ResolvedRoute;
  /** The body exactly as the client sent it. Never mutate it. */
  readonly clientBody: JsonObject;
  /** The body to forward. Stages replace it (copy on write) to alter the request. */
  body: JsonObject;
  /** Annotations (limit state, risk, degradations) recorded on the request event. */
  readonly tags: Record<string, unknown>;
  /** Headers added to the client's response (success or error). */
  readonly responseHeaders: Record<string, string>;
}

export interface Outcome {
  status: number;
  errorCode: string | undefined;
  usage: Usage | null;
  text: string;
  /** True when the client went away before the response finished. */
  clientAborted: boolean;
  latencyMs: number;
}

/**
 * A control on the request path (rate limits, detection, output governance,
 * audit). Every hook is optional; hooks run in stage order.
 *
 * - beforeForward: may reject (throw a WardenError), replace `ctx.body`, add tags
 *   or response headers. Runs before any upstream cost is incurred.
 * - transformResponse: non-streaming success body; return a replacement or nothing.
 * - transformStreamEvent: each complete SSE event of a successful stream; return
 *   the events to send instead (an empty array drops it) or nothing to keep it.
 * - endStream: events to send before the stream's end (flush look-ahead buffers).
 * - transformsStream: whether the stream hooks want this request's stream; a
 *   stream no stage wants keeps the relay's fast lane (chunks sent as they came,
 *   events never parsed). Omitted: every stream.
 * - afterCompletion: always called once for every request that reached the
 *   stages (including rejected, failed and aborted ones) with the final outcome
 *   and the normalized event. Must not throw; errors are logged and ignored.
 */
export interface Stage {
  readonly name: string;
  beforeForward?(ctx: RequestContext): void | Promise<void>;
  transformResponse?(ctx: RequestContext, body: JsonObject): JsonObject | void;
  transformStreamEvent?(ctx: RequestContext, event: SseEvent, json: JsonObject | undefined): SseEvent[] | void;
  endStream?(ctx: RequestContext): SseEvent[] | void;
  transformsStream?(ctx: RequestContext): boolean;
  afterCompletion?(ctx: RequestContext, outcome: Outcome, event: RequestEvent): void;
}

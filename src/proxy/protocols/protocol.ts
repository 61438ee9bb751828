import { WardenError, type ErrorCode } from '../../errors.js';
import type { Usage } from '../../events/types.js';
import type { SseEvent } from '../sse.js';

export type ApiName = 'openai' | 'anthropic';
export type JsonObject = Record<string, unknown>;

/** What a completed (or aborted) response told us. */
export interface ResponseSummary {
  usage: Usage | null;
  text: string;
}

/**
 * Follows one upstream stream: accumulates usage and text, and says whether
 * each event goes on to the client. Trackers parse only the few events that
 * carry usage or errors; text is picked out of the raw data, because parsing
 * every delta of every stream was a large share of Warden's CPU.
 */
export interface StreamTracker {
  /** Returns false for an event the client must not see (e.g. usage it did not ask for). */
  observe(event: SseEvent): boolean;
  /**
   * Takes in a whole chunk of complete events at once when it holds nothing
   * but content (no usage, error or terminal event), so the chunk can go to
   * the client as it came; returns false, having done nothing, otherwise.
   */
  passThrough(chunk: string): boolean;
  /** True once the protocol's terminal event was seen. */
  readonly done: boolean;
  /** An error event the upstream sent in-band, if any. */
  readonly upstreamError: string | undefined;
  summary(): ResponseSummary;
}

export interface PreparedBody {
  body: JsonObject;
  /** Whether Warden added usage reporting the client did not ask for. */
  injectedUsage: boolean;
  /**
   * When set, `body` equals the client's body with these members added first,
   * so the client's raw bytes can be forwarded with this text spliced in
   * instead of serializing the whole body again.
   */
  leadingMembers?: string;
}

/**
 * The client's raw JSON object with `members` (`"k":v,` text) inserted after
 * its opening brace; undefined when the raw text is not shaped for it.
 */
export function spliceLeadingMembers(raw: Buffer, members: string): Buffer | undefined {
  let i = 0;
  while (i < raw.length && (raw[i] === 0x20 || raw[i] === 0x0a || raw[i] === 0x0d || raw[i] === 0x09)) i++;
  if (raw[i] !== 0x7b /* { */) return undefined;
  let j = i + 1;
  while (j < raw.length && (raw[j] === 0x20 || raw[j] === 0x0a || raw[j] === 0x0d || raw[j] === 0x09)) j++;
  if (raw[j] !== 0x22 /* " */) return undefined;
  return Buffer.concat([raw.subarray(0, i + 1), Buffer.from(members), raw.subarray(i + 1)]);
}

/**
 * Everything that differs between the OpenAI and Anthropic wire APIs, in one
 * place per API, so the forwarding code is shared.
 */
export interface ApiProtocol {
  readonly api: ApiName;
  readonly endpoint: string;
  errorBody(code: ErrorCode, message: string): JsonObject;
  /** Minimal validation of the client's body; throws WARDEN_ERR_INVALID_REQUEST. */
  inspect(body: JsonObject): { model: string; stream: boolean };
  /** The body to send upstream and whether Warden added usage reporting the client did not ask for. */
  upstreamBody(body: JsonObject, upstreamModel: string | undefined): PreparedBody;
  upstreamHeaders(clientHeaders: Record<string, string | string[] | undefined>, apiKey: string | undefined): Record<string, string>;
  summarize(response: JsonObject, maxChars: number): ResponseSummary;
  streamTracker(injectedUsage: boolean, maxChars: number): StreamTracker;
  /** The in-band error event that ends a client stream when the upstream fails mid-stream. */
  streamError(code: ErrorCode, message: string): string;
  /** The `data` of an event, parsed when the protocol needs it; undefined for non-JSON data. */
  parseEventData(event: SseEvent): JsonObject | undefined;
}

/** Appends to a bounded text accumulator. */
export function appendCapped(current: string, piece: unknown, maxChars: number): string {
  if (typeof piece !== 'string' || piece.length === 0 || current.length >= maxChars) return current;
  const next = current + piece;
  return next.length > maxChars ? next.slice(0, maxChars) : next;
}

/**
 * Appends the value of every `"key":"…"` string field found in a JSON text.
 * Sound without a parser because a JSON string never holds an unescaped quote,
 * so `"key":"` can only be a real key followed by a string value.
 */
export function appendStringFields(current: string, json: string, key: string, maxChars: number): string {
  const marker = `"${key}":"`;
  let out = current;
  for (let at = json.indexOf(marker); at !== -1 && out.length < maxChars; at = json.indexOf(marker, at + 1)) {
    const start = at + marker.length - 1;
    let end = start + 1;
    for (;;) {
      end = json.indexOf('"', end);
      if (end === -1) return out;
      let slashes = 0;
      while (json.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes++;
      if (slashes % 2 === 0) break;
      end++;
    }
    const literal = json.slice(start, end + 1);
    out = appendCapped(out, literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1), maxChars);
    at = end;
  }
  return out;
}

export function tryParseObject(data: string): JsonObject | undefined {
  if (data.length === 0 || data.charCodeAt(0) !== 123 /* { */) return undefined;
  try {
    const v: unknown = JSON.parse(data);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function requireModel(body: JsonObject): string {
  const model = body['model'];
  if (typeof model !== 'string' || model.length === 0) throw invalid('"model" is required and must be a non-empty string');
  return model;
}

export function requireStreamFlag(body: JsonObject): boolean {
  const stream = body['stream'];
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') throw invalid('"stream" must be a boolean');
  return stream === true;
}

export function requireMessages(body: JsonObject): unknown[] {
  const messages = body['messages'];
  if (!Array.isArray(messages)) throw invalid('"messages" is required and must be an array');
  return messages;
}

function invalid(message: string): WardenError {
  return new WardenError('WARDEN_ERR_INVALID_REQUEST', message);
}

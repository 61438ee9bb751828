/**
 * What an API handler returns, and the error bodies of each API's shape.
 * Handlers are pure (request JSON in, Reply out); the server does the I/O.
 */

export type Api = 'openai' | 'anthropic';

export type Reply =
  /** A complete JSON response. */
  | { kind: 'json'; status: number; body: string; retryAfter?: boolean }
  /** An SSE stream: pre-rendered frames, written in order. */
  | { kind: 'stream'; frames: string[] };

/** Per-request inputs shared by both API handlers. */
export interface GenContext {
  /** Server-level seed (SimOptions.seed). */
  seed: number;
  /** `[sim:tokens=N]` directive, if any. */
  tokens: number | undefined;
  /** Unique suffix for response ids. */
  id: string;
}

const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_error',
};

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** `{"error":{"message","type","param":null,"code"}}` */
export function openaiErrorBody(status: number, message: string, code: string | null = null): string {
  const type = OPENAI_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  return JSON.stringify({ error: { message, type, param: null, code } });
}

/** `{"type":"error","error":{"type","message"}}` */
export function anthropicErrorBody(status: number, message: string): string {
  const type = ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return JSON.stringify({ type: 'error', error: { type, message } });
}

export function errorReply(api: Api, status: number, message: string, code: string | null = null): Reply {
  const body = api === 'openai' ? openaiErrorBody(status, message, code) : anthropicErrorBody(status, message);
  return status === 429 ? { kind: 'json', status, body, retryAfter: true } : { kind: 'json', status, body };
}

export function jsonReply(value: unknown): Reply {
  return { kind: 'json', status: 200, body: JSON.stringify(value) };
}

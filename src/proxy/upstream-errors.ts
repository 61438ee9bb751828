import { WardenError } from '../errors.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

function codeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TIMEOUT_CODES.has(code) || UNAVAILABLE_CODES.has(code))) return code;
    if (e instanceof AggregateError && e.errors.length > 0) return codeOf(e.errors[0]);
  }
  return undefined;
}

/** The kind of upstream failure, for metrics; undefined when `err` is not an upstream network failure. */
export function upstreamFailureKind(err: unknown): 'timeout' | 'unavailable' | undefined {
  const code = codeOf(err);
  if (code === undefined) return undefined;
  return TIMEOUT_CODES.has(code) ? 'timeout' : 'unavailable';
}

/** Maps an undici/network error to the WardenError a client sees. */
export function fromUpstreamError(err: unknown, upstream: string): WardenError {
  if (err instanceof WardenError) return err;
  // Not the client (that is handled before): Warden cancelled the call, i.e. shutdown ran out of grace.
  if ((err as { code?: unknown } | null)?.code === 'UND_ERR_ABORTED') {
    return new WardenError('WARDEN_ERR_UNAVAILABLE', 'the request was cancelled because Warden is shutting down', { cause: err });
  }
  const kind = upstreamFailureKind(err);
  if (kind === 'timeout') {
    return new WardenError('WARDEN_ERR_UPSTREAM_TIMEOUT', `upstream "${upstream}" did not respond in time`, { cause: err });
  }
  if (kind === 'unavailable') {
    return new WardenError('WARDEN_ERR_UPSTREAM_UNAVAILABLE', `upstream "${upstream}" is unreachable or closed the connection (${codeOf(err)})`, {
      cause: err,
    });
  }
  return new WardenError('WARDEN_ERR_INTERNAL', 'internal error while proxying the request', { cause: err });
}

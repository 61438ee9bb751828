import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets never reach a log line because Warden never
 * logs request headers, bodies or key material; these top-level names are
 * redacted as a second line of defence. Wildcard paths are left out on
 * purpose: pino checks them on every call, on the hot path.
 */
export const REDACT_PATHS = ['authorization', 'secret', 'adminToken', 'apiKey', 'body', 'messages', 'prompt', 'headers'];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  // Synchronous writes, as pino's default: an asynchronous write per line costs far more CPU.
  const dest = destination ?? pino.destination({ dest: 1, sync: true });
  return pino({ level, base: { service: 'warden' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, dest);
}

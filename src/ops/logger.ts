import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets never reach a log line: request headers are
 * not logged at all, and these paths are redacted in case an object carrying
 * them is logged by mistake.
 */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'x-api-key',
  '*["x-api-key"]',
  'secret',
  '*.secret',
  'adminToken',
  '*.adminToken',
  'body',
  '*.body',
  'messages',
  '*.messages',
  'prompt',
  '*.prompt',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const dest = destination ?? pino.destination({ dest: 1, sync: false });
  return pino({ level, base: { service: 'warden' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, dest);
}

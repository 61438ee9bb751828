import type { FastifyInstance } from 'fastify';
import { WardenError } from '../errors.js';
import type { IdentityService } from '../identity/service.js';
import type { MasterKey } from '../watermark/keys.js';
import type { Lexicon } from '../watermark/lexicon.js';
import { MAX_INPUT_BYTES, traceProvenance, traceText } from '../watermark/trace.js';

/** What tracing needs from the server's watermark configuration: its key versions (read on each call, so rotations show) and channels. */
export interface WatermarkTracing {
  keys: () => readonly MasterKey[];
  lexicon: Lexicon;
}

interface TraceBody {
  text?: unknown;
  account?: unknown;
  alpha?: unknown;
}

/** A JSON string of 64 Mi characters can take more bytes than that once escaped: room for the escapes and the other fields. */
const BODY_LIMIT = 2 * MAX_INPUT_BYTES;

/** The text and options of a trace request, checked as `warden watermark` checks its input. */
function parseTrace(body: TraceBody | undefined): { text: string; account: string | undefined; alpha: number } {
  const text = body?.text;
  if (typeof text !== 'string' || text.length === 0) throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', 'text must be a non-empty string');
  if (text.length > MAX_INPUT_BYTES) throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', `text is ${text.length} characters; at most ${MAX_INPUT_BYTES} are read (split it)`);
  if (text.includes('\u0000')) throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', 'text holds NUL characters: it is binary, not text');
  const account = body?.account;
  if (account !== undefined && (typeof account !== 'string' || account === '')) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', 'account must be a non-empty string');
  const alpha = body?.alpha ?? 1e-6;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw new WardenError('WARDEN_ERR_INVALID_REQUEST', 'alpha must be a probability between 0 and 1');
  return { text, account, alpha };
}

/**
 * `/admin/watermark/...` (inside the admin token guard): leak tracing and the
 * provenance test over the server's accounts and watermark key versions,
 * for tools that reach the server rather than its data directory.
 */
export function registerWatermarkRoutes(admin: FastifyInstance, identity: IdentityService, watermark: WatermarkTracing): void {
  const { keys, lexicon } = watermark;
  const accountsOf = (account: string | undefined) => (account === undefined ? identity.accountIds() : [account]);
  admin.post<{ Body: TraceBody }>('/watermark/detect', { bodyLimit: BODY_LIMIT }, async (req) => {
    const { text, account, alpha } = parseTrace(req.body);
    return traceText(text, accountsOf(account), keys(), alpha, lexicon);
  });
  admin.post<{ Body: TraceBody }>('/watermark/provenance', { bodyLimit: BODY_LIMIT }, async (req) => {
    const { text, account, alpha } = parseTrace(req.body);
    return traceProvenance(text, accountsOf(account), keys(), alpha, lexicon);
  });
}

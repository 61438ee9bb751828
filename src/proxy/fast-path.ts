import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { WardenError, isWardenError } from '../errors.js';
import type { Authenticator } from '../identity/authenticator.js';
import type { OpsState } from '../ops/routes.js';
import { LeanReply, type ProxyRequest } from './exchange.js';
import { proxyRequest, type ProxyDeps } from './forward.js';
import { anthropicProtocol } from './protocols/anthropic.js';
import { openAiProtocol } from './protocols/openai.js';
import type { ApiProtocol } from './protocols/protocol.js';
import { uuidV7 } from '../util/uuid7.js';

export interface FastPathDeps {
  proxy: ProxyDeps;
  authenticator: Authenticator;
  bodyLimitBytes: number;
  state: OpsState;
  logger: Logger;
}

const ROUTES: Record<string, ApiProtocol> = {
  [openAiProtocol.endpoint]: openAiProtocol,
  [anthropicProtocol.endpoint]: anthropicProtocol,
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidV7();
}

/** Both SDKs' ways of sending a key; each API's own header first. */
export function presentedKey(headers: IncomingHttpHeaders, preferAnthropic: boolean): string | undefined {
  const auth = headers.authorization;
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  const xApiKey = headers['x-api-key'];
  const header = typeof xApiKey === 'string' ? xApiKey.trim() : undefined;
  return preferAnthropic ? (header ?? bearer) : (bearer ?? header);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    req.once('error', reject);
    // A client that goes away mid-upload must not leave this promise pending forever.
    req.once('close', () => {
      if (!req.complete) reject(new WardenError('WARDEN_ERR_INVALID_REQUEST', 'client closed the connection before sending the whole body'));
    });
  });
}

function tooLarge(limit: number): WardenError {
  return new WardenError('WARDEN_ERR_BODY_TOO_LARGE', `request body is larger than ${limit} bytes`);
}

/**
 * The two model endpoints served straight from node:http, in front of
 * Fastify: the same authentication, body limit, JSON parsing, error shapes
 * and forwarding code, without Fastify's per-request lifecycle, which cost
 * about a third of Warden's overhead over a bare proxy. Everything else
 * (admin, ops, other methods, URLs with a query string) goes to Fastify.
 * Returns false for a request it does not take.
 */
export function createFastPath(deps: FastPathDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const protocol = ROUTES[req.url ?? ''];
    if (protocol === undefined) return false;
    void serve(deps, protocol, req, res);
    return true;
  };
}

async function serve(deps: FastPathDeps, protocol: ApiProtocol, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = Date.now();
  const id = requestIdFrom(req.headers['x-request-id']);
  const reply = new LeanReply(res);
  try {
    if (deps.state.draining) throw new WardenError('WARDEN_ERR_UNAVAILABLE', 'server is shutting down');
    const presented = presentedKey(req.headers, protocol.api === 'anthropic');
    const principal = deps.authenticator.fromCache(presented) ?? (await deps.authenticator.authenticate(presented));
    const rawBody = await readBody(req, deps.bodyLimitBytes);
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch (err) {
      throw new WardenError('WARDEN_ERR_INVALID_JSON', `request body is not valid JSON: ${(err as Error).message}`);
    }
    const request: ProxyRequest = { id, ip: req.socket.remoteAddress ?? '', headers: req.headers, body, rawBody, principal, receivedAt };
    await proxyRequest(deps.proxy, protocol, request, reply);
  } catch (err) {
    const werr = isWardenError(err) ? err : new WardenError('WARDEN_ERR_INTERNAL', 'internal error', { cause: err });
    if (werr.code === 'WARDEN_ERR_INTERNAL') deps.logger.error({ err, reqId: id }, 'unhandled error');
    else deps.logger.info({ reqId: id, ip: req.socket.remoteAddress, url: req.url, status: werr.status, errorCode: werr.code }, 'request rejected');
    if (res.headersSent || res.destroyed) return;
    // An unread body (too large, or refused before reading) must not be parsed as the next request.
    if (!req.complete) reply.header('connection', 'close');
    reply.code(werr.status).header('x-request-id', id).headers(werr.headers ?? {}).send(protocol.errorBody(werr.code, werr.message));
  }
}

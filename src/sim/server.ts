/**
 * Warden's simulated model upstream: a fast, clearly-labelled (x-warden-simulated,
 * system_fingerprint "warden-sim", text starting "[simulated] ") stand-in for the
 * OpenAI Chat Completions and Anthropic Messages APIs. Used by tests, benchmarks,
 * and as the built-in upstream when none is configured.
 *
 * Raw node:http; request handling is closure-free on the hot path (per-request
 * state lives in one object attached to the request). Fault controls: see
 * directives.ts and SimOptions.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { countTokens, createMessage } from './anthropic.js';
import { lastUserText, parseDirectives, type Directives } from './directives.js';
import { chatCompletion } from './openai.js';
import { errorReply, type Api, type GenContext, type Reply } from './reply.js';
import { writeStream } from './stream.js';
import { Prng } from './text.js';

export interface SimOptions {
  /** Delay before every response (overridden by `[sim:latency=MS]`). */
  latencyMs?: number;
  /** Delay between stream chunks (overridden by `[sim:chunk-delay=MS]`). */
  chunkDelayMs?: number;
  /** Fraction (0..1) of API requests answered with 500, reproducibly chosen from `seed`. */
  failRate?: number;
  /** Seed for generated text and for failRate decisions. Default 0. */
  seed?: number;
  /** Models listed by GET /v1/models. Default: warden-sim, warden-sim-large. */
  models?: string[];
}

export interface SimServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export const DEFAULT_SIM_MODELS: readonly string[] = ['warden-sim', 'warden-sim-large'];
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MODELS_CREATED = 1735689600; // 2025-01-01T00:00:00Z

/** Immutable per-server configuration + mutable counters. */
interface Sim {
  latencyMs: number;
  chunkDelayMs: number;
  failRate: number;
  seed: number;
  failRng: Prng;
  counter: number;
  idPrefix: string;
  openaiModels: string;
  anthropicModels: string;
}

/** Per-request state, attached to the IncomingMessage (no closures needed). */
interface Pending {
  sim: Sim;
  res: ServerResponse;
  api: Api;
  route: Route;
  chunks: Buffer[] | undefined;
  first: Buffer | undefined;
  size: number;
  timer: NodeJS.Timeout | undefined;
}
type Route = 'chat' | 'messages' | 'count_tokens';

const STATE = Symbol('simPending');
type Req = IncomingMessage & { [STATE]?: Pending };
type Res = ServerResponse & { [STATE]?: Pending };

const JSON_TYPE = 'application/json';

// ---------------------------------------------------------------- responses

function send(res: ServerResponse, status: number, body: string, retryAfter?: boolean): void {
  const headers: Record<string, string | number> = {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-warden-simulated': 'true',
  };
  if (retryAfter) headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(body);
}

function sendError(res: ServerResponse, api: Api, status: number, message: string, code: string | null = null): void {
  const r = errorReply(api, status, message, code);
  if (r.kind === 'json') send(res, r.status, r.body, r.retryAfter);
}

// ---------------------------------------------------------------- routing

function onRequest(this: http.Server, req: Req, res: ServerResponse): void {
  const sim = (this as http.Server & { [STATE]: Sim })[STATE];
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const method = req.method;

  let route: Route | undefined;
  let api: Api = 'openai';
  if (path === '/v1/chat/completions') route = 'chat';
  else if (path === '/v1/messages') (route = 'messages'), (api = 'anthropic');
  else if (path === '/v1/messages/count_tokens') (route = 'count_tokens'), (api = 'anthropic');

  if (route !== undefined) {
    if (method !== 'POST') {
      req.resume();
      return sendError(res, api, 405, `Method ${method} not allowed on ${path}`, 'method_not_allowed');
    }
    const p: Pending = { sim, res, api, route, chunks: undefined, first: undefined, size: 0, timer: undefined };
    req[STATE] = p;
    req.on('data', onData);
    req.on('end', onEnd);
    return;
  }

  req.resume();
  const anthropic = req.headers['anthropic-version'] !== undefined || path.startsWith('/v1/messages');
  if (method === 'GET' && path === '/healthz') return send(res, 200, '{"status":"ok","simulated":true}');
  if (method === 'GET' && path === '/v1/models') return send(res, 200, anthropic ? sim.anthropicModels : sim.openaiModels);
  sendError(res, anthropic ? 'anthropic' : 'openai', 404, `Unknown request URL: ${method} ${path}`, 'unknown_url');
}

function onData(this: Req, chunk: Buffer): void {
  const p = this[STATE];
  if (!p) return;
  p.size += chunk.length;
  if (p.size > MAX_BODY_BYTES) {
    this[STATE] = undefined;
    this.resume();
    sendError(p.res, p.api, 413, 'Request body too large', 'request_too_large');
    return;
  }
  if (p.first === undefined) p.first = chunk;
  else (p.chunks ??= [p.first]).push(chunk);
}

function onEnd(this: Req): void {
  const p = this[STATE];
  if (!p) return;
  this[STATE] = undefined;
  const raw = p.chunks ? Buffer.concat(p.chunks).toString('utf8') : p.first ? p.first.toString('utf8') : '';
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return sendError(p.res, p.api, 400, 'We could not parse the JSON body of your request.', 'invalid_json');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return sendError(p.res, p.api, 400, 'The request body must be a JSON object.', 'invalid_request');
  }
  handleApi(p, body as Record<string, unknown>);
}

// ---------------------------------------------------------------- API requests

function handleApi(p: Pending, body: Record<string, unknown>): void {
  const { sim, res } = p;
  if (p.route === 'count_tokens') {
    const r = countTokens(body);
    if (r.kind === 'json') send(res, r.status, r.body);
    return;
  }
  const messages = body.messages;
  const d: Directives | undefined = Array.isArray(messages) ? parseDirectives(lastUserText(messages)) : undefined;
  const ctx: GenContext = { seed: sim.seed, tokens: d?.tokens, id: sim.idPrefix + (++sim.counter).toString(36) };
  const reply = p.route === 'chat' ? chatCompletion(body, ctx) : createMessage(body, ctx);

  // Validation errors are answered at once; faults only apply to valid requests.
  if (reply.kind === 'json' && reply.status !== 200) return send(res, reply.status, reply.body, reply.retryAfter);

  let fail = d?.fail;
  if (fail === undefined && sim.failRate > 0 && sim.failRng.next() < sim.failRate) fail = 500;
  const latency = d?.latencyMs ?? sim.latencyMs;
  const job: Job = { p, reply, fail, chunkDelayMs: d?.chunkDelayMs ?? sim.chunkDelayMs };
  if (latency > 0) {
    (res as Res)[STATE] = p;
    res.on('close', onClosedWhileWaiting);
    p.timer = setTimeout(respond, latency, job);
    return;
  }
  respond(job);
}

interface Job {
  p: Pending;
  reply: Reply;
  fail: Directives['fail'];
  chunkDelayMs: number;
}

function onClosedWhileWaiting(this: Res): void {
  const p = this[STATE];
  if (p?.timer) clearTimeout(p.timer);
  this[STATE] = undefined;
}

function respond(job: Job): void {
  const { p, reply, fail } = job;
  const res = p.res;
  p.timer = undefined;
  if (res.destroyed) return;
  if (fail === 'reset') {
    res.destroy();
    return;
  }
  if (fail === 'hang') return; // Never answer; close() or the client ends it.
  if (typeof fail === 'number') {
    return sendError(res, p.api, fail, `Simulated failure (HTTP ${fail})`, 'simulated_failure');
  }
  if (reply.kind === 'json') {
    if (fail === 'midstream') {
      // Headers and half the body, then drop the connection.
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(reply.body), 'x-warden-simulated': 'true' });
      res.write(reply.body.slice(0, reply.body.length >> 1), () => res.destroy());
      return;
    }
    return send(res, reply.status, reply.body);
  }
  const cutAfter = fail === 'midstream' ? Math.min(2 + (reply.frames.length & 1), reply.frames.length - 1) : undefined;
  writeStream(res, reply.frames, job.chunkDelayMs, cutAfter);
}

// ---------------------------------------------------------------- lifecycle

function displayName(id: string): string {
  return id
    .split(/[-_]/)
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

function modelLists(models: readonly string[]): { openai: string; anthropic: string } {
  const openai = JSON.stringify({
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: MODELS_CREATED, owned_by: 'warden-sim' })),
  });
  const created_at = new Date(MODELS_CREATED * 1000).toISOString().replace('.000Z', 'Z');
  const anthropic = JSON.stringify({
    data: models.map((id) => ({ type: 'model', id, display_name: displayName(id), created_at })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models[models.length - 1] ?? null,
  });
  return { openai, anthropic };
}

/** Start the simulated upstream. `port` 0 (the default) picks a free port; host defaults to 127.0.0.1. */
export function startSimServer(opts: SimOptions & { port?: number; host?: string } = {}): Promise<SimServer> {
  const seed = opts.seed ?? 0;
  const lists = modelLists(opts.models && opts.models.length > 0 ? opts.models : DEFAULT_SIM_MODELS);
  const sim: Sim = {
    latencyMs: Math.max(0, opts.latencyMs ?? 0),
    chunkDelayMs: Math.max(0, opts.chunkDelayMs ?? 0),
    failRate: Math.min(1, Math.max(0, opts.failRate ?? 0)),
    seed,
    failRng: new Prng(seed ^ 0x5eed),
    counter: 0,
    idPrefix: Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0'),
    openaiModels: lists.openai,
    anthropicModels: lists.anthropic,
  };

  const server = http.createServer({ keepAlive: true, noDelay: true });
  (server as http.Server & { [STATE]: Sim })[STATE] = sim;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('request', onRequest);
  server.on('clientError', onClientError);

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const host = opts.host ?? '127.0.0.1';
  return new Promise<SimServer>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
      const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      let closing: Promise<void> | undefined;
      resolve({
        port,
        url: `http://${urlHost}:${port}`,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
            sockets.clear();
          });
          return closing;
        },
      });
    });
  });
}

function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
}

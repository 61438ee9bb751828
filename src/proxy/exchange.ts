import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Principal } from '../identity/authenticator.js';

/**
 * What the forwarding code needs of a request. Fastify's request satisfies
 * it, and so does the lean hot path (src/proxy/fast-path.ts), which serves
 * the model endpoints without Fastify's per-request lifecycle.
 */
export interface ProxyRequest {
  readonly id: string;
  readonly ip: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly rawBody: Buffer | null;
  readonly principal: Principal | null;
  readonly receivedAt: number;
}

/** What the forwarding code needs of a reply: the subset of Fastify's reply it uses. */
export interface ProxyReply {
  readonly raw: ServerResponse;
  readonly sent: boolean;
  code(status: number): ProxyReply;
  header(name: string, value: string): ProxyReply;
  headers(values: Record<string, string>): ProxyReply;
  send(payload: Buffer | string | object): unknown;
  hijack(): unknown;
}

/** ProxyReply on a bare ServerResponse. */
export class LeanReply implements ProxyReply {
  readonly raw: ServerResponse;
  #status = 200;
  readonly #headers: Record<string, string> = {};

  constructor(raw: ServerResponse) {
    this.raw = raw;
  }

  get sent(): boolean {
    return this.raw.headersSent;
  }

  code(status: number): this {
    this.#status = status;
    return this;
  }

  header(name: string, value: string): this {
    this.#headers[name.toLowerCase()] = value;
    return this;
  }

  headers(values: Record<string, string>): this {
    for (const name in values) this.#headers[name.toLowerCase()] = values[name] as string;
    return this;
  }

  send(payload: Buffer | string | object): void {
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    this.#headers['content-type'] ??= 'application/json';
    this.#headers['content-length'] = String(Buffer.byteLength(body));
    this.raw.writeHead(this.#status, this.#headers);
    this.raw.end(body);
  }

  hijack(): void {}
}

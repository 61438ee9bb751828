import { request } from 'undici';
import { readAdminToken } from '../admin/token.js';
import { loadConfig } from '../config/load.js';
import { ERRORS, WardenError, type ErrorCode } from '../errors.js';

/** Where a CLI command reaches a running server: `--url` (or $WARDEN_URL) and the admin token. */
export interface ServerTarget {
  config?: string;
  data?: string;
  url?: string;
  adminToken?: string;
}

/**
 * The admin API client the CLI's `--url` modes share: one place that sends
 * the token, and maps a failed call back to the server's typed error.
 */
export class AdminClient {
  readonly #base: string;
  readonly #token: string;

  constructor(baseUrl: string, adminToken: string) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#token = adminToken;
  }

  /** A client when `--url`/$WARDEN_URL is given (token: --admin-token, $WARDEN_ADMIN_TOKEN or the data dir's), else undefined. */
  static fromTarget(opts: ServerTarget): AdminClient | undefined {
    const url = opts.url ?? process.env['WARDEN_URL'];
    if (!url) return undefined;
    let token = opts.adminToken;
    if (!token) {
      const cfg = loadConfig(opts.config, { ...(opts.data === undefined ? {} : { dataDir: opts.data }) });
      token = readAdminToken(cfg.dataDir, cfg.admin.tokenEnv);
    }
    if (!token) {
      throw new WardenError('WARDEN_ERR_ADMIN_UNAUTHORIZED', 'no admin token: pass --admin-token, set WARDEN_ADMIN_TOKEN, or run on the server host (it reads <data>/admin-token)');
    }
    return new AdminClient(url, token);
  }

  async json<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const { status, text } = await this.#send(method, path, body);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WardenError('WARDEN_ERR_UPSTREAM_PROTOCOL', `${this.#base} answered ${status} with a non-JSON body`);
    }
    if (status >= 400) throw errorOf(json, status);
    return json as T;
  }

  /** A successful GET's body as it arrives (PEM, JSONL, CSV: exports are not held in memory). */
  async *stream(path: string): AsyncGenerator<string> {
    const res = await this.#open('GET', path);
    if (res.statusCode >= 400) {
      const text = await res.body.text();
      let json: unknown = {};
      try {
        json = JSON.parse(text);
      } catch {
        // Not the admin API's error shape: the status says enough.
      }
      throw errorOf(json, res.statusCode);
    }
    res.body.setEncoding('utf8');
    for await (const chunk of res.body) yield chunk as string;
  }

  async #send(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const res = await this.#open(method, path, body);
    return { status: res.statusCode, text: await res.body.text() };
  }

  async #open(method: string, path: string, body?: unknown) {
    try {
      return await request(`${this.#base}/admin${path}`, {
        method: method as 'GET',
        ...(body === undefined
          ? { headers: { authorization: `Bearer ${this.#token}` } }
          : { headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new WardenError('WARDEN_ERR_UNAVAILABLE', `cannot reach ${this.#base}: ${(err as Error).message}`, { cause: err });
    }
  }
}

function errorOf(json: unknown, status: number): WardenError {
  const err = (json as { error?: { code?: string; message?: string } }).error;
  const code = err?.code && err.code in ERRORS ? (err.code as ErrorCode) : 'WARDEN_ERR_INTERNAL';
  return new WardenError(code, err?.message ?? `admin API answered ${status}`);
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { WardenError } from '../errors.js';
import type { SimRequest } from './request.js';
import { TraceGenerator, type SimAccountEvent, type TraceOptions } from './trace.js';

export interface LiveOptions extends TraceOptions {
  /** Base URL of a running Warden, e.g. http://127.0.0.1:8080. */
  url: string;
  adminToken: string;
  /** Most requests per second sent (the timeline is never sped past this). */
  rate: number;
  /** Simulated seconds per wall-clock second. */
  timeFactor: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /**
   * Trace model → model sent. Default: the trace's models onto the built-in
   * simulated upstream's (current/others → warden-sim, released → warden-sim-large).
   */
  modelMap?: Record<string, string>;
  /** Stop after this many requests (0 = the whole trace). */
  limit?: number;
  onProgress?: (sent: number, statuses: Record<string, number>) => void;
}

export interface LiveResult {
  accounts: number;
  requests: number;
  /** Responses by HTTP status ("error" for transport failures). */
  statuses: Record<string, number>;
  seconds: number;
}

/**
 * Sends a simulated trace through a running Warden: provisions each account
 * (with the trace's own account id, so the gateway's events line up with
 * truth.json) and a key through the admin API just before its first event,
 * then replays requests on the compressed timeline. The client's simulated
 * address travels in X-Forwarded-For, which Warden honours when `trustProxy`
 * is configured.
 */
export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const base = opts.url.replace(/\/+$/, '');
  const agent = new Agent({ connections: Math.max(4, opts.concurrency), keepAliveTimeout: 10_000 });
  const gen = new TraceGenerator(opts);
  const keys = new Map<string, string>();
  const orgs = new Set<string>();
  const statuses: Record<string, number> = {};
  const inflight = new Set<Promise<void>>();
  const started = Date.now();
  let firstTs: number | null = null;
  let nextSlot = started;
  let requests = 0;

  const admin = async (method: 'POST', path: string, body: unknown, allowConflict = false): Promise<Record<string, unknown>> => {
    const res = await request(`${base}/admin${path}`, {
      method,
      dispatcher: agent,
      headers: { authorization: `Bearer ${opts.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode === 409 && allowConflict) return {};
    if (res.statusCode >= 300) {
      throw new WardenError('WARDEN_ERR_INVALID_REQUEST', `admin API ${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as Record<string, unknown>;
  };

  const provision = async (e: SimAccountEvent): Promise<void> => {
    if (e.org !== undefined && !orgs.has(e.org)) {
      await admin('POST', '/orgs', { id: e.org, name: `simulated org ${e.org}` }, true);
      orgs.add(e.org);
    }
    await admin(
      'POST',
      '/accounts',
      {
        id: e.account,
        org: e.org,
        tier: e.tier,
        kyc: e.kyc,
        country: e.country,
        emailDomain: e.email_domain,
        paymentFingerprint: e.payment_fingerprint,
        signupIp: e.signup_ip,
      },
      true,
    );
    const created = await admin('POST', `/accounts/${encodeURIComponent(e.account)}/keys`, { name: 'simulated' });
    keys.set(e.account, String(created.secret));
  };

  const models = opts.modelMap ?? defaultModelMap(opts);
  const send = async (r: SimRequest): Promise<void> => {
    const key = keys.get(r.account) as string;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': r.user_agent,
      'x-forwarded-for': r.ip,
    };
    if (r.endpoint === '/v1/messages') {
      headers['x-api-key'] = key;
      headers['anthropic-version'] = '2023-06-01';
    } else {
      headers.authorization = `Bearer ${key}`;
    }
    let status = 'error';
    try {
      const model = models[String(r.body['model'])];
      const body = model === undefined ? r.body : { ...r.body, model };
      const res = await request(`${base}${r.endpoint}`, { method: 'POST', dispatcher: agent, headers, body: JSON.stringify(body) });
      await res.body.dump({ limit: Number.POSITIVE_INFINITY });
      status = String(res.statusCode);
    } catch {
      // Counted as a transport error below; the run goes on.
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
  };

  try {
    for (const e of gen.events()) {
      const tsMs = Date.parse(e.ts);
      firstTs ??= tsMs;
      if (e.type === 'account') {
        await provision(e);
        continue;
      }
      if (opts.limit && requests >= opts.limit) break;
      // Whichever is later: the event's compressed time, or the rate cap's next slot.
      const due = Math.max(started + (tsMs - firstTs) / opts.timeFactor, nextSlot);
      nextSlot = due + 1000 / opts.rate;
      const wait = due - Date.now();
      if (wait > 1) await sleep(wait);
      while (inflight.size >= opts.concurrency) await Promise.race(inflight);
      const p = send(e).finally(() => inflight.delete(p));
      inflight.add(p);
      requests++;
      if (requests % 100 === 0) opts.onProgress?.(requests, statuses);
    }
    await Promise.all(inflight);
  } finally {
    await agent.close();
  }
  return { accounts: keys.size, requests, statuses, seconds: (Date.now() - started) / 1000 };
}

function defaultModelMap(opts: TraceOptions): Record<string, string> {
  const m = opts.sim.models;
  const map: Record<string, string> = { [m.current]: 'warden-sim', [m.released]: 'warden-sim-large' };
  for (const o of m.others) map[o] = 'warden-sim';
  return map;
}

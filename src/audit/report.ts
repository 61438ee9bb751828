import type { StoredEntry } from './entry.js';
import { matchingEntries } from './query.js';
import type { AuditStore } from './store/audit-store.js';

export interface UsageReport {
  account: string;
  org: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  models: Record<string, number>;
  countries: Record<string, number>;
  ips: Record<string, number>;
  statuses: Record<string, number>;
  actions: Record<string, number>;
  /** Distinct engine reasons with how often each was recorded. */
  reasons: Record<string, number>;
  /** Per UTC day: requests, tokens and actions (summaries of redacted entries included). */
  days: Array<{ day: string; requests: number; tokensIn: number; tokensOut: number; actions: Record<string, number> }>;
  /** Requests counted from retention summaries (their payloads are gone). */
  summarizedRequests: number;
  adminActions: number;
}

const bump = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

/** Usage of one account from its entries, plus what retention kept of the older ones. */
export async function accountReport(store: AuditStore, account: string, range: { since?: number; until?: number } = {}): Promise<UsageReport> {
  const r: UsageReport = {
    account, org: null, firstSeen: null, lastSeen: null, requests: 0, tokensIn: 0, tokensOut: 0,
    models: {}, countries: {}, ips: {}, statuses: {}, actions: {}, reasons: {}, days: [], summarizedRequests: 0, adminActions: 0,
  };
  const days = new Map<string, UsageReport['days'][number]>();
  const day = (d: string) => {
    let v = days.get(d);
    if (!v) days.set(d, (v = { day: d, requests: 0, tokensIn: 0, tokensOut: 0, actions: {} }));
    return v;
  };
  let first = Infinity;
  let last = -Infinity;
  for await (const e of matchingEntries(store, { account, ...range })) {
    if (e.kind === 'admin') r.adminActions++;
    if (e.kind !== 'request') continue;
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts);
    if (e.org) r.org = e.org;
    if (e.ip) bump(r.ips, e.ip);
    bump(r.actions, e.action);
    const d = day(new Date(e.ts).toISOString().slice(0, 10));
    d.requests++;
    bump(d.actions, e.action);
    r.requests++;
    if (e.payload === null) continue;
    const p = JSON.parse(e.payload) as RequestPayload;
    r.tokensIn += p.tokensIn ?? 0;
    r.tokensOut += p.tokensOut ?? 0;
    d.tokensIn += p.tokensIn ?? 0;
    d.tokensOut += p.tokensOut ?? 0;
    if (p.model) bump(r.models, p.model);
    if (p.country) bump(r.countries, p.country);
    bump(r.statuses, String(p.status));
    for (const reason of p.engine?.reasons ?? []) bump(r.reasons, reason);
  }
  for (const s of await store.summaries(account)) {
    if (range.since !== undefined && Date.parse(`${s.day}T23:59:59.999Z`) < range.since) continue;
    if (range.until !== undefined && Date.parse(`${s.day}T00:00:00Z`) >= range.until) continue;
    const d = day(s.day);
    d.requests += s.requests;
    d.tokensIn += s.tokensIn;
    d.tokensOut += s.tokensOut;
    for (const [a, n] of Object.entries(s.actions)) bump(d.actions, a, n);
    r.summarizedRequests += s.requests;
    r.tokensIn += s.tokensIn;
    r.tokensOut += s.tokensOut;
    r.org ??= s.org;
  }
  r.days = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  if (first !== Infinity) r.firstSeen = new Date(first).toISOString();
  if (last !== -Infinity) r.lastSeen = new Date(last).toISOString();
  return r;
}

interface RequestPayload {
  model?: string | null;
  country?: string | null;
  status?: number;
  tokensIn?: number;
  tokensOut?: number;
  engine?: { reasons?: string[] };
}

export type { StoredEntry };

import { truncateIp } from './cidr.js';
import type { StoredEntry } from './entry.js';
import type { AuditStore, UsageSummary } from './store/audit-store.js';

export interface RetentionPolicy {
  truncateIpsAfterDays?: number | undefined;
  payloadDays?: number | undefined;
}

export interface RetentionResult {
  ipsTruncated: number;
  payloadsRedacted: number;
}

const DAY_MS = 86_400_000;
const PAGE = 2_000;

/**
 * Applies the privacy policy to old entries: IPs keep their network part,
 * payloads are deleted after being summarized per account and day. Neither
 * touches the committed hashes, so every leaf, head and proof stays valid.
 */
export async function applyRetention(store: AuditStore, policy: RetentionPolicy, now = Date.now()): Promise<RetentionResult> {
  const result: RetentionResult = { ipsTruncated: 0, payloadsRedacted: 0 };
  const ipCutoff = policy.truncateIpsAfterDays === undefined ? undefined : now - policy.truncateIpsAfterDays * DAY_MS;
  const payloadCutoff = policy.payloadDays === undefined ? undefined : now - policy.payloadDays * DAY_MS;
  const until = Math.max(ipCutoff ?? -Infinity, payloadCutoff ?? -Infinity);
  if (until === -Infinity) return result;
  let after = -1;
  for (;;) {
    const page = await store.query({ until, afterSeq: after, limit: PAGE });
    if (page.length === 0) break;
    after = (page[page.length - 1] as StoredEntry).seq;
    const ips: Array<{ seq: number; ip: string }> = [];
    const redact: number[] = [];
    const summaries = new Map<string, UsageSummary>();
    for (const e of page) {
      if (ipCutoff !== undefined && e.ts < ipCutoff && e.ip !== null && !e.ipTruncated) ips.push({ seq: e.seq, ip: truncateIp(e.ip) });
      if (payloadCutoff !== undefined && e.ts < payloadCutoff && e.payload !== null) {
        redact.push(e.seq);
        if (e.kind === 'request' && e.account) summarize(summaries, e);
      }
    }
    if (ips.length > 0) await store.truncateIps(ips);
    if (redact.length > 0) await store.redact(redact, [...summaries.values()]);
    result.ipsTruncated += ips.length;
    result.payloadsRedacted += redact.length;
    if (page.length < PAGE) break;
  }
  return result;
}

function summarize(into: Map<string, UsageSummary>, e: StoredEntry): void {
  const day = new Date(e.ts).toISOString().slice(0, 10);
  const key = `${day}\n${e.account}`;
  let s = into.get(key);
  if (!s) into.set(key, (s = { day, account: e.account as string, org: e.org, requests: 0, tokensIn: 0, tokensOut: 0, actions: {} }));
  const p = JSON.parse(e.payload as string) as { tokensIn?: number; tokensOut?: number };
  s.requests++;
  s.tokensIn += p.tokensIn ?? 0;
  s.tokensOut += p.tokensOut ?? 0;
  s.actions[e.action] = (s.actions[e.action] ?? 0) + 1;
}

import { z } from 'zod';
import { WardenError, formatIssues } from '../errors.js';
import { cidrMatcher } from './cidr.js';
import type { StoredEntry } from './entry.js';
import type { AuditStore, EntryFilter } from './store/audit-store.js';

/** Accepts ISO 8601 or epoch milliseconds. */
const time = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch milliseconds' });
    return z.NEVER;
  }
  return ms;
});
const count = z.union([z.number(), z.string().regex(/^\d+$/, 'must be an integer')]).transform(Number);

export const auditQuerySchema = z
  .object({
    account: z.string().min(1).optional(),
    org: z.string().min(1).optional(),
    /** An address or a CIDR block. */
    ip: z.string().min(1).optional(),
    since: time.optional(),
    until: time.optional(),
    /** Engine action of a request (`block`, `throttle`, …) or an admin action (`key.revoke`, …). */
    action: z.string().min(1).optional(),
    kind: z.enum(['request', 'admission', 'admin']).optional(),
    limit: count.pipe(z.number().int().min(1).max(10_000)).optional(),
    /** Entries after this sequence number (pagination). */
    after: count.pipe(z.number().int().min(0)).optional(),
  })
  .strict();

export type AuditQuery = z.output<typeof auditQuerySchema>;

export function parseAuditQuery(input: unknown): AuditQuery {
  const r = auditQuerySchema.safeParse(input);
  if (!r.success) throw new WardenError('WARDEN_ERR_AUDIT_INVALID_QUERY', formatIssues(r.error.issues, 'audit query'));
  if (r.data.ip !== undefined) cidrMatcher(r.data.ip);
  if (r.data.since !== undefined && r.data.until !== undefined && r.data.since > r.data.until) {
    throw new WardenError('WARDEN_ERR_AUDIT_INVALID_QUERY', 'invalid audit query:\n  - since: must not be after until');
  }
  return r.data;
}

const PAGE = 2_000;

/**
 * Every entry matching the query, in log order, page by page (memory stays
 * flat for exports). The store filters what it can index; the CIDR is matched here.
 */
export async function* matchingEntries(store: AuditStore, q: AuditQuery, max = Infinity): AsyncGenerator<StoredEntry> {
  const matchIp = q.ip === undefined ? undefined : cidrMatcher(q.ip);
  const base: Omit<EntryFilter, 'limit'> = {};
  if (q.account !== undefined) base.account = q.account;
  if (q.org !== undefined) base.org = q.org;
  if (q.kind !== undefined) base.kind = q.kind;
  if (q.action !== undefined) base.action = q.action;
  if (q.since !== undefined) base.since = q.since;
  if (q.until !== undefined) base.until = q.until;
  let after = q.after ?? -1;
  let yielded = 0;
  for (;;) {
    const page = await store.query({ ...base, afterSeq: after, limit: PAGE });
    for (const e of page) {
      if (matchIp && !matchIp(e.ip)) continue;
      yield e;
      if (++yielded >= max) return;
    }
    if (page.length < PAGE) return;
    after = (page[page.length - 1] as StoredEntry).seq;
  }
}

export async function queryEntries(store: AuditStore, q: AuditQuery): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for await (const e of matchingEntries(store, q, q.limit ?? 100)) out.push(e);
  return out;
}

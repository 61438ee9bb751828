import type { AuditRecord } from './entry.js';

export interface AdminAction {
  /** `account.create`, `key.revoke`, … */
  action: string;
  target: string;
  /** Who acted: `admin:<first 12 hex of the admin token's SHA-256>`, never the token. */
  admin: string;
  ip: string | null;
  requestId: string | null;
  account?: string | null;
  org?: string | null;
  /** What changed (field names and new values; never secrets). */
  details?: Record<string, unknown>;
  ts?: number;
}

/** The acting admin's identity, derived from the token's hash so the token itself never reaches the log. */
export function adminIdentity(tokenHash: string): string {
  return `admin:${tokenHash.slice(0, 12)}`;
}

export function adminRecord(a: AdminAction): AuditRecord {
  const ts = a.ts ?? Date.now();
  return {
    ts,
    kind: 'admin',
    ref: a.requestId,
    account: a.account ?? null,
    org: a.org ?? null,
    action: a.action,
    ip: a.ip,
    payload: {
      kind: 'admin',
      ts: new Date(ts).toISOString(),
      action: a.action,
      target: a.target,
      admin: a.admin,
      requestId: a.requestId,
      account: a.account ?? null,
      org: a.org ?? null,
      details: a.details ?? {},
    },
  };
}

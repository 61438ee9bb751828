import { hash } from 'node:crypto';
import { leafHash, type Hash } from './merkle.js';

/** `admission`: in `sync` mode, the durable record of a request made before it is forwarded. */
export type AuditKind = 'request' | 'admission' | 'admin';

/** What a recorder hands the log: the payload is committed to, the columns index it. */
export interface AuditRecord {
  ts: number;
  kind: AuditKind;
  /** Request id (request entries) or the admin request's id. */
  ref: string | null;
  account: string | null;
  org: string | null;
  /** The engine's action for requests (`allow` when it did not act), the admin action name otherwise. */
  action: string;
  ip: string | null;
  payload: Record<string, unknown>;
}

/**
 * One leaf as stored. The leaf commits to the payload's hash and the IP's
 * hash, not to the bytes themselves, so retention can delete a payload or
 * truncate an IP while the leaf (and every proof through it) stays valid.
 */
export interface StoredEntry {
  seq: number;
  ts: number;
  kind: AuditKind;
  ref: string | null;
  account: string | null;
  org: string | null;
  action: string;
  ip: string | null;
  /** True once retention has shortened the IP; the original is committed to by ipHash only. */
  ipTruncated: boolean;
  /** The JSON text whose SHA-256 is payloadHash; null once redacted by retention. */
  payload: string | null;
  payloadHash: Hash;
  ipHash: Hash | null;
}

export const ZERO_HASH: Hash = Buffer.alloc(32);

export function sha256(data: string | Uint8Array): Hash {
  return hash('sha256', data, 'buffer');
}

/** Domain-separated, so an IP hash can never be confused with a payload hash. */
export function ipCommitment(ip: string): Hash {
  return sha256(`warden-audit-ip\n${ip}`);
}

/**
 * The bytes a leaf hashes (documented in the README and re-implemented in
 * tools/audit-verify.mjs): four text lines, so an auditor can read them.
 */
export function leafData(seq: number, ts: number, payloadHash: Hash, ipHash: Hash | null): Buffer {
  return Buffer.from(`warden-audit-v1\n${seq}\n${ts}\n${payloadHash.toString('hex')}\n${(ipHash ?? ZERO_HASH).toString('hex')}`, 'utf8');
}

export function entryLeafHash(e: Pick<StoredEntry, 'seq' | 'ts' | 'payloadHash' | 'ipHash'>): Hash {
  return leafHash(leafData(e.seq, e.ts, e.payloadHash, e.ipHash));
}

export function toStoredEntry(seq: number, r: AuditRecord): StoredEntry {
  const payload = JSON.stringify(r.payload);
  return {
    seq,
    ts: r.ts,
    kind: r.kind,
    ref: r.ref,
    account: r.account,
    org: r.org,
    action: r.action,
    ip: r.ip,
    ipTruncated: false,
    payload,
    payloadHash: sha256(payload),
    ipHash: r.ip === null ? null : ipCommitment(r.ip),
  };
}

/** The JSON shape of an entry in the admin API, the CLI and exports. */
export function entryView(e: StoredEntry) {
  return {
    seq: e.seq,
    ts: new Date(e.ts).toISOString(),
    kind: e.kind,
    ref: e.ref,
    account: e.account,
    org: e.org,
    action: e.action,
    ip: e.ip,
    ipTruncated: e.ipTruncated,
    payloadHash: e.payloadHash.toString('hex'),
    payload: e.payload === null ? null : (JSON.parse(e.payload) as Record<string, unknown>),
  };
}
export type EntryView = ReturnType<typeof entryView>;

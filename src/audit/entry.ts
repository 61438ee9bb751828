import { sha256Hex, type Hash } from './merkle.js';

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
  /** The leaf hash as stored with the entry (verify recomputes it); null only if the row lost it outside Warden. */
  leaf: Hash | null;
}

export const ZERO_HASH: Hash = Buffer.alloc(32);

export function sha256(data: string | Uint8Array): Hash {
  return sha256Hex(data).hash;
}

const ZERO_HEX = ZERO_HASH.toString('hex');
const IP_CACHE_MAX = 4_096;
/** Clients come back from the same few addresses: their commitments are computed once. */
const ipCommitments = new Map<string, Hash>();

/** Domain-separated, so an IP hash can never be confused with a payload hash. */
export function ipCommitment(ip: string): Hash {
  let h = ipCommitments.get(ip);
  if (h === undefined) {
    if (ipCommitments.size >= IP_CACHE_MAX) ipCommitments.clear();
    h = sha256(`warden-audit-ip\n${ip}`);
    ipCommitments.set(ip, h);
  }
  return h;
}

/**
 * The text a leaf hashes (documented in the README and re-implemented in
 * tools/audit-verify.mjs): four lines, so an auditor can read them.
 */
function leafText(seq: number, ts: number, payloadHex: string, ipHash: Hash | null): string {
  return `warden-audit-v1\n${seq}\n${ts}\n${payloadHex}\n${ipHash === null ? ZERO_HEX : ipHash.toString('hex')}`;
}

export function leafData(seq: number, ts: number, payloadHash: Hash, ipHash: Hash | null): Buffer {
  return Buffer.from(leafText(seq, ts, payloadHash.toString('hex'), ipHash), 'utf8');
}

/** leafHash(leafData(…)) in one hash call: the text is ASCII, so a NUL character is the 0x00 leaf prefix. */
function leafHashOf(seq: number, ts: number, payloadHex: string, ipHash: Hash | null): Hash {
  return sha256Hex(`\0${leafText(seq, ts, payloadHex, ipHash)}`).hash;
}

export function entryLeafHash(e: Pick<StoredEntry, 'seq' | 'ts' | 'payloadHash' | 'ipHash'>): Hash {
  return leafHashOf(e.seq, e.ts, e.payloadHash.toString('hex'), e.ipHash);
}

/** A record whose payload is already its JSON text: what crosses to a writer thread. */
export type EncodedRecord = Omit<AuditRecord, 'payload'> & { payload: string };

export function encodeRecord(r: AuditRecord): EncodedRecord {
  return { ts: r.ts, kind: r.kind, ref: r.ref, account: r.account, org: r.org, action: r.action, ip: r.ip, payload: JSON.stringify(r.payload) };
}

/** The entry and its leaf hash (hashing the payload once for both). */
export function toStoredEntry(seq: number, r: EncodedRecord): { entry: StoredEntry; leaf: Hash } {
  const payload = r.payload;
  const digest = sha256Hex(payload);
  const ipHash = r.ip === null ? null : ipCommitment(r.ip);
  const entry: StoredEntry = {
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
    payloadHash: digest.hash,
    ipHash,
    leaf: leafHashOf(seq, r.ts, digest.hex, ipHash),
  };
  return { entry, leaf: entry.leaf as Hash };
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

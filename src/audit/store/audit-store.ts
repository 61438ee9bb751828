import type { AuditKind, StoredEntry } from '../entry.js';
import type { TreeNode } from '../frontier.js';
import type { Hash } from '../merkle.js';

export interface SignedHead {
  size: number;
  ts: number;
  root: Hash;
  keyId: string;
  signature: Buffer;
}

/** Filters the store can apply itself; CIDR matching happens above it (src/audit/query.ts). */
export interface EntryFilter {
  account?: string;
  org?: string;
  kind?: string;
  action?: string;
  since?: number;
  until?: number;
  /** Entries with seq greater than this (keyset pagination). */
  afterSeq?: number;
  limit: number;
}

/** Per account and UTC day: what is kept of entries whose payloads retention deleted. */
export interface UsageSummary {
  day: string;
  account: string;
  org: string | null;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  /** action → count */
  actions: Record<string, number>;
}

/**
 * Persistence of the audit log: entries, the tree's complete-subtree nodes,
 * signed heads and retention summaries. A store only persists and fetches;
 * hashing and ordering live in the log writer. One writer per log.
 */
export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  /** Number of leaves (entries) committed. */
  size(): Promise<number>;
  /**
   * Entries (each with its leaf) and the interior nodes they complete, in one
   * transaction: both or neither survive a crash. Leaves are not passed as nodes.
   */
  append(entries: readonly StoredEntry[], nodes: readonly TreeNode[]): Promise<void>;
  /** Nodes by id; level-0 ids are answered from the entries' leaves. */
  nodes(ids: readonly number[]): Promise<Map<number, Hash>>;
  /** Nodes of one level with index in [from, to) (level 0: the entries' leaves). */
  nodeRange(level: number, from: number, to: number): Promise<Map<number, Hash>>;
  /** Entries with seq ≥ fromSeq in seq order. */
  scan(fromSeq: number, limit: number): Promise<StoredEntry[]>;
  entry(seq: number): Promise<StoredEntry | null>;
  entryByRef(ref: string): Promise<StoredEntry | null>;
  query(filter: EntryFilter): Promise<StoredEntry[]>;
  /** Idempotent per size: a second head at the same size is ignored. */
  putHead(head: SignedHead): Promise<void>;
  heads(): Promise<SignedHead[]>;
  headAt(size: number): Promise<SignedHead | null>;
  latestHead(): Promise<SignedHead | null>;
  /** Retention: deletes payloads (never hashes) and adds their summaries, in one transaction. */
  redact(seqs: readonly number[], summaries: readonly UsageSummary[]): Promise<void>;
  truncateIps(updates: ReadonlyArray<{ seq: number; ip: string }>): Promise<void>;
  summaries(account: string): Promise<UsageSummary[]>;
  close(): Promise<void>;
}

/** A signed head as both stores keep it. */
export interface HeadRow {
  size: number;
  ts: number;
  root: Buffer;
  key_id: string;
  signature: Buffer;
}
export const HEAD_COLS = 'size, ts, root, key_id, signature';
export const headFromRow = (r: HeadRow): SignedHead => ({ size: r.size, ts: r.ts, root: r.root, keyId: r.key_id, signature: r.signature });

/** An entry as both stores keep it (SQLite has no boolean: ip_truncated is 0/1 there). */
export interface EntryRow {
  seq: number;
  ts: number;
  kind: string;
  ref: string | null;
  account: string | null;
  org: string | null;
  action: string;
  ip: string | null;
  ip_truncated: boolean | number;
  payload: string | null;
  payload_hash: Buffer;
  ip_hash: Buffer | null;
  leaf: Buffer | null;
}
export const ENTRY_COLS = 'seq, ts, kind, ref, account, org, action, ip, ip_truncated, payload, payload_hash, ip_hash, leaf';
export function entryFromRow(r: EntryRow): StoredEntry {
  return {
    seq: r.seq,
    ts: r.ts,
    kind: r.kind as AuditKind,
    ref: r.ref,
    account: r.account,
    org: r.org,
    action: r.action,
    ip: r.ip,
    ipTruncated: r.ip_truncated === true || r.ip_truncated === 1,
    payload: r.payload,
    payloadHash: r.payload_hash,
    ipHash: r.ip_hash,
    leaf: r.leaf,
  };
}

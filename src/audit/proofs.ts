import { WardenError } from '../errors.js';
import { entryLeafHash, leafData, type StoredEntry } from './entry.js';
import { consistencyProof, inclusionProof, nodesRead, readerFrom, rootHash, type Hash, type NodeReader } from './merkle.js';
import { headView, type HeadView } from './signer.js';
import type { AuditStore, SignedHead } from './store/audit-store.js';

/**
 * Runs a proof computation against stored nodes: once to learn which nodes it
 * reads, then again on those nodes fetched in one call (one round trip on
 * Postgres, a few point reads on SQLite). O(log n) either way.
 */
export async function overStoredNodes<T>(store: AuditStore, run: (read: NodeReader) => T): Promise<T> {
  const nodes = await store.nodes(nodesRead(run));
  return run(readerFrom(nodes));
}

export function rootAt(store: AuditStore, size: number): Promise<Hash> {
  return overStoredNodes(store, (read) => rootHash(read, size));
}

export interface InclusionProofView {
  type: 'inclusion';
  leafIndex: number;
  treeSize: number;
  /** The bytes the leaf hashes (UTF-8 text), so a verifier can recompute the leaf hash and check the payload. */
  leafData: string;
  leafHash: string;
  path: string[];
  /** The entry's payload (JSON text), when retention has not deleted it. */
  payload: string | null;
  head: HeadView;
}

export interface ConsistencyProofView {
  type: 'consistency';
  oldSize: number;
  newSize: number;
  oldRoot: string;
  newRoot: string;
  path: string[];
  /** Signed heads at the two sizes, when the log has them. */
  oldHead: HeadView | null;
  newHead: HeadView | null;
}

const hex = (h: Hash) => h.toString('hex');

export async function inclusionProofView(store: AuditStore, entry: StoredEntry, head: SignedHead): Promise<InclusionProofView> {
  if (entry.seq >= head.size) {
    throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', `entry ${entry.seq} is not covered by the signed head of size ${head.size}`);
  }
  const path = await overStoredNodes(store, (read) => inclusionProof(read, entry.seq, head.size));
  return {
    type: 'inclusion',
    leafIndex: entry.seq,
    treeSize: head.size,
    leafData: leafData(entry.seq, entry.ts, entry.payloadHash, entry.ipHash).toString('utf8'),
    leafHash: hex(entryLeafHash(entry)),
    path: path.map(hex),
    payload: entry.payload,
    head: headView(head),
  };
}

export async function consistencyProofView(store: AuditStore, oldSize: number, newSize: number): Promise<ConsistencyProofView> {
  const size = await store.size();
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', `sizes must satisfy 0 ≤ old ≤ new (got old ${oldSize}, new ${newSize})`);
  }
  if (newSize > size) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', `the log has ${size} entries; no tree of size ${newSize}`);
  const { path, oldRoot, newRoot } = await overStoredNodes(store, (read) => ({
    path: consistencyProof(read, oldSize, newSize),
    oldRoot: rootHash(read, oldSize),
    newRoot: rootHash(read, newSize),
  }));
  const [oldHead, newHead] = await Promise.all([store.headAt(oldSize), store.headAt(newSize)]);
  return {
    type: 'consistency',
    oldSize,
    newSize,
    oldRoot: hex(oldRoot),
    newRoot: hex(newRoot),
    path: path.map(hex),
    oldHead: oldHead ? headView(oldHead) : null,
    newHead: newHead ? headView(newHead) : null,
  };
}

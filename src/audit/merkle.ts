import { createHash, hash } from 'node:crypto';
import { WardenError } from '../errors.js';

/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree hashing with SHA-256:
 * leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right), and the empty tree
 * hashes to H(""). Written on node:crypto because no maintained npm package
 * implements RFC 9162 proofs over an external node store.
 *
 * The tree is kept as complete ("perfect") subtrees: node (level, index)
 * covers leaves [index·2^level, (index+1)·2^level). Every such node is
 * persisted once it is complete, so any proof is O(log n) node lookups.
 */

export type Hash = Buffer;

export const EMPTY_ROOT: Hash = createHash('sha256').digest();

// One-shot crypto.hash over a reused buffer: a third faster than a Hash object per node, and hashing is most of an append.
const nodeInput = Buffer.alloc(65);

/**
 * Digests come out as hex and are decoded into Node's shared buffer pool: a
 * 'buffer' digest is a fresh ArrayBuffer each, which costs the garbage
 * collector more than the hashing.
 */
export function sha256Hex(input: string | Uint8Array): { hex: string; hash: Hash } {
  const hex = hash('sha256', input, 'hex');
  return { hex, hash: Buffer.from(hex, 'hex') };
}

function digest(input: Uint8Array): Hash {
  return sha256Hex(input).hash;
}

export function leafHash(data: Uint8Array): Hash {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = 0x00;
  input.set(data, 1);
  return digest(input);
}

export function nodeHash(left: Hash, right: Hash): Hash {
  nodeInput[0] = 0x01;
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 33);
  return digest(nodeInput);
}

/** Reads the complete subtree (level, index); throws when it is not stored. */
export type NodeReader = (level: number, index: number) => Hash;

/** One number per node, so stores can key nodes with a single integer column. */
const LEVEL_STRIDE = 2 ** 47;
export function nodeId(level: number, index: number): number {
  return level * LEVEL_STRIDE + index;
}
/** Level 0's ids are the leaf indexes themselves: the stores keep leaves in their entries' rows, not as nodes. */
export function isLeafId(id: number): boolean {
  return id < LEVEL_STRIDE;
}
export function nodeOf(id: number): { level: number; index: number } {
  const level = Math.floor(id / LEVEL_STRIDE);
  return { level, index: id - level * LEVEL_STRIDE };
}

/** Largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Arithmetic rather than bitwise operators throughout: sizes may exceed 2^31.
function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * MTH(D[start:end]) for a range the RFC's recursion can produce: `start` is
 * a multiple of the largest power of two ≤ (end − start). A complete range is
 * one stored node; the right edge folds the complete subtrees it is made of.
 */
export function rangeHash(read: NodeReader, start: number, end: number): Hash {
  const n = end - start;
  if (n <= 0) throw new WardenError('WARDEN_ERR_INTERNAL', `empty range ${start}..${end}`);
  if (isPowerOfTwo(n) && start % n === 0) return read(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(read, start, start + k), rangeHash(read, start + k, end));
}

export function rootHash(read: NodeReader, size: number): Hash {
  return size === 0 ? EMPTY_ROOT : rangeHash(read, 0, size);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]), over stored nodes. */
export function inclusionProof(read: NodeReader, index: number, size: number): Hash[] {
  checkIndex(index, size);
  const path: Hash[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(rangeHash(read, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(rangeHash(read, start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), over stored nodes. */
export function consistencyProof(read: NodeReader, oldSize: number, newSize: number): Hash[] {
  checkSizes(oldSize, newSize);
  if (oldSize === 0 || oldSize === newSize) return [];
  const proof: Hash[] = [];
  const sub = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) proof.push(rangeHash(read, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, complete);
      proof.push(rangeHash(read, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(rangeHash(read, start, start + k));
    }
  };
  sub(oldSize, 0, newSize, true);
  return proof;
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its inclusion path. */
export function rootFromInclusionProof(index: number, size: number, leaf: Hash, path: readonly Hash[]): Hash {
  checkIndex(index, size);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'inclusion proof is longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'inclusion proof is shorter than the tree is deep');
  return r;
}

export function verifyInclusion(index: number, size: number, leaf: Hash, path: readonly Hash[], root: Hash): boolean {
  return rootFromInclusionProof(index, size, leaf, path).equals(root);
}

/** RFC 9162 §2.1.4.2: checks that the tree of oldSize with oldRoot is a prefix of the tree of newSize with newRoot. */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Hash, newRoot: Hash, proof: readonly Hash[]): boolean {
  checkSizes(oldSize, newSize);
  if (oldSize === newSize) {
    if (proof.length !== 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'consistency proof between equal sizes must be empty');
    return oldRoot.equals(newRoot);
  }
  if (oldSize === 0) {
    if (proof.length !== 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'consistency proof from the empty tree must be empty');
    return true;
  }
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  if (path.length === 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'consistency proof is empty');
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', 'consistency proof is too short');
  return fr.equals(oldRoot) && sr.equals(newRoot);
}

/**
 * The ids of the nodes a computation reads, found by running it once against
 * a reader that records instead of reading. Lets an async store fetch them in
 * one round trip before the real run.
 */
export function nodesRead(run: (read: NodeReader) => unknown): number[] {
  const ids = new Set<number>();
  run((level, index) => {
    ids.add(nodeId(level, index));
    return EMPTY_ROOT;
  });
  return [...ids];
}

export function readerFrom(nodes: ReadonlyMap<number, Hash>): NodeReader {
  return (level, index) => {
    const h = nodes.get(nodeId(level, index));
    if (!h) throw new WardenError('WARDEN_ERR_AUDIT_CORRUPT', `tree node level ${level} index ${index} is missing from storage`);
    return h;
  };
}

function checkIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', `entry index ${index} is not in a tree of size ${size}`);
  }
}

function checkSizes(oldSize: number, newSize: number): void {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new WardenError('WARDEN_ERR_AUDIT_BAD_PROOF', `tree sizes must satisfy 0 ≤ old ≤ new (got old ${oldSize}, new ${newSize})`);
  }
}

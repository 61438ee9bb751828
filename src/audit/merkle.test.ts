import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Frontier } from './frontier.js';
import {
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  nodeId,
  rootFromInclusionProof,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeReader,
} from './merkle.js';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

// The RFC's definitions, written as literally as possible, as the reference.
function k(n: number): number {
  let x = 1;
  while (x * 2 < n) x *= 2;
  return x;
}
function MTH(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0] as Buffer);
  const s = k(d.length);
  return sha(Buffer.from([1]), MTH(d.slice(0, s)), MTH(d.slice(s)));
}
function PATH(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const s = k(d.length);
  return m < s ? [...PATH(m, d.slice(0, s)), MTH(d.slice(s))] : [...PATH(m - s, d.slice(s)), MTH(d.slice(0, s))];
}
function SUBPROOF(m: number, d: Buffer[], b: boolean): Buffer[] {
  const n = d.length;
  if (m === n) return b ? [] : [MTH(d)];
  const s = k(n);
  return m <= s ? [...SUBPROOF(m, d.slice(0, s), b), MTH(d.slice(s))] : [...SUBPROOF(m - s, d.slice(s), false), MTH(d.slice(0, s))];
}

/** A stored tree built the way the log builds it: leaf by leaf through the frontier. */
function build(data: Buffer[]): { read: NodeReader; frontier: Frontier; nodes: Map<number, Hash> } {
  const nodes = new Map<number, Hash>();
  const frontier = new Frontier();
  for (const d of data) frontier.append(leafHash(d), (n) => nodes.set(n.id, n.hash));
  const read: NodeReader = (level, index) => {
    const h = nodes.get(nodeId(level, index));
    if (!h) throw new Error(`missing node ${level}/${index}`);
    return h;
  };
  return { read, frontier, nodes };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('RFC 9162 Merkle tree', () => {
  it('matches the RFC 6962 / 9162 known values', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // Leaf of the empty string: SHA-256(0x00).
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    // The eight-leaf test tree of the CT reference implementations (leaves "", 0x00, 0x10, 0x2021, 0x3031, 0x40414243, 0x5051525354555657, 0x606162636465666768696a6b6c6d6e6f).
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
    const expected = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const { read } = build(leaves);
    for (let n = 1; n <= 8; n++) expect(rootHash(read, n).toString('hex')).toBe(expected[n - 1]);
  });

  it('agrees with the RFC definitions of MTH, PATH and PROOF for every size 1..100', () => {
    const random = rng(42);
    const data = Array.from({ length: 100 }, (_, i) => Buffer.from(`entry ${i} ${random()}`));
    const { read, frontier } = build(data);
    expect(frontier.root().equals(MTH(data))).toBe(true);
    for (let n = 1; n <= 100; n++) {
      const d = data.slice(0, n);
      const root = MTH(d);
      expect(rootHash(read, n).equals(root)).toBe(true);
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(read, m, n);
        expect(path.map((h) => h.toString('hex'))).toEqual(PATH(m, d).map((h) => h.toString('hex')));
        expect(verifyInclusion(m, n, leafHash(d[m] as Buffer), path, root)).toBe(true);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(read, m, n);
        expect(proof.map((h) => h.toString('hex'))).toEqual((m === n ? [] : SUBPROOF(m, d, true)).map((h) => h.toString('hex')));
        expect(verifyConsistency(m, n, MTH(data.slice(0, m)), root, proof)).toBe(true);
      }
    }
  });

  it('rejects wrong leaves, roots, paths and sizes', () => {
    const data = Array.from({ length: 37 }, (_, i) => Buffer.from(`x${i}`));
    const { read } = build(data);
    const root = rootHash(read, 37);
    const path = inclusionProof(read, 5, 37);
    expect(verifyInclusion(5, 37, leafHash(Buffer.from('x6')), path, root)).toBe(false);
    expect(verifyInclusion(6, 37, leafHash(Buffer.from('x5')), path, root)).toBe(false);
    const flipped = path.map((h, i) => (i === 2 ? Buffer.from(h.map((b, j) => (j === 0 ? b ^ 1 : b))) : h));
    expect(verifyInclusion(5, 37, leafHash(Buffer.from('x5')), flipped, root)).toBe(false);
    expect(() => rootFromInclusionProof(5, 37, leafHash(Buffer.from('x5')), path.slice(1))).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' }));
    expect(() => rootFromInclusionProof(5, 37, leafHash(Buffer.from('x5')), [...path, root])).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' }));
    expect(() => inclusionProof(read, 37, 37)).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' }));
    const c = consistencyProof(read, 10, 37);
    const oldRoot = rootHash(read, 10);
    expect(verifyConsistency(10, 37, oldRoot, root, c)).toBe(true);
    expect(verifyConsistency(10, 37, rootHash(read, 11), root, c)).toBe(false);
    expect(verifyConsistency(10, 37, oldRoot, rootHash(read, 36), c)).toBe(false);
    expect(() => verifyConsistency(10, 37, oldRoot, root, c.slice(1))).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' }));
    expect(() => verifyConsistency(38, 37, oldRoot, root, c)).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' }));
    expect(() => verifyConsistency(10, 37, oldRoot, root, [])).toThrow(expect.objectContaining({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' }));
  });

  it('reloads the frontier of a stored tree and keeps appending identically', () => {
    const data = Array.from({ length: 77 }, (_, i) => Buffer.from(`y${i}`));
    const all = build(data);
    const prefix = build(data.slice(0, 45));
    const reloaded = Frontier.load(prefix.read, 45);
    expect(reloaded.root().equals(rootHash(all.read, 45))).toBe(true);
    for (const d of data.slice(45)) reloaded.append(leafHash(d), (n) => prefix.nodes.set(n.id, n.hash));
    expect(reloaded.root().equals(all.frontier.root())).toBe(true);
    expect([...prefix.nodes.keys()].sort()).toEqual([...all.nodes.keys()].sort());
    expect(nodeHash(leafHash(data[0] as Buffer), leafHash(data[1] as Buffer)).equals(all.read(1, 0))).toBe(true);
  });
});

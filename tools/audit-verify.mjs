#!/usr/bin/env node
// Standalone verifier for Warden audit proofs. Plain Node (>= 18), no dependencies, one file:
// read it before trusting it. Checks, against a public key you obtained independently:
//   - the Ed25519 signature of each signed tree head in the proof,
//   - an inclusion proof (RFC 9162 §2.1.3.2): the entry is leaf `leafIndex` of the signed tree,
//     and, when the payload is present, that it is the payload the leaf commits to,
//   - a consistency proof (RFC 9162 §2.1.4.2): the older tree is a prefix of the newer one.
// Usage: node audit-verify.mjs --public-key key.pem proof.json [more.json ...]   (or - for stdin)
// Exit status 0 when every file verifies, 1 when one does not, 2 on bad usage or input.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leafHash = (data) => sha256(Buffer.from([0]), data); // H(0x00 || entry)
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r); // H(0x01 || left || right)

class InputError extends Error {}
function hex32(v, what) {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) throw new InputError(`${what} must be 64 hex digits`);
  return Buffer.from(v, 'hex');
}
function size(v, what) {
  if (!Number.isSafeInteger(v) || v < 0) throw new InputError(`${what} must be a non-negative integer`);
  return v;
}

// The signed text: "warden-audit-tree-head-v1\n<size>\n<timestamp ms>\n<root hex>".
function checkHead(head, key, what) {
  if (typeof head !== 'object' || head === null) throw new InputError(`${what} is missing`);
  const msg = Buffer.from(`warden-audit-tree-head-v1\n${size(head.size, `${what}.size`)}\n${size(head.timestamp, `${what}.timestamp`)}\n${hex32(head.root, `${what}.root`).toString('hex')}`);
  if (typeof head.signature !== 'string') throw new InputError(`${what}.signature must be base64`);
  if (!verify(null, msg, key, Buffer.from(head.signature, 'base64'))) throw new Error(`${what}: signature does not verify with this public key`);
  return hex32(head.root, `${what}.root`);
}

function rootFromInclusion(index, n, leaf, path) {
  if (index >= n) throw new Error(`leaf index ${index} is outside the tree of size ${n}`);
  let fn = index, sn = n - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) throw new Error('inclusion path is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('inclusion path is too short');
  return r;
}

function checkConsistency(m, n, oldRoot, newRoot, proof) {
  if (m > n) throw new Error(`old size ${m} is larger than new size ${n}`);
  if (m === n) { if (proof.length) throw new Error('proof must be empty for equal sizes'); return oldRoot.equals(newRoot); }
  if (m === 0) { if (proof.length) throw new Error('proof must be empty from the empty tree'); return true; }
  const path = Number.isInteger(Math.log2(m)) ? [oldRoot, ...proof] : [...proof];
  if (path.length === 0) throw new Error('consistency proof is empty');
  let fn = m - 1, sn = n - 1;
  while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) throw new Error('consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('consistency proof is too short');
  return fr.equals(oldRoot) && sr.equals(newRoot);
}

function verifyInclusionProof(p, key) {
  const root = checkHead(p.head, key, 'head');
  const n = size(p.treeSize, 'treeSize');
  if (p.head.size !== n) throw new Error(`head is for size ${p.head.size}, proof for ${n}`);
  if (typeof p.leafData !== 'string') throw new InputError('leafData must be a string');
  // leafData: "warden-audit-v1\n<seq>\n<ts ms>\n<sha256(payload) hex>\n<sha256("warden-audit-ip\n"+ip) hex>"
  const lines = p.leafData.split('\n');
  if (lines.length !== 5 || lines[0] !== 'warden-audit-v1') throw new InputError('leafData is not a warden-audit-v1 entry');
  if (Number(lines[1]) !== p.leafIndex) throw new Error(`leafData is entry ${lines[1]}, proof is for ${p.leafIndex}`);
  if (p.payload !== null && p.payload !== undefined && sha256(Buffer.from(p.payload, 'utf8')).toString('hex') !== lines[3]) {
    throw new Error('the payload is not the one the leaf commits to');
  }
  const leaf = leafHash(Buffer.from(p.leafData, 'utf8'));
  if (p.leafHash !== undefined && leaf.toString('hex') !== p.leafHash) throw new Error('leafHash does not match leafData');
  const path = (Array.isArray(p.path) ? p.path : []).map((h, i) => hex32(h, `path[${i}]`));
  if (!rootFromInclusion(size(p.leafIndex, 'leafIndex'), n, leaf, path).equals(root)) throw new Error('inclusion proof does not lead to the signed root');
  return `entry ${p.leafIndex} is in the signed tree of size ${n}${p.payload ? ' (payload matches)' : ' (payload redacted)'}`;
}

function verifyConsistencyProof(p, key) {
  const m = size(p.oldSize, 'oldSize'), n = size(p.newSize, 'newSize');
  const oldRoot = p.oldHead ? checkHead(p.oldHead, key, 'oldHead') : hex32(p.oldRoot, 'oldRoot');
  const newRoot = p.newHead ? checkHead(p.newHead, key, 'newHead') : hex32(p.newRoot, 'newRoot');
  if ((p.oldHead && p.oldHead.size !== m) || (p.newHead && p.newHead.size !== n)) throw new Error('head sizes do not match the proof');
  const path = (Array.isArray(p.path) ? p.path : []).map((h, i) => hex32(h, `path[${i}]`));
  if (!checkConsistency(m, n, oldRoot, newRoot, path)) throw new Error('consistency proof does not match the roots');
  const signed = p.oldHead && p.newHead ? 'both signed' : 'NOT both signed: roots taken from the proof';
  return `tree of size ${m} is a prefix of the tree of size ${n} (${signed})`;
}

function main(argv) {
  const i = argv.indexOf('--public-key');
  const files = argv.filter((a, j) => j !== i && j !== i + 1);
  if (i < 0 || !argv[i + 1] || files.length === 0) {
    process.stderr.write('usage: audit-verify.mjs --public-key key.pem proof.json [...]\n');
    return 2;
  }
  let key;
  try {
    key = createPublicKey(readFileSync(argv[i + 1], 'utf8'));
  } catch (e) {
    process.stderr.write(`error: cannot read the public key: ${e.message}\n`);
    return 2;
  }
  let status = 0;
  for (const f of files) {
    try {
      const p = JSON.parse(readFileSync(f === '-' ? 0 : f, 'utf8'));
      const what = p?.type === 'inclusion' ? verifyInclusionProof(p, key) : p?.type === 'consistency' ? verifyConsistencyProof(p, key) : null;
      if (what === null) throw new InputError('not a Warden audit proof (type must be "inclusion" or "consistency")');
      process.stdout.write(`OK ${f}: ${what}\n`);
    } catch (e) {
      const bad = e instanceof InputError || e instanceof SyntaxError;
      process.stdout.write(`FAIL ${f}: ${bad ? 'malformed input: ' : ''}${e.message}\n`);
      status = Math.max(status, bad ? 2 : 1);
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));

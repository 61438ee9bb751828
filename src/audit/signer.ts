import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { Hash } from './merkle.js';
import type { SignedHead } from './store/audit-store.js';

/**
 * What a tree head signature covers: one text line, re-implemented in
 * tools/audit-verify.mjs. Text rather than RFC 9162's TLS encoding so an
 * auditor can check it with any Ed25519 tool.
 */
export function headMessage(size: number, ts: number, root: Hash): Buffer {
  return Buffer.from(`warden-audit-tree-head-v1\n${size}\n${ts}\n${root.toString('hex')}`, 'utf8');
}

/** First 16 hex digits of SHA-256 over the public key's DER: names the key in every head. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export class HeadSigner {
  readonly keyId: string;
  constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {
    this.keyId = keyIdOf(publicKey);
  }

  sign(size: number, root: Hash, ts = Date.now()): SignedHead {
    return { size, ts, root, keyId: this.keyId, signature: sign(null, headMessage(size, ts, root), this.privateKey) };
  }
}

export function verifyHeadSignature(head: SignedHead, publicKey: KeyObject): boolean {
  try {
    return verify(null, headMessage(head.size, head.ts, head.root), publicKey, head.signature);
  } catch {
    return false;
  }
}

export function headView(h: SignedHead) {
  return { size: h.size, timestamp: h.ts, root: h.root.toString('hex'), keyId: h.keyId, signature: h.signature.toString('base64') };
}
export type HeadView = ReturnType<typeof headView>;

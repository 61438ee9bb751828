import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `wdn_<12 hex id>_<43 chars base64url of 32 random bytes>`.
 * The `wdn_<id>` part is the visible prefix and the key's public id; the whole
 * string is hashed for storage. Admin tokens use a different prefix (`wadm_`)
 * so that neither can ever be mistaken for the other.
 */
const KEY_PATTERN = /^(wdn_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;
export const ADMIN_TOKEN_PREFIX = 'wadm_';

export interface GeneratedKey {
  id: string;
  /** The full secret; shown once, never stored. */
  secret: string;
  hash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateKey(): GeneratedKey {
  const id = `wdn_${randomBytes(6).toString('hex')}`;
  const secret = `${id}_${randomBytes(32).toString('base64url')}`;
  return { id, secret, hash: hashSecret(secret) };
}

/** Returns the key id encoded in a presented key, or null if it is not shaped like a Warden key. */
export function parseKeyId(presented: string): string | null {
  const m = KEY_PATTERN.exec(presented);
  return m ? (m[1] as string) : null;
}

export function hashesEqual(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function generateAdminToken(): string {
  return `${ADMIN_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Short random ids for orgs and accounts when the operator does not choose one. */
export function generateId(prefix: 'org' | 'acct'): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

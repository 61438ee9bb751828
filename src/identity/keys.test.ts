import { describe, expect, it } from 'vitest';
import { generateAdminToken, generateKey, hashSecret, hashesEqual, parseKeyId } from './keys.js';

describe('API keys', () => {
  it('have a visible id prefix, ≥ 32 random bytes, and a SHA-256 hash', () => {
    const k = generateKey();
    expect(k.secret).toMatch(/^wdn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(k.secret.startsWith(`${k.id}_`)).toBe(true);
    expect(Buffer.from(k.secret.slice(k.id.length + 1), 'base64url')).toHaveLength(32);
    expect(k.hash).toBe(hashSecret(k.secret));
    expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateKey().secret).not.toBe(k.secret);
  });

  it('parse only well-formed keys, and admin tokens never parse as keys', () => {
    const k = generateKey();
    expect(parseKeyId(k.secret)).toBe(k.id);
    expect(parseKeyId(`${k.secret}x`)).toBeNull();
    expect(parseKeyId('sk-abc')).toBeNull();
    expect(parseKeyId(generateAdminToken())).toBeNull();
  });

  it('compare hashes by value', () => {
    const h = hashSecret('a');
    expect(hashesEqual(h, hashSecret('a'))).toBe(true);
    expect(hashesEqual(h, hashSecret('b'))).toBe(false);
    expect(hashesEqual(h, 'abcd')).toBe(false);
  });
});

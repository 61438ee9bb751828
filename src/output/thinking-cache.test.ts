import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_PREFIX, ThinkingCache, isPlaceholderSignature } from './thinking-cache.js';

const block = (n: number) => ({ thinking: `thought ${n}`, signature: `sig${n}` });

describe('ThinkingCache', () => {
  it('gives originals back only to the account they were issued to', () => {
    const cache = new ThinkingCache({ ttlMs: 1000, maxEntries: 10, maxChars: 1000 });
    const token = cache.hold('a', block(1));
    expect(isPlaceholderSignature(token)).toBe(true);
    expect(token.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
    expect(cache.take('a', token)).toEqual(block(1));
    expect(cache.take('a', token)).toEqual(block(1));
    expect(cache.take('b', token)).toBeUndefined();
    expect(cache.take('a', `${PLACEHOLDER_PREFIX}other`)).toBeUndefined();
  });

  it('forgets entries after their TTL, and the oldest beyond the count or character bound', () => {
    let now = 0;
    const cache = new ThinkingCache({ ttlMs: 100, maxEntries: 2, maxChars: 30, now: () => now });
    const t1 = cache.hold('a', block(1));
    const t2 = cache.hold('a', block(2));
    const t3 = cache.hold('a', block(3));
    expect(cache.take('a', t1)).toBeUndefined();
    expect(cache.take('a', t2)).toEqual(block(2));
    expect(cache.size).toBe(2);
    // 14 characters each: a third would pass maxChars even with room in the count.
    const big = new ThinkingCache({ ttlMs: 100, maxEntries: 10, maxChars: 30, now: () => now });
    const b1 = big.hold('a', block(1));
    big.hold('a', block(2));
    big.hold('a', block(3));
    expect(big.take('a', b1)).toBeUndefined();
    expect(big.size).toBe(2);
    now = 100;
    expect(cache.take('a', t3)).toBeUndefined();
    expect(big.hold('a', { thinking: 'x'.repeat(40), signature: '' })).toMatch(/^wdn_thinking_v1\./);
  });
});

import { describe, expect, it } from 'vitest';
import { uuidV7 } from './uuid7.js';

describe('uuidV7', () => {
  it('is an RFC 9562 version 7 UUID carrying the time, so later ids sort after earlier ones', () => {
    const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((t) => uuidV7(t));
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
    expect(parseInt(ids[0]!.replace('-', '').slice(0, 12), 16)).toBe(1_700_000_000_000);
    expect(new Set(Array.from({ length: 1000 }, () => uuidV7(5))).size).toBe(1000);
  });
});

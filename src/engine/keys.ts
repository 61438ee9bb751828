import { fnv1a } from '../util/fnv.js';

/**
 * Shared-attribute tables for coordination (payment fingerprints, addresses,
 * template bands, system prompts…): each key remembers the first account seen
 * with it (the anchor new users of the key link to) and a 128-bit
 * linear-counting sketch of how many distinct accounts used it. Tables are
 * capped: when full, keys only one account ever used are dropped (in insertion
 * order, so pruning is deterministic).
 */
interface Entry {
  anchor: number;
  b0: number;
  b1: number;
  b2: number;
  b3: number;
}

const BITS = 128;

function bitOf(account: number): number {
  let h = Math.imul(account ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & (BITS - 1);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export class KeyTable {
  private readonly map = new Map<string | number, Entry>();
  /** Distinct accounts (estimated) that used the key passed to the last touch. */
  lastCount = 0;

  /** Most keys held; may be raised as the engine tracks more accounts. */
  cap: number;

  constructor(cap: number) {
    this.cap = cap;
  }

  /** Records that `account` used `key`; returns the key's anchor account. */
  touch(key: string | number, account: number): number {
    let e = this.map.get(key);
    if (e === undefined) {
      if (this.map.size >= this.cap) this.prune();
      e = { anchor: account, b0: 0, b1: 0, b2: 0, b3: 0 };
      this.map.set(key, e);
    }
    const bit = bitOf(account);
    const mask = 1 << (bit & 31);
    switch (bit >>> 5) {
      case 0: e.b0 |= mask; break;
      case 1: e.b1 |= mask; break;
      case 2: e.b2 |= mask; break;
      default: e.b3 |= mask;
    }
    this.lastCount = estimate(e);
    return e.anchor;
  }

  /** For 32-bit keys: stored as int32 so V8 keeps them as small integers (fast Map hashing). */
  touchNumber(key: number, account: number): number {
    return this.touch(key | 0, account);
  }

  get size(): number {
    return this.map.size;
  }

  private prune(): void {
    for (const [k, e] of this.map) if (estimate(e) <= 1) this.map.delete(k);
    // Still full of shared keys: drop the oldest half rather than grow.
    if (this.map.size >= this.cap * 0.9) {
      let drop = this.map.size >>> 1;
      for (const k of this.map.keys()) {
        if (drop-- <= 0) break;
        this.map.delete(k);
      }
    }
  }

  /** 32-bit FNV-1a, for ring membership of string keys. */
  static hash(s: string): number {
    return fnv1a(s) || 1;
  }
}

/** Linear counting: n ≈ -m ln(zero bits / m); saturates near 600 accounts. */
function estimate(e: Entry): number {
  const set = popcount(e.b0) + popcount(e.b1) + popcount(e.b2) + popcount(e.b3);
  const zeros = BITS - set;
  if (zeros === 0) return Math.round(BITS * Math.log(BITS));
  return Math.max(1, Math.round(-BITS * Math.log(zeros / BITS)));
}

/** The /24 of an IPv4 address or the /48 of an IPv6 address: the unit addresses are shared in. */
export function subnetKey(ip: string): string {
  if (ip.includes(':')) {
    const parts = expandIpv6(ip);
    return parts === null ? ip : `${parts.slice(0, 3).join(':')}::/48`;
  }
  const last = ip.lastIndexOf('.');
  return last > 0 ? `${ip.slice(0, last)}.0/24` : ip;
}

function expandIpv6(ip: string): string[] | null {
  const [head, tail] = ip.split('::', 2) as [string, string | undefined];
  const h = head ? head.split(':') : [];
  if (tail === undefined) return h.length >= 3 ? h : null;
  const t = tail ? tail.split(':') : [];
  const fill = 8 - h.length - t.length;
  if (fill < 0) return null;
  return [...h, ...Array<string>(fill).fill('0'), ...t];
}

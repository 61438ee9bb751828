import { describe, expect, it } from 'vitest';
import { evaluateRate, refundTat } from './gcra.js';

const rule = { limit: 10, periodMs: 60_000 };

describe('GCRA', () => {
  it('allows exactly `limit` units at once, then refills continuously', () => {
    let tat: number | undefined;
    const now = 1_000_000;
    let allowed = 0;
    for (let i = 0; i < 15; i++) {
      const r = evaluateRate(rule, 1, tat, now);
      if (r.allowed) {
        allowed++;
        tat = r.newTat;
      }
    }
    expect(allowed).toBe(10);
    const refused = evaluateRate(rule, 1, tat, now);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 6_000 });
    expect(evaluateRate(rule, 1, tat, now + 5_999).allowed).toBe(false);
    expect(evaluateRate(rule, 1, tat, now + 6_000).allowed).toBe(true);
    expect(evaluateRate(rule, 0, tat, now + 60_000)).toMatchObject({ remaining: 10, resetMs: 0 });
  });

  it('charges variable cost and reports remaining and reset', () => {
    const r = evaluateRate(rule, 4, undefined, 0);
    expect(r).toMatchObject({ allowed: true, remaining: 6, resetMs: 24_000 });
    const r2 = evaluateRate(rule, 7, r.newTat, 0);
    expect(r2).toMatchObject({ allowed: false, remaining: 6, retryAfterMs: 6_000 });
  });

  it('never admits a cost above the limit', () => {
    expect(evaluateRate(rule, 11, undefined, 0)).toMatchObject({ allowed: false, retryAfterMs: Infinity });
  });

  it('refunds move the TAT back but never below now; negative refunds charge extra', () => {
    const r = evaluateRate(rule, 8, undefined, 0);
    const refunded = refundTat(r.newTat, 5, 10, 60_000, 0);
    expect(evaluateRate(rule, 0, refunded, 0).remaining).toBe(7);
    expect(refundTat(r.newTat, 100, 10, 60_000, 0)).toBe(0);
    const extra = refundTat(r.newTat, -2, 10, 60_000, 0);
    expect(evaluateRate(rule, 0, extra, 0).remaining).toBe(0);
  });
});

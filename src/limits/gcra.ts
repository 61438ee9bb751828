/**
 * GCRA (the generic cell rate algorithm): a token bucket kept as one number
 * per counter, the "theoretical arrival time" (TAT). A bucket of `limit`
 * units refills continuously over `periodMs`; a request costing `cost` units
 * fits when the bucket holds at least that much. Chosen because:
 * - one number of state per counter, no per-request lists: bounded memory and
 *   one small Redis key per counter;
 * - no window edges to game (fixed windows allow 2x bursts at the boundary);
 * - variable cost and refunds are exact arithmetic on the TAT, which is what
 *   reserve → reconcile for tokens needs;
 * - retry-after and remaining fall out of the same numbers.
 * The Redis backend runs the same arithmetic in Lua (src/limits/redis-script.ts).
 */

export interface RateRule {
  limit: number;
  periodMs: number;
}

export interface RateResult {
  allowed: boolean;
  /** Units left after this request (or now, if it was refused). */
  remaining: number;
  /** Ms until the bucket is full again. */
  resetMs: number;
  /** Ms until this request would fit (0 when allowed; Infinity when cost > limit). */
  retryAfterMs: number;
  /** The TAT to store when allowed. */
  newTat: number;
}

export function evaluateRate(rule: RateRule, cost: number, tat: number | undefined, now: number): RateResult {
  const interval = rule.periodMs / rule.limit;
  const base = tat === undefined || tat < now ? now : tat;
  const newTat = base + cost * interval;
  const allowAt = newTat - rule.periodMs;
  if (cost > rule.limit) {
    return { allowed: false, remaining: units(now + rule.periodMs - base, interval), resetMs: base - now, retryAfterMs: Infinity, newTat: base };
  }
  if (allowAt > now) {
    return { allowed: false, remaining: units(now + rule.periodMs - base, interval), resetMs: base - now, retryAfterMs: allowAt - now, newTat: base };
  }
  return { allowed: true, remaining: units(now + rule.periodMs - newTat, interval), resetMs: newTat - now, retryAfterMs: 0, newTat };
}

/**
 * The TAT after giving back `units` (negative: charging more than was
 * reserved). Never earlier than now: a full bucket stays full.
 */
export function refundTat(tat: number | undefined, units: number, limit: number, periodMs: number, now: number): number {
  const base = tat === undefined || tat < now ? now : tat;
  return Math.max(now, base - units * (periodMs / limit));
}

function units(ms: number, interval: number): number {
  return Math.max(0, Math.floor(ms / interval + 1e-9));
}

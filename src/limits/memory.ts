import { evaluateRate, refundTat } from './gcra.js';
import { costOf, isTokenRule, type AcquireInput, type Decision, type LimitRule, type Limiter, type RuleOutcome, type SettleInput } from './limiter.js';

/**
 * In-process limiter: exact for a single instance, and the local fallback of
 * fail-open tiers when Redis is unreachable. All work is synchronous, so each
 * acquire is atomic across a request's rules. Full buckets and empty
 * concurrency sets are swept, so memory follows the active counters only.
 */
export class MemoryLimiter implements Limiter {
  readonly kind = 'memory';
  readonly #tats = new Map<string, number>();
  readonly #inflight = new Map<string, Set<string>>();
  readonly #now: () => number;
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: { now?: () => number; sweepMs?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#sweeper = setInterval(() => this.sweep(), options.sweepMs ?? 60_000);
    this.#sweeper.unref();
  }

  acquireSync({ rules, tokens, leaseId }: AcquireInput): Decision {
    const now = this.#now();
    const outcomes: RuleOutcome[] = new Array(rules.length);
    const newTats: number[] = new Array(rules.length);
    let allowed = true;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as LimitRule;
      if (rule.metric === 'concurrent') {
        const held = this.#inflight.get(rule.key)?.size ?? 0;
        const ok = held < rule.limit;
        outcomes[i] = { rule, allowed: ok, remaining: Math.max(0, rule.limit - held - (ok ? 1 : 0)), resetMs: 0, retryAfterMs: ok ? 0 : 1000 };
        newTats[i] = 0;
        allowed &&= ok;
        continue;
      }
      const r = evaluateRate(rule, costOf(rule, tokens), this.#tats.get(rule.key), now);
      outcomes[i] = { rule, allowed: r.allowed, remaining: r.remaining, resetMs: r.resetMs, retryAfterMs: r.retryAfterMs };
      newTats[i] = r.newTat;
      allowed &&= r.allowed;
    }
    if (allowed) {
      rules.forEach((rule, i) => {
        if (rule.metric !== 'concurrent') this.#tats.set(rule.key, newTats[i] as number);
        else {
          let set = this.#inflight.get(rule.key);
          if (!set) this.#inflight.set(rule.key, (set = new Set()));
          set.add(leaseId);
        }
      });
    } else {
      // Report what is left now, not what would be left had the request gone through.
      for (const o of outcomes) if (o.allowed && o.rule.metric !== 'concurrent') o.remaining += costOf(o.rule, tokens);
    }
    return { allowed, outcomes };
  }

  async acquire(input: AcquireInput): Promise<Decision> {
    return this.acquireSync(input);
  }

  settleSync({ rules, leaseId, refundTokens }: SettleInput): void {
    const now = this.#now();
    for (const rule of rules) {
      if (rule.metric === 'concurrent') {
        const set = this.#inflight.get(rule.key);
        set?.delete(leaseId);
        if (set?.size === 0) this.#inflight.delete(rule.key);
      } else if (isTokenRule(rule) && refundTokens !== 0) {
        this.#tats.set(rule.key, refundTat(this.#tats.get(rule.key), refundTokens, rule.limit, rule.periodMs, now));
      }
    }
  }

  async settle(input: SettleInput): Promise<void> {
    this.settleSync(input);
  }

  async peek(rules: readonly LimitRule[]): Promise<RuleOutcome[]> {
    const now = this.#now();
    return rules.map((rule) => {
      if (rule.metric === 'concurrent') {
        const held = this.#inflight.get(rule.key)?.size ?? 0;
        return { rule, allowed: held < rule.limit, remaining: Math.max(0, rule.limit - held), resetMs: 0, retryAfterMs: 0 };
      }
      const r = evaluateRate(rule, 0, this.#tats.get(rule.key), now);
      return { rule, allowed: true, remaining: r.remaining, resetMs: r.resetMs, retryAfterMs: 0 };
    });
  }

  /** Drops counters that have fully refilled: they hold no information. */
  sweep(): void {
    const now = this.#now();
    for (const [key, tat] of this.#tats) if (tat <= now) this.#tats.delete(key);
  }

  get size(): number {
    return this.#tats.size + this.#inflight.size;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
  }
}

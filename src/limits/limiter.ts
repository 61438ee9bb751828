import type { Scope } from './config.js';

export const METRICS = ['rpm', 'rpd', 'tpm', 'tpd', 'concurrent'] as const;
export type Metric = (typeof METRICS)[number];

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** One counter a request must fit into. */
export interface LimitRule {
  /** Human/metric label: `account:tpm`, `key:rpm@large`. */
  id: string;
  scope: Scope;
  metric: Metric;
  /** Model group the rule is restricted to; null = all models. */
  group: string | null;
  /** Storage key of the counter. */
  key: string;
  limit: number;
  /** Refill period for rate rules; unused for `concurrent`. */
  periodMs: number;
}

export interface RuleOutcome {
  rule: LimitRule;
  allowed: boolean;
  remaining: number;
  resetMs: number;
  /** Ms until the request would fit; Infinity when it never can (cost > limit). */
  retryAfterMs: number;
}

export interface Decision {
  allowed: boolean;
  outcomes: RuleOutcome[];
}

export interface AcquireInput {
  rules: readonly LimitRule[];
  /** Tokens reserved for this request (charged to tpm/tpd rules). */
  tokens: number;
  /** Identifies this request's concurrency slot until it is settled. */
  leaseId: string;
}

export interface SettleInput {
  rules: readonly LimitRule[];
  leaseId: string;
  /** Tokens to give back (negative: charge more than was reserved). */
  refundTokens: number;
}

/**
 * A limiter decides all of a request's rules at once, atomically: either every
 * counter is charged or none is. Implementations: in-process (MemoryLimiter)
 * and Redis (RedisLimiter), which share the GCRA arithmetic.
 */
export interface Limiter {
  readonly kind: 'memory' | 'redis';
  acquire(input: AcquireInput): Promise<Decision>;
  /** Reconciles tokens and frees the concurrency slot. */
  settle(input: SettleInput): Promise<void>;
  /** Current state without charging anything. */
  peek(rules: readonly LimitRule[]): Promise<RuleOutcome[]>;
  close(): Promise<void>;
}

export function costOf(rule: LimitRule, tokens: number): number {
  return rule.metric === 'tpm' || rule.metric === 'tpd' ? tokens : 1;
}

export function isTokenRule(rule: LimitRule): boolean {
  return rule.metric === 'tpm' || rule.metric === 'tpd';
}

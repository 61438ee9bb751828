import { Redis } from 'ioredis';
import { WardenError } from '../errors.js';
import { ACQUIRE_SCRIPT, SETTLE_SCRIPT } from './redis-script.js';
import { costOf, isTokenRule, type AcquireInput, type Decision, type LimitRule, type Limiter, type RuleOutcome, type SettleInput } from './limiter.js';

type ScriptRedis = Redis & {
  wardenAcquire(numKeys: number, ...args: Array<string | number>): Promise<number[]>;
  wardenSettle(numKeys: number, ...args: Array<string | number>): Promise<number>;
};

export interface RedisLimiterOptions {
  url: string;
  keyPrefix: string;
  commandTimeoutMs: number;
  /** How long a concurrency slot survives an instance that died without settling. */
  leaseTtlMs?: number;
  onConnectionError?: (err: Error) => void;
}

/**
 * One global limit for every Warden instance sharing a Redis: each request is
 * one EVALSHA (ioredis falls back to EVAL once if the script cache was
 * flushed). Commands fail fast instead of queueing while Redis is away, so the
 * caller can apply its tier's failure mode; ioredis keeps reconnecting.
 */
export class RedisLimiter implements Limiter {
  readonly kind = 'redis';
  readonly #redis: ScriptRedis;
  readonly #prefix: string;
  readonly #leaseTtlMs: number;

  constructor(opts: RedisLimiterOptions) {
    const redis = new Redis(opts.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
      lazyConnect: false,
    });
    redis.on('error', (err: Error) => opts.onConnectionError?.(err));
    redis.defineCommand('wardenAcquire', { lua: ACQUIRE_SCRIPT });
    redis.defineCommand('wardenSettle', { lua: SETTLE_SCRIPT });
    this.#redis = redis as ScriptRedis;
    this.#prefix = opts.keyPrefix;
    this.#leaseTtlMs = opts.leaseTtlMs ?? 15 * 60_000;
  }

  /** Resolves once connected (or rejects after `timeoutMs`); for start-up checks and tests. */
  async ready(timeoutMs = 5_000): Promise<void> {
    if (this.#redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new WardenError('WARDEN_ERR_UNAVAILABLE', 'Redis did not become ready')), timeoutMs);
      this.#redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get connected(): boolean {
    return this.#redis.status === 'ready';
  }

  async #run(rules: readonly LimitRule[], tokens: number, leaseId: string, dry: boolean): Promise<Decision> {
    const args: Array<string | number> = [];
    for (const rule of rules) args.push(this.#prefix + rule.key);
    args.push(dry ? '1' : '0', leaseId, this.#leaseTtlMs);
    for (const rule of rules) {
      args.push(rule.metric === 'concurrent' ? 'c' : 'r', rule.limit, rule.periodMs, dry ? 0 : costOf(rule, tokens));
    }
    let raw: number[];
    try {
      raw = await this.#redis.wardenAcquire(rules.length, ...args);
    } catch (err) {
      throw new WardenError('WARDEN_ERR_UNAVAILABLE', `rate limiter unavailable: ${(err as Error).message}`, { cause: err });
    }
    const outcomes = rules.map((rule, i): RuleOutcome => {
      const o = 1 + i * 4;
      const retry = raw[o + 3] as number;
      return {
        rule,
        allowed: raw[o] === 1,
        remaining: raw[o + 1] as number,
        resetMs: raw[o + 2] as number,
        retryAfterMs: retry < 0 ? Infinity : retry,
      };
    });
    return { allowed: raw[0] === 1, outcomes };
  }

  acquire({ rules, tokens, leaseId }: AcquireInput): Promise<Decision> {
    return this.#run(rules, tokens, leaseId, false);
  }

  async peek(rules: readonly LimitRule[]): Promise<RuleOutcome[]> {
    return (await this.#run(rules, 0, '-', true)).outcomes.map((o) => ({ ...o, allowed: o.rule.metric === 'concurrent' ? o.allowed : true }));
  }

  async settle({ rules, leaseId, refundTokens }: SettleInput): Promise<void> {
    const relevant = rules.filter((r) => r.metric === 'concurrent' || (isTokenRule(r) && refundTokens !== 0));
    if (relevant.length === 0) return;
    const args: Array<string | number> = relevant.map((r) => this.#prefix + r.key);
    args.push(leaseId, refundTokens);
    for (const r of relevant) args.push(r.metric === 'concurrent' ? 'c' : 't', r.limit, r.periodMs);
    try {
      await this.#redis.wardenSettle(relevant.length, ...args);
    } catch (err) {
      throw new WardenError('WARDEN_ERR_UNAVAILABLE', `rate limiter unavailable: ${(err as Error).message}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

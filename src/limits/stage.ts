import type { Logger } from 'pino';
import { WardenError } from '../errors.js';
import type { GatewayMetrics } from '../ops/metrics.js';
import type { Outcome, RequestContext, Stage } from '../proxy/stages.js';
import type { LimitsConfig } from './config.js';
import { rateLimitHeaders } from './headers.js';
import { isTokenRule, type Decision, type LimitRule, type Limiter, type RuleOutcome } from './limiter.js';
import type { MemoryLimiter } from './memory.js';
import { PlanCache } from './plan.js';
import { countTextTokens, estimatePromptTokens, requestedOutputTokens } from './tokens.js';

interface Held {
  limiter: Limiter;
  rules: LimitRule[];
  leaseId: string;
  promptEstimate: number;
  reserved: number;
  tokenRules: boolean;
}

export interface LimitsTag {
  backend: 'memory' | 'redis' | 'local-fallback';
  allowed: boolean;
  reserved_tokens: number;
  rejected_by?: string[];
  tightest?: { rule: string; remaining: number; limit: number };
  charged_tokens?: number;
  refunded_tokens?: number;
}

/** Tokens the request really cost, from the upstream's usage or, failing that, what was generated. */
export function chargedTokens(outcome: Outcome, promptEstimate: number): number {
  const partial = outcome.clientAborted || (outcome.status >= 500 && outcome.text.length > 0);
  if (outcome.usage && !partial) return outcome.usage.prompt_tokens + outcome.usage.completion_tokens;
  if (partial) {
    const prompt = outcome.usage?.prompt_tokens || promptEstimate;
    return prompt + Math.max(outcome.usage?.completion_tokens ?? 0, countTextTokens(outcome.text));
  }
  return 0;
}

function tightestOf(outcomes: readonly RuleOutcome[]): RuleOutcome | undefined {
  let best: RuleOutcome | undefined;
  for (const o of outcomes) if (!best || o.remaining / o.rule.limit < best.remaining / best.rule.limit) best = o;
  return best;
}

/**
 * Metering on the request path. Before forwarding: plan the request's rules
 * (key, account, org; tier defaults with overrides; model group), reserve one
 * request and the estimated prompt + max output tokens on all of them at once,
 * or reject with 429 before any upstream cost. After completion: reconcile to
 * the real usage (refund or extra charge) and free the concurrency slot.
 */
export class LimitsStage implements Stage {
  readonly name = 'limits';
  readonly #cfg: LimitsConfig;
  readonly #primary: Limiter;
  readonly #fallback: MemoryLimiter;
  readonly #metrics: GatewayMetrics;
  readonly #logger: Logger;
  readonly #plans: PlanCache;
  readonly #held = new WeakMap<RequestContext, Held>();
  readonly #instance = Math.random().toString(36).slice(2, 10);
  #seq = 0;
  #lastFallbackLog = 0;

  constructor(cfg: LimitsConfig, primary: Limiter, fallback: MemoryLimiter, metrics: GatewayMetrics, logger: Logger) {
    this.#cfg = cfg;
    this.#plans = new PlanCache(cfg);
    this.#primary = primary;
    this.#fallback = fallback;
    this.#metrics = metrics;
    this.#logger = logger;
  }

  /** Synchronous (no promise, no extra tick) when the limiter is in-process. */
  beforeForward(ctx: RequestContext): Promise<void> | void {
    const { account, key } = ctx.principal;
    const rules = this.#plans.rules({ keyId: key.id, account }, ctx.route.group);
    if (rules.length === 0) return;
    const tokenRules = rules.some(isTokenRule);
    const promptEstimate = tokenRules ? estimatePromptTokens(ctx.body, ctx.api === 'anthropic' ? this.#cfg.anthropicTokenFactor : 1) : 0;
    const reserved = tokenRules ? promptEstimate + requestedOutputTokens(ctx.body, this.#cfg.defaultMaxTokens) : 0;
    const held: Held = { limiter: this.#primary, rules, leaseId: `${this.#instance}:${++this.#seq}`, promptEstimate, reserved, tokenRules };
    if (this.#primary === this.#fallback) {
      this.#decided(ctx, held, this.#fallback.acquireSync({ rules, tokens: reserved, leaseId: held.leaseId }), 'memory');
      return;
    }
    return this.#acquireShared(ctx, held);
  }

  async #acquireShared(ctx: RequestContext, held: Held): Promise<void> {
    const { account } = ctx.principal;
    const { rules, reserved, leaseId } = held;
    let backend: LimitsTag['backend'] = this.#primary.kind;
    let decision: Decision;
    try {
      decision = await this.#primary.acquire({ rules, tokens: reserved, leaseId });
    } catch (err) {
      const mode = this.#cfg.failureModes[account.tier];
      this.#metrics.limiterUnavailable.inc({ tier: account.tier, mode });
      this.#logUnavailable(err, mode);
      if (mode === 'fail-closed') {
        throw new WardenError('WARDEN_ERR_UNAVAILABLE', 'rate limiting is temporarily unavailable; retry shortly', {
          cause: err,
          headers: { 'retry-after': '1' },
        });
      }
      held.limiter = this.#fallback;
      backend = 'local-fallback';
      decision = this.#fallback.acquireSync({ rules, tokens: reserved, leaseId });
    }
    this.#decided(ctx, held, decision, backend);
  }

  #decided(ctx: RequestContext, held: Held, decision: Decision, backend: LimitsTag['backend']): void {
    const { reserved } = held;
    Object.assign(ctx.responseHeaders, rateLimitHeaders(ctx.api, decision.outcomes, Date.now()));
    const tight = tightestOf(decision.outcomes);
    const tag: LimitsTag = { backend, allowed: decision.allowed, reserved_tokens: reserved };
    if (tight) tag.tightest = { rule: tight.rule.id, remaining: tight.remaining, limit: tight.rule.limit };
    ctx.tags['limits'] = tag;

    if (!decision.allowed) {
      const blocking = decision.outcomes.filter((o) => !o.allowed);
      tag.rejected_by = blocking.map((o) => o.rule.id);
      for (const o of blocking) this.#metrics.limitRejections.inc({ scope: o.rule.scope, metric: o.rule.metric });
      throw this.#rejection(blocking, reserved);
    }
    this.#held.set(ctx, held);
  }

  #rejection(blocking: RuleOutcome[], reserved: number): WardenError {
    const never = blocking.find((o) => o.retryAfterMs === Infinity);
    if (never) {
      return new WardenError(
        'WARDEN_ERR_RATE_LIMITED',
        `this request needs up to ${reserved} tokens (prompt + max_tokens), more than the ${never.rule.id} limit of ${never.rule.limit}; lower max_tokens or shorten the prompt`,
      );
    }
    const waitMs = Math.max(...blocking.map((o) => o.retryAfterMs));
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const which = blocking.map((o) => `${o.rule.id} (limit ${o.rule.limit})`).join(', ');
    return new WardenError('WARDEN_ERR_RATE_LIMITED', `rate limit exceeded: ${which}; retry in ${seconds}s`, {
      headers: { 'retry-after': String(seconds) },
    });
  }

  afterCompletion(ctx: RequestContext, outcome: Outcome): void {
    const held = this.#held.get(ctx);
    if (!held) return;
    this.#held.delete(ctx);
    let refund = 0;
    if (held.tokenRules) {
      const charged = chargedTokens(outcome, held.promptEstimate);
      refund = held.reserved - charged;
      const tag = ctx.tags['limits'] as LimitsTag;
      tag.charged_tokens = charged;
      tag.refunded_tokens = refund;
    }
    const settle = { rules: held.rules, leaseId: held.leaseId, refundTokens: refund };
    if (held.limiter === this.#fallback) {
      this.#fallback.settleSync(settle);
      return;
    }
    held.limiter.settle(settle).catch((err: unknown) => {
      // The lease expires on its own; the reservation stays charged (the safe side).
      this.#metrics.limiterUnavailable.inc({ tier: ctx.principal.account.tier, mode: 'settle-failed' });
      this.#logger.warn({ err, reqId: ctx.id }, 'could not settle rate-limit reservation');
    });
  }

  #logUnavailable(err: unknown, mode: string): void {
    const now = Date.now();
    if (now - this.#lastFallbackLog < 5_000) return;
    this.#lastFallbackLog = now;
    this.#logger.warn({ err: (err as Error).message, mode }, 'rate limiter unavailable');
  }
}

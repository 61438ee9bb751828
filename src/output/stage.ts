import { ACTIONS, type Action } from '../engine/types.js';
import { KYC_LEVELS, TIERS } from '../identity/types.js';
import type { JsonObject } from '../proxy/protocols/protocol.js';
import type { SseEvent } from '../proxy/sse.js';
import type { RequestContext, Stage } from '../proxy/stages.js';
import { ThinkingStream, fitThinking, governContent, restorePlaceholders, treatThinkingRequest, type ReasoningCounts } from './anthropic.js';
import type { OutputConfig, ReasoningMode } from './config.js';
import { degradeRequest, pause, type Degradation } from './degrade.js';
import { ReasoningDeltaStream, governChoices, treatEffortRequest } from './openai.js';
import { ThinkingCache } from './thinking-cache.js';

/** What output governance did to one request, as recorded on its event (`tags.output`). */
export interface OutputTag {
  degradedBy?: 'detection' | 'operator';
  degraded?: Degradation[];
  /** Reasoning the client saw altered (set once a block was). */
  reasoning?: 'redacted' | 'summarized';
  reasoningBlocks?: number;
  /** The request asked for reasoning and was lowered (`capped`) or had thinking turned off (`disabled`). */
  reasoningRequest?: 'capped' | 'disabled';
  /** Placeholder thinking blocks put back to their originals, and those whose original was gone. */
  restored?: number;
  restoreMissing?: number;
}

interface Plan {
  mode: Exclude<ReasoningMode, 'pass'>;
  /** Whether the stream can carry reasoning at all (the relay keeps its fast lane otherwise). */
  streams: boolean;
  counts: ReasoningCounts;
  stream: ThinkingStream | ReasoningDeltaStream | undefined;
}

const STRICTNESS: Record<ReasoningMode, number> = { pass: 0, summarize: 1, redact: 2 };

/**
 * Output governance on the request path: reasoning exposure per tier, KYC
 * level and engine action, and degrade mode (the engine's `degrade` action or
 * an operator's per-account switch). Requests that change nothing cost one
 * table lookup and a scan of assistant turns for Warden placeholders.
 */
export class OutputStage implements Stage {
  readonly name = 'output';
  readonly cache: ThinkingCache;
  readonly #cfg: OutputConfig;
  /** Mode for every tier × KYC × action, resolved from the rules once. */
  readonly #modes = new Map<string, ReasoningMode>();
  readonly #plans = new WeakMap<RequestContext, Plan>();

  constructor(cfg: OutputConfig) {
    this.#cfg = cfg;
    const r = cfg.reasoning;
    this.cache = new ThinkingCache({ ttlMs: r.restore.ttlMs, maxEntries: r.restore.maxEntries, maxChars: r.restore.maxChars });
    for (const tier of TIERS) {
      for (const kyc of KYC_LEVELS) {
        for (const action of ACTIONS) {
          const rule = r.rules.find((x) => (!x.tiers || x.tiers.includes(tier)) && (!x.kyc || x.kyc.includes(kyc)) && (!x.actions || x.actions.includes(action)));
          this.#modes.set(`${tier}|${kyc}|${action}`, rule?.mode ?? r.default);
        }
      }
    }
  }

  beforeForward(ctx: RequestContext): Promise<void> | void {
    const account = ctx.principal.account;
    const tags = ctx.tags;
    const degradedBy = tags['degrade'] === true ? 'detection' : account.outputMode === 'degraded' ? 'operator' : undefined;
    const action = degradedBy === 'detection' ? 'degrade' : engineAction(tags['detection']);
    let mode = this.#modes.get(`${account.tier}|${account.kyc}|${action}`) ?? this.#cfg.reasoning.default;
    const degrade = this.#cfg.degrade;
    if (degradedBy && STRICTNESS[degrade.reasoning] > STRICTNESS[mode]) mode = degrade.reasoning;

    let tag: OutputTag | undefined;
    const note = (): OutputTag => (tag ??= {});
    let body = ctx.body;

    if (ctx.api === 'anthropic' && Array.isArray(body['messages'])) {
      const r = restorePlaceholders(body['messages'], this.cache, account.id, this.#cfg.reasoning.restore.onMissing);
      if (r.messages) body = { ...body, messages: r.messages };
      if (r.restored > 0) note().restored = r.restored;
      if (r.missing > 0) note().restoreMissing = r.missing;
    }

    let applied: Degradation[] = [];
    if (degradedBy) {
      const d = degradeRequest(ctx.api, body, degrade);
      body = d.body;
      applied = d.applied;
      if (degrade.addedLatencyMs > 0) applied.push('latency');
    }

    if (mode !== 'pass') {
      const treatment = this.#cfg.reasoning.requests[mode];
      if (ctx.api === 'anthropic') {
        const t = treatThinkingRequest(body, treatment, this.#cfg.reasoning, maxTokensOf(body));
        if (t) {
          body = { ...body, thinking: t.thinking };
          note().reasoningRequest = t.change;
        }
      } else {
        const t = treatEffortRequest(body, treatment, this.#cfg.reasoning);
        if (t) {
          body = t.body;
          note().reasoningRequest = t.change;
        }
      }
    }
    if (ctx.api === 'anthropic' && applied.includes('max_tokens')) {
      // A lowered max_tokens must still leave room above the thinking budget, whatever the treatment.
      const fitted = fitThinking(body['thinking'], maxTokensOf(body));
      if (fitted) {
        body = { ...body, thinking: fitted.thinking };
        applied.push('thinking');
      }
    }

    if (degradedBy) {
      note().degradedBy = degradedBy;
      note().degraded = applied;
      if (this.#cfg.exposeHeaders) ctx.responseHeaders['x-warden-degraded'] = applied.length > 0 ? applied.join(',') : 'none';
    }
    if (mode !== 'pass') {
      const counts: ReasoningCounts = { altered: 0 };
      // Anthropic sends thinking only when asked to; OpenAI-style upstreams may reason unasked.
      const streams = ctx.api === 'openai' || asksForThinking(body);
      this.#plans.set(ctx, { mode, streams, counts, stream: undefined });
      if (this.#cfg.exposeHeaders) ctx.responseHeaders['x-warden-reasoning'] = mode;
    }
    if (tag) tags['output'] = tag;
    ctx.body = body;
    if (degradedBy && degrade.addedLatencyMs > 0) return pause(degrade.addedLatencyMs);
  }

  transformsStream(ctx: RequestContext): boolean {
    return this.#plans.get(ctx)?.streams ?? false;
  }

  transformResponse(ctx: RequestContext, body: JsonObject): JsonObject | void {
    const plan = this.#plans.get(ctx);
    if (!plan) return;
    const r = this.#cfg.reasoning;
    if (ctx.api === 'anthropic') {
      const content = governContent(body['content'], plan.mode, r, this.cache, ctx.principal.account.id, plan.counts);
      this.#record(ctx, plan);
      return content ? { ...body, content } : undefined;
    }
    const choices = governChoices(body['choices'], plan.mode, r, plan.counts);
    this.#record(ctx, plan);
    return choices ? { ...body, choices } : undefined;
  }

  transformStreamEvent(ctx: RequestContext, event: SseEvent, json: JsonObject | undefined): SseEvent[] | void {
    const plan = this.#plans.get(ctx);
    if (!plan) return;
    plan.stream ??=
      ctx.api === 'anthropic'
        ? new ThinkingStream(plan.mode, this.#cfg.reasoning, this.cache, ctx.principal.account.id, plan.counts)
        : new ReasoningDeltaStream(plan.mode, this.#cfg.reasoning, plan.counts);
    const before = plan.counts.altered;
    const out = plan.stream.transform(event, json);
    if (plan.counts.altered !== before) this.#record(ctx, plan);
    return out;
  }

  #record(ctx: RequestContext, plan: Plan): void {
    if (plan.counts.altered === 0) return;
    const tag = (ctx.tags['output'] ??= {}) as OutputTag;
    tag.reasoning = plan.mode === 'redact' ? 'redacted' : 'summarized';
    tag.reasoningBlocks = plan.counts.altered;
  }
}

function engineAction(detection: unknown): Action {
  const action = typeof detection === 'object' && detection !== null ? (detection as { action?: unknown }).action : undefined;
  return typeof action === 'string' && (ACTIONS as readonly string[]).includes(action) ? (action as Action) : 'allow';
}

function asksForThinking(body: JsonObject): boolean {
  const t = body['thinking'];
  return typeof t === 'object' && t !== null && ((t as JsonObject)['type'] === 'enabled' || (t as JsonObject)['type'] === 'adaptive');
}

function maxTokensOf(body: JsonObject): number | undefined {
  const v = body['max_tokens'];
  return typeof v === 'number' ? v : undefined;
}

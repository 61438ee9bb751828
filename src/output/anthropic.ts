/**
 * Reasoning exposure for the Anthropic Messages API: thinking blocks in
 * responses (whole and streamed), placeholders restored in later requests, and
 * the `thinking` request parameter.
 */
import { WardenError } from '../errors.js';
import type { JsonObject } from '../proxy/protocols/protocol.js';
import { formatSse, type SseEvent } from '../proxy/sse.js';
import { MIN_THINKING_BUDGET, type ReasoningConfig, type ReasoningMode, type RequestTreatment } from './config.js';
import { SummaryBudget, summarizeText } from './summary.js';
import { isPlaceholderSignature, type ThinkingCache } from './thinking-cache.js';

export interface ReasoningCounts {
  /** Blocks replaced by a notice, truncated, or removed. */
  altered: number;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

// ------------------------------------------------------------------ responses

/** The content of a whole (non-streamed) message under `mode`; undefined when nothing changed. */
export function governContent(
  content: unknown,
  mode: Exclude<ReasoningMode, 'pass'>,
  cfg: ReasoningConfig,
  cache: ThinkingCache,
  account: string,
  counts: ReasoningCounts,
): unknown[] | undefined {
  if (!Array.isArray(content)) return undefined;
  let out: unknown[] | undefined;
  for (let i = 0; i < content.length; i++) {
    const block: unknown = content[i];
    const replacement = isObject(block) && block['type'] === 'thinking' && typeof block['thinking'] === 'string' ? govern(block, mode, cfg, cache, account) : KEEP;
    if (replacement === KEEP) {
      out?.push(block);
      continue;
    }
    out ??= content.slice(0, i);
    if (replacement !== DROP) out.push(replacement);
    counts.altered++;
  }
  return out;
}

const KEEP = Symbol('keep');
const DROP = Symbol('drop');

function govern(block: JsonObject, mode: Exclude<ReasoningMode, 'pass'>, cfg: ReasoningConfig, cache: ThinkingCache, account: string): JsonObject | typeof KEEP | typeof DROP {
  const thinking = block['thinking'] as string;
  const signature = typeof block['signature'] === 'string' ? block['signature'] : '';
  if (mode === 'summarize') {
    const shown = summarizeText(thinking, cfg.summary);
    // Short enough to show whole: the upstream's own signature stays valid.
    if (shown === thinking) return KEEP;
    return { type: 'thinking', thinking: shown, signature: cache.hold(account, { thinking, signature }) };
  }
  if (cfg.anthropicRedactAs === 'drop') return DROP;
  return { type: 'thinking', thinking: cfg.notice, signature: cache.hold(account, { thinking, signature }) };
}

interface OpenThinking {
  index: number;
  thinking: string;
  signature: string;
  budget: SummaryBudget | undefined;
}

/**
 * Follows one message stream and rewrites its thinking blocks: their deltas
 * are withheld (redact) or cut (summarize), the upstream's signature is held
 * back until the block ends, and the block then closes with the notice or
 * marker and a Warden token as its signature, or with the original signature
 * when nothing was cut. With `drop`, thinking blocks vanish and every later
 * block's `index` moves down so the client sees a consistent numbering.
 */
export class ThinkingStream {
  #open: OpenThinking | undefined;
  /** Upstream indices of dropped blocks seen so far (blocks arrive in index order). */
  #dropped = 0;
  #droppedIndex = -1;

  constructor(
    private readonly mode: Exclude<ReasoningMode, 'pass'>,
    private readonly cfg: ReasoningConfig,
    private readonly cache: ThinkingCache,
    private readonly account: string,
    private readonly counts: ReasoningCounts,
  ) {}

  get #drop(): boolean {
    return this.mode === 'redact' && this.cfg.anthropicRedactAs === 'drop';
  }

  /** Events to send for `event`; undefined keeps it as it is. */
  transform(event: SseEvent, json: JsonObject | undefined): SseEvent[] | undefined {
    if (!json) return undefined;
    const type = json['type'];
    if (type !== 'content_block_start' && type !== 'content_block_delta' && type !== 'content_block_stop') return undefined;
    const index = json['index'];
    if (typeof index !== 'number') return undefined;
    if (type === 'content_block_start') {
      const block = json['content_block'];
      if (isObject(block) && block['type'] === 'thinking') {
        this.#open = { index, thinking: '', signature: '', budget: this.mode === 'summarize' ? new SummaryBudget(this.cfg.summary) : undefined };
        if (this.#drop) {
          this.#dropped++;
          this.#droppedIndex = index;
          return [];
        }
        const early = block['thinking'];
        if (typeof early !== 'string' || early.length === 0) return this.#renumbered(json, index);
        // Text in the start event itself is treated like a first delta.
        const start = this.#event('content_block_start', { ...json, index: this.#client(index), content_block: { type: 'thinking', thinking: '', signature: '' } });
        const first = this.#delta({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: early } }, this.#open);
        return [start, ...(first ?? [this.#event('content_block_delta', { type: 'content_block_delta', index: this.#client(index), delta: { type: 'thinking_delta', thinking: early } })])];
      }
    }
    const open = this.#open;
    if (open === undefined || open.index !== index) {
      if (index === this.#droppedIndex) return [];
      return this.#renumbered(json, index);
    }
    if (type === 'content_block_delta') return this.#delta(json, open);
    // content_block_stop of the thinking block.
    this.#open = undefined;
    if (this.#drop) {
      this.counts.altered++;
      return [];
    }
    const shown = open.budget && !open.budget.cut;
    if (shown) return [this.#event('content_block_delta', { type: 'content_block_delta', index: this.#client(index), delta: { type: 'signature_delta', signature: open.signature } }), ...(this.#renumbered(json, index) ?? [event])];
    this.counts.altered++;
    const token = this.cache.hold(this.account, { thinking: open.thinking, signature: open.signature });
    const text = open.budget ? this.cfg.summary.marker : this.cfg.notice;
    const at = this.#client(index);
    return [
      this.#event('content_block_delta', { type: 'content_block_delta', index: at, delta: { type: 'thinking_delta', thinking: text } }),
      this.#event('content_block_delta', { type: 'content_block_delta', index: at, delta: { type: 'signature_delta', signature: token } }),
      ...(this.#renumbered(json, index) ?? [event]),
    ];
  }

  #delta(json: JsonObject, open: OpenThinking): SseEvent[] | undefined {
    const delta = json['delta'];
    if (!isObject(delta)) return [];
    if (delta['type'] === 'signature_delta') {
      if (typeof delta['signature'] === 'string') open.signature += delta['signature'];
      return [];
    }
    if (delta['type'] !== 'thinking_delta' || typeof delta['thinking'] !== 'string') return [];
    const piece = delta['thinking'];
    open.thinking += piece;
    if (!open.budget || this.#drop) return [];
    const kept = open.budget.take(piece);
    if (kept.length === 0) return [];
    if (kept.length === piece.length) return this.#renumbered(json, open.index);
    return [this.#event('content_block_delta', { ...json, index: this.#client(open.index), delta: { type: 'thinking_delta', thinking: kept } })];
  }

  #client(index: number): number {
    return index - this.#dropped;
  }

  /** The event with its index moved down past dropped blocks; undefined when it needs no change. */
  #renumbered(json: JsonObject, index: number): SseEvent[] | undefined {
    if (this.#dropped === 0) return undefined;
    return [this.#event(json['type'] as string, { ...json, index: this.#client(index) })];
  }

  #event(name: string, data: JsonObject): SseEvent {
    const raw = formatSse(JSON.stringify(data), name);
    return { event: name, data: raw.slice(raw.indexOf('data: ') + 6, -2), raw };
  }
}

// ------------------------------------------------------------------ requests

export interface RestoreResult {
  messages: unknown[] | undefined;
  restored: number;
  missing: number;
}

/**
 * Puts the upstream's original block back in place of every Warden placeholder
 * in the conversation, so the upstream sees the thinking it signed. A
 * placeholder whose original is gone is dropped (the upstream could never
 * verify it) or, with `onMissing: reject`, refused. Copy on write.
 */
export function restorePlaceholders(
  messages: unknown[],
  cache: ThinkingCache,
  account: string,
  onMissing: 'drop' | 'reject',
): RestoreResult {
  const result: RestoreResult = { messages: undefined, restored: 0, missing: 0 };
  for (let m = 0; m < messages.length; m++) {
    const msg: unknown = messages[m];
    if (!isObject(msg) || msg['role'] !== 'assistant' || !Array.isArray(msg['content'])) continue;
    const content = msg['content'] as unknown[];
    let next: unknown[] | undefined;
    for (let i = 0; i < content.length; i++) {
      const block: unknown = content[i];
      if (!isObject(block) || block['type'] !== 'thinking' || !isPlaceholderSignature(block['signature'])) {
        next?.push(block);
        continue;
      }
      next ??= content.slice(0, i);
      const held = cache.take(account, block['signature']);
      if (held) {
        next.push({ ...block, thinking: held.thinking, signature: held.signature });
        result.restored++;
        continue;
      }
      if (onMissing === 'reject') {
        throw new WardenError(
          'WARDEN_ERR_REASONING_UNAVAILABLE',
          `messages.${m}.content.${i}: this thinking block was issued by the gateway and its original is no longer held (expired, or issued by another instance); resend the conversation without it`,
        );
      }
      result.missing++;
    }
    if (next === undefined) continue;
    result.messages ??= messages.slice();
    // An empty assistant turn is invalid upstream; a short text keeps the turn (and the conversation's order).
    result.messages[m] = { ...msg, content: next.length > 0 ? next : [{ type: 'text', text: '[reasoning withheld]' }] };
  }
  return result;
}

/** The request's `thinking` parameter under a treatment; undefined when unchanged. */
export function treatThinkingRequest(
  body: JsonObject,
  treatment: RequestTreatment,
  cfg: ReasoningConfig,
  maxTokens: number | undefined,
): { thinking: JsonObject; change: 'capped' | 'disabled' } | undefined {
  const thinking = body['thinking'];
  if (!isObject(thinking) || (thinking['type'] !== 'enabled' && thinking['type'] !== 'adaptive')) return undefined;
  if (treatment === 'allow') return undefined;
  if (treatment === 'reject') {
    throw new WardenError(
      'WARDEN_ERR_REASONING_NOT_ALLOWED',
      'extended thinking is not available to this account under the provider policy; send the request without "thinking"',
    );
  }
  // Adaptive thinking has no budget to lower: it is left to the model.
  if (thinking['type'] !== 'enabled') return undefined;
  const budget = thinking['budget_tokens'];
  const capped = typeof budget === 'number' ? Math.min(budget, cfg.cap.budgetTokens) : cfg.cap.budgetTokens;
  const lowered = { ...thinking, budget_tokens: capped };
  const fitted = fitThinking(lowered, maxTokens);
  if (fitted) return fitted;
  return capped === budget ? undefined : { thinking: lowered, change: 'capped' };
}

/**
 * Anthropic wants budget_tokens below max_tokens: the budget is lowered to fit,
 * or thinking turned off when no allowed budget fits. Undefined when it fits.
 */
export function fitThinking(thinking: unknown, maxTokens: number | undefined): { thinking: JsonObject; change: 'capped' | 'disabled' } | undefined {
  if (!isObject(thinking) || thinking['type'] !== 'enabled' || maxTokens === undefined) return undefined;
  const budget = thinking['budget_tokens'];
  if (typeof budget !== 'number' || budget < maxTokens) return undefined;
  if (maxTokens - 1 < MIN_THINKING_BUDGET) return { thinking: { type: 'disabled' }, change: 'disabled' };
  return { thinking: { ...thinking, budget_tokens: maxTokens - 1 }, change: 'capped' };
}

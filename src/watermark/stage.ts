import type { Outcome, RequestContext, Stage } from '../proxy/stages.js';
import type { JsonObject } from '../proxy/protocols/protocol.js';
import { formatSse, type SseEvent } from '../proxy/sse.js';
import type { RequestEvent } from '../events/types.js';
import type { WatermarkConfig } from './config.js';
import { TableCache, type Keyring } from './keys.js';
import { lexiconFor, type Lexicon } from './lexicon.js';
import { FieldMarker } from './response-marker.js';

/** What marking did to one reply, recorded on its event (`tags.watermark`): enough to trace a leak to its key version. */
export interface WatermarkTag {
  version: number;
  words?: number;
  altered?: number;
  restyled?: number;
  logprobsDropped?: true;
}

interface Plan {
  table: Uint8Array;
  tag: WatermarkTag;
  /** One marker per text field: Anthropic content block index, or OpenAI choice index. */
  fields: Map<number, FieldMarker>;
  /** The last OpenAI chunk, whose envelope (id, model, created) a final flush reuses. */
  lastChunk: JsonObject | undefined;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Marks generated text for the account that receives it, on both APIs,
 * streamed and not. Only assistant text is touched: tool calls, tool inputs,
 * reasoning and JSON-mode replies pass byte for byte, and within text the
 * scanner leaves code, quotations and markup alone.
 */
export class WatermarkStage implements Stage {
  readonly name = 'watermark';
  readonly #cfg: WatermarkConfig;
  readonly #keyring: Keyring;
  readonly #tables: TableCache;
  readonly #exemptAccounts: ReadonlySet<string>;
  readonly #lexicon: Lexicon;
  readonly #plans = new WeakMap<RequestContext, Plan>();

  constructor(cfg: WatermarkConfig, keyring: Keyring) {
    this.#cfg = cfg;
    this.#keyring = keyring;
    this.#tables = new TableCache(keyring.current, cfg.tableCache);
    this.#exemptAccounts = new Set(cfg.exemptAccounts);
    this.#lexicon = lexiconFor(cfg);
  }

  get keyVersion(): number {
    return this.#keyring.current.version;
  }

  beforeForward(ctx: RequestContext): void {
    const account = ctx.principal.account;
    if (this.#exemptAccounts.has(account.id) || this.#cfg.exemptTiers.includes(account.tier)) return;
    if (ctx.api === 'openai' && isJsonMode(ctx.body)) return;
    const tag: WatermarkTag = { version: this.#keyring.current.version };
    if (this.#cfg.logprobs === 'drop' && (ctx.body['logprobs'] !== undefined || ctx.body['top_logprobs'] !== undefined)) {
      const { logprobs: _l, top_logprobs: _t, ...rest } = ctx.body;
      ctx.body = rest;
      tag.logprobsDropped = true;
    }
    ctx.tags['watermark'] = tag;
    if (this.#cfg.exposeHeader) ctx.responseHeaders['x-warden-watermark'] = `v${tag.version}`;
    this.#plans.set(ctx, { table: this.#tables.get(account.id), tag, fields: new Map(), lastChunk: undefined });
  }

  transformsStream(ctx: RequestContext): boolean {
    return this.#plans.has(ctx);
  }

  transformResponse(ctx: RequestContext, body: JsonObject): JsonObject | void {
    const plan = this.#plans.get(ctx);
    if (!plan) return;
    const markWhole = (text: string, key: number): string => {
      const m = this.#field(plan, key);
      return m.push(text) + m.end();
    };
    if (ctx.api === 'anthropic') {
      const content = body['content'];
      if (!Array.isArray(content)) return;
      let changed = false;
      const next = content.map((block: unknown, i) => {
        if (!isObject(block) || block['type'] !== 'text' || typeof block['text'] !== 'string') return block;
        const text = markWhole(block['text'], i);
        if (text === block['text']) return block;
        changed = true;
        return { ...block, text };
      });
      return changed ? { ...body, content: next } : undefined;
    }
    const choices = body['choices'];
    if (!Array.isArray(choices)) return;
    let changed = false;
    const next = choices.map((choice: unknown, i) => {
      if (!isObject(choice) || !isObject(choice['message'])) return choice;
      const message = choice['message'];
      if (typeof message['content'] !== 'string') return choice;
      const content = markWhole(message['content'], typeof choice['index'] === 'number' ? choice['index'] : i);
      if (content === message['content']) return choice;
      changed = true;
      return { ...choice, message: { ...message, content } };
    });
    return changed ? { ...body, choices: next } : undefined;
  }

  transformStreamEvent(ctx: RequestContext, event: SseEvent, json: JsonObject | undefined): SseEvent[] | void {
    const plan = this.#plans.get(ctx);
    if (!plan || !json) return;
    return ctx.api === 'anthropic' ? this.#anthropicEvent(plan, event, json) : this.#openAiChunk(plan, event, json);
  }

  endStream(ctx: RequestContext): SseEvent[] | void {
    const plan = this.#plans.get(ctx);
    if (!plan) return;
    // Only a stream cut short of its block ends or finish reasons still holds text here.
    const events: SseEvent[] = [];
    for (const [key, marker] of plan.fields) {
      const rest = marker.end();
      plan.fields.delete(key);
      this.#count(plan, marker);
      if (rest.length === 0) continue;
      if (ctx.api === 'anthropic') events.push(sse({ type: 'content_block_delta', index: key, delta: { type: 'text_delta', text: rest } }, 'content_block_delta'));
      else if (plan.lastChunk) events.push(sse({ ...plan.lastChunk, choices: [{ index: key, delta: { content: rest }, logprobs: null, finish_reason: null }] }));
    }
    return events;
  }

  afterCompletion(ctx: RequestContext, _outcome: Outcome, _event: RequestEvent): void {
    const plan = this.#plans.get(ctx);
    if (!plan) return;
    for (const marker of plan.fields.values()) this.#count(plan, marker);
    plan.fields.clear();
  }

  #field(plan: Plan, key: number): FieldMarker {
    let m = plan.fields.get(key);
    if (m === undefined) {
      m = new FieldMarker(plan.table, this.#lexicon);
      plan.fields.set(key, m);
    }
    return m;
  }

  #count(plan: Plan, marker: FieldMarker): void {
    const tag = plan.tag;
    tag.words = (tag.words ?? 0) + marker.words;
    tag.altered = (tag.altered ?? 0) + marker.altered;
    tag.restyled = (tag.restyled ?? 0) + marker.restyled;
  }

  #anthropicEvent(plan: Plan, event: SseEvent, json: JsonObject): SseEvent[] | void {
    const type = json['type'];
    const index = json['index'];
    if (typeof index !== 'number') return;
    if (type === 'content_block_delta') {
      const delta = json['delta'];
      if (!isObject(delta) || delta['type'] !== 'text_delta' || typeof delta['text'] !== 'string') return;
      const text = this.#field(plan, index).push(delta['text']);
      if (text === delta['text']) return;
      // Held back for look-ahead: sent with a later delta of this block.
      if (text.length === 0) return [];
      return [spliced(event, 'text', delta['text'], text) ?? sse({ ...json, delta: { ...delta, text } }, event.event)];
    }
    if (type === 'content_block_stop') {
      const marker = plan.fields.get(index);
      if (marker === undefined) return;
      plan.fields.delete(index);
      const rest = marker.end();
      this.#count(plan, marker);
      if (rest.length === 0) return;
      return [sse({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: rest } }, 'content_block_delta'), event];
    }
  }

  #openAiChunk(plan: Plan, event: SseEvent, json: JsonObject): SseEvent[] | void {
    const choices = json['choices'];
    if (!Array.isArray(choices) || choices.length === 0) return;
    plan.lastChunk = json;
    let changed = false;
    // The one content string a chunk changed, if that is all: spliced into the event's text rather than re-serializing it.
    let edit: { from: string; to: string } | undefined;
    let edits = 0;
    const next = choices.map((choice: unknown) => {
      if (!isObject(choice) || typeof choice['index'] !== 'number') return choice;
      const index = choice['index'];
      const delta = isObject(choice['delta']) ? choice['delta'] : undefined;
      const finished = choice['finish_reason'] !== null && choice['finish_reason'] !== undefined;
      const content = delta?.['content'];
      if (typeof content !== 'string' && !finished) return choice;
      const marker = typeof content === 'string' ? this.#field(plan, index) : plan.fields.get(index);
      if (marker === undefined) return choice;
      let text = typeof content === 'string' ? marker.push(content) : '';
      if (finished) {
        text += marker.end();
        plan.fields.delete(index);
        this.#count(plan, marker);
      }
      if (text === (content ?? '')) return choice;
      changed = true;
      edits++;
      edit = typeof content === 'string' ? { from: content, to: text } : undefined;
      return { ...choice, delta: { ...(delta ?? {}), content: text } };
    });
    if (!changed) return undefined;
    return [(edits === 1 && edit ? spliced(event, 'content', edit.from, edit.to) : undefined) ?? sse({ ...json, choices: next })];
  }
}

/**
 * The event with one string member's value replaced in its JSON text, or
 * undefined unless `"key":<from as JSON>` occurs exactly once (an upstream
 * that escapes differently, or a second member of that name, gets the full
 * re-serialization). A quote inside a JSON string is always escaped, so the
 * pattern cannot match inside a value.
 */
function spliced(event: SseEvent, key: string, from: unknown, to: string): SseEvent | undefined {
  if (typeof from !== 'string') return undefined;
  const needle = `"${key}":${JSON.stringify(from)}`;
  const at = event.data.indexOf(needle);
  if (at < 0 || event.data.includes(needle, at + needle.length)) return undefined;
  const data = `${event.data.slice(0, at)}"${key}":${JSON.stringify(to)}${event.data.slice(at + needle.length)}`;
  return { event: event.event, data, raw: formatSse(data, event.event) };
}

function sse(data: JsonObject, event?: string): SseEvent {
  const text = JSON.stringify(data);
  return { event, data: text, raw: formatSse(text, event) };
}

function isJsonMode(body: JsonObject): boolean {
  const format = body['response_format'];
  return isObject(format) && (format['type'] === 'json_object' || format['type'] === 'json_schema');
}

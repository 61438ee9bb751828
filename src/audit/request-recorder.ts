import type { EventSink, RequestEvent, TrafficEvent } from '../events/types.js';
import type { Account } from '../identity/types.js';
import type { Outcome, RequestContext, Stage } from '../proxy/stages.js';
import type { AuditRecord } from './entry.js';
import type { AuditLog } from './log.js';
import { PromptHmac } from './prompt-hmac.js';

export interface RequestRecorderOptions {
  /** Key of the prompt HMAC (from <dataDir>/audit-hmac-key). */
  hmacKey: Buffer;
  /** Tiers whose prompt text is stored in the entry (opt-in; none by default). */
  storePromptTiers: readonly string[];
}

/** What the event does not carry but the request's context knows. */
interface AccountFacts {
  tier: string;
  country: string | null;
}

/**
 * Turns every `request` event into an audit entry. As a stage it also (a)
 * remembers the account facts the event lacks (tier, country), and (b) holds
 * new requests while the audit queue is full, so back-pressure reaches the
 * callers instead of entries being dropped.
 */
export class RequestRecorder implements EventSink, Stage {
  readonly name = 'audit';
  readonly #log: AuditLog;
  readonly #opts: RequestRecorderOptions;
  readonly #hmac: PromptHmac;
  /**
   * The gateway calls afterCompletion and then emits that request's event in
   * one synchronous step, so one slot is enough to hand the facts over (a
   * WeakMap keyed by every event cost the garbage collector more).
   */
  #lastEvent: RequestEvent | undefined;
  #lastFacts: AccountFacts = { tier: '', country: null };

  constructor(log: AuditLog, opts: RequestRecorderOptions) {
    this.#log = log;
    this.#opts = opts;
    this.#hmac = new PromptHmac(opts.hmacKey);
  }

  beforeForward(): Promise<void> | void {
    if (this.#log.full) return this.#log.space();
  }

  afterCompletion(ctx: RequestContext, _outcome: Outcome, event: RequestEvent): void {
    const a: Account = ctx.principal.account;
    this.#lastEvent = event;
    this.#lastFacts = { tier: a.tier, country: a.country };
  }

  /**
   * In `sync` mode, a second stage placed after every deciding stage: the
   * request is forwarded only once a record of it (who, what, from where, the
   * decisions so far) is committed, so no upstream work happens unrecorded.
   * The completion entry follows from the request event.
   */
  readonly admission: Stage = {
    name: 'audit-admission',
    beforeForward: async (ctx: RequestContext) => {
      await this.#log.append(this.admissionRecord(ctx), { durable: true });
    },
  };

  admissionRecord(ctx: RequestContext): AuditRecord {
    const a = ctx.principal.account;
    const detection = ctx.tags['detection'] as { action?: string } | undefined;
    return {
      ts: ctx.receivedAt,
      kind: 'admission',
      ref: ctx.id,
      account: a.id,
      org: a.orgId,
      action: 'admitted',
      ip: ctx.ip,
      payload: {
        kind: 'admission',
        action: 'admitted',
        requestId: ctx.id,
        ts: new Date(ctx.receivedAt).toISOString(),
        account: a.id,
        org: a.orgId,
        keyPrefix: ctx.principal.key.id,
        country: a.country,
        tier: a.tier,
        endpoint: ctx.endpoint,
        model: ctx.model,
        stream: ctx.stream,
        limits: ctx.tags['limits'] ?? null,
        engine: { action: detection?.action ?? 'allow' },
        promptHmac: this.#hmac.hex(promptText(ctx.clientBody)),
      },
    };
  }

  emit(event: TrafficEvent): void {
    if (event.type !== 'request') return;
    this.#log.enqueue(this.record(event));
  }

  record(e: RequestEvent): AuditRecord {
    const facts = e === this.#lastEvent ? this.#lastFacts : undefined;
    if (facts) this.#lastEvent = undefined;
    const tags = e.tags;
    const detection = tags?.['detection'] as { action?: string; score?: number; cluster?: string | null; shadow?: boolean; reasons?: string[] } | undefined;
    const action = detection?.action ?? 'allow';
    const prompt = promptText(e.body);
    // Absent means unknown: every entry is stored and hashed, so nulls would be bytes for nothing.
    // Built field by field rather than deleting nulls afterwards: `delete` turns the object into a slow dictionary.
    const payload: Record<string, unknown> = { kind: 'request', id: e.id, ts: e.ts, account: e.account };
    if (e.org != null) payload['org'] = e.org;
    if (e.key != null) payload['keyPrefix'] = e.key;
    if (facts?.country != null) payload['country'] = facts.country;
    if (facts) payload['tier'] = facts.tier;
    payload['endpoint'] = e.endpoint;
    if (e.model != null) payload['model'] = e.model;
    payload['stream'] = e.stream ?? false;
    payload['status'] = e.status;
    if (e.error_code != null) payload['errorCode'] = e.error_code;
    payload['latencyMs'] = e.latency_ms;
    payload['tokensIn'] = e.response?.usage.prompt_tokens ?? 0;
    payload['tokensOut'] = e.response?.usage.completion_tokens ?? 0;
    if (e.user_agent != null) payload['userAgent'] = e.user_agent;
    if (tags?.['limits'] != null) payload['limits'] = tags['limits'];
    payload['engine'] = detection
      ? { action, score: detection.score ?? null, cluster: detection.cluster ?? null, shadow: detection.shadow ?? false, reasons: detection.reasons ?? [] }
      : { action: 'allow' };
    // Which watermark key marked the reply: what a leak traced to this account was written with.
    const watermark = tags?.['watermark'] as { version?: number } | undefined;
    if (watermark?.version !== undefined) payload['watermarkKey'] = watermark.version;
    // Keyed, so equal prompts can be matched across entries without the hash being a dictionary target.
    payload['promptHmac'] = this.#hmac.hex(prompt);
    if (facts && this.#opts.storePromptTiers.includes(facts.tier)) payload['prompt'] = prompt;
    return { ts: Date.parse(e.ts), kind: 'request', ref: e.id, account: e.account, org: e.org ?? null, action, ip: e.ip ?? null, payload };
  }
}

/** The prompt as the client sent it (messages, system, tools), in one stable text. */
function promptText(body: Record<string, unknown>): string {
  return JSON.stringify({ system: body['system'], messages: body['messages'], prompt: body['prompt'], tools: body['tools'] });
}

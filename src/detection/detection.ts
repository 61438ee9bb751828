import type { Logger } from 'pino';
import { Engine } from '../engine/engine.js';
import { normalizeEvent } from '../engine/normalize.js';
import type { Policy } from '../engine/policy.js';
import type { Decision, Verdict } from '../engine/types.js';
import { WardenError } from '../errors.js';
import type { EventSink, TrafficEvent } from '../events/types.js';
import { evaluateRate } from '../limits/gcra.js';
import type { RequestContext, Stage } from '../proxy/stages.js';

export interface ReviewItem {
  account: string;
  since: string;
  score: number;
  cluster: string | null;
  reasons: string[];
}

/** Most accounts held in the review queue and throttle table (oldest dropped first). */
const MAX_TRACKED = 100_000;

/**
 * The gateway's driver of the detection engine. As an event sink it feeds the
 * engine the same traffic-log events `warden replay` reads (normalized by the
 * same function), so online and offline verdicts agree. As a stage it enforces
 * the account's current action before forwarding: the decision is a lookup on
 * state already built, and feature extraction runs after the response, batched
 * off the request path.
 */
/** Reasons carried on the request event when detection acts. */
const REASONS_ON_EVENT = 5;

export class Detection implements Stage, EventSink {
  readonly name = 'detection';
  readonly engine: Engine;
  private queue: TrafficEvent[] = [];
  private scheduled = false;
  private readonly throttles = new Map<string, number>();
  private readonly review = new Map<string, ReviewItem>();
  /** Events the engine could not read (never expected from the gateway's own events). */
  rejected = 0;

  constructor(
    readonly policy: Policy,
    private readonly logger: Logger,
  ) {
    this.engine = new Engine(policy);
  }

  // ------------------------------------------------------------ event sink

  emit(event: TrafficEvent): void {
    this.queue.push(event);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Feeds queued events to the engine in arrival order. */
  drain(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const e of batch) {
      const n = normalizeEvent(e);
      if (!n.ok) {
        this.rejected++;
        this.logger.warn({ reason: n.reason, type: e.type }, 'detection skipped an event it could not read');
        continue;
      }
      this.engine.process(n.event);
    }
  }

  async close(): Promise<void> {
    this.drain();
  }

  // ------------------------------------------------------------ stage

  beforeForward(ctx: RequestContext): void {
    const account = ctx.principal.account.id;
    const d = this.engine.decide(account, false);
    if (d.action === 'allow' && !d.shadow) return;
    const full = this.engine.decide(account, true);
    // The top reasons travel with the request event (audit records them; the prompt never does).
    ctx.tags['detection'] = { action: full.action, score: full.score, cluster: full.cluster, shadow: full.shadow, reasons: full.reasons.slice(0, REASONS_ON_EVENT) };
    this.enforce(ctx, full);
  }

  private enforce(ctx: RequestContext, d: Decision): void {
    const account = ctx.principal.account.id;
    switch (d.action) {
      case 'block':
        this.logger.info({ reqId: ctx.id, account, score: d.score, reasons: d.reasons.slice(0, 3) }, 'request blocked by detection');
        throw new WardenError('WARDEN_ERR_BLOCKED', `this account's access is suspended by the provider's usage policy; reference ${ctx.id}`);
      case 'challenge':
        throw new WardenError('WARDEN_ERR_VERIFICATION_REQUIRED', `additional account verification is required before further use; reference ${ctx.id}`);
      case 'throttle': {
        const now = ctx.receivedAt;
        const r = evaluateRate({ limit: this.policy.throttle_rpm, periodMs: 60_000 }, 1, this.throttles.get(account), now);
        if (!r.allowed) {
          const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
          throw new WardenError('WARDEN_ERR_RATE_LIMITED', `rate limit exceeded for this account; retry in ${seconds}s`, { headers: { 'retry-after': String(seconds) } });
        }
        bounded(this.throttles, account, r.newTat);
        return;
      }
      case 'degrade':
        // Output governance reads this tag (max_tokens caps, n = 1, reasoning redaction).
        ctx.tags['degrade'] = true;
        return;
      case 'review':
        if (!this.review.has(account)) {
          bounded(this.review, account, { account, since: new Date(ctx.receivedAt).toISOString(), score: d.score, cluster: d.cluster, reasons: d.reasons });
        }
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------ operators

  /** The engine's current view of one account. */
  account(id: string): Decision {
    this.drain();
    return this.engine.decide(id, true);
  }

  verdicts(): Verdict[] {
    this.drain();
    return [...this.engine.verdicts()];
  }

  reviewQueue(): ReviewItem[] {
    return [...this.review.values()];
  }
}

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_TRACKED) map.delete(map.keys().next().value as string);
}

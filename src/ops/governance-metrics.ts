import { Counter, Gauge, type Registry } from 'prom-client';
import type { AuditLog } from '../audit/log.js';
import type { EventSink, TrafficEvent } from '../events/types.js';

interface Tags {
  detection?: { action?: unknown; shadow?: unknown };
  output?: { degradedBy?: unknown; reasoning?: unknown; reasoningRequest?: unknown };
  watermark?: { words?: unknown; altered?: unknown; restyled?: unknown };
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * What Warden decided and did to replies, as Prometheus series: read off each
 * request event's tags (detection action, output governance, watermark) and,
 * at scrape time, off the audit log's own counters. Label values come from
 * fixed sets (actions, modes), never from clients.
 */
export class GovernanceMetrics implements EventSink {
  readonly #detection: Counter<'action' | 'shadow'>;
  readonly #degraded: Counter<'by'>;
  readonly #reasoning: Counter<'treatment'>;
  readonly #marked: Counter;
  readonly #words: Counter<'kind'>;
  // Children cached by label value: prom-client otherwise hashes the labels on every call.
  readonly #children = new Map<string, { inc(v?: number): void }>();

  constructor(registry: Registry, audit: AuditLog | undefined) {
    const registers = [registry];
    this.#detection = new Counter({ name: 'warden_detection_actions_total', help: 'Detection decisions on requests, by action; shadow="true": the policy would have acted, shadow mode let the request through.', labelNames: ['action', 'shadow'] as const, registers });
    this.#degraded = new Counter({ name: 'warden_output_degraded_total', help: 'Replies served in degrade mode, by who asked for it (detection or operator).', labelNames: ['by'] as const, registers });
    this.#reasoning = new Counter({ name: 'warden_output_reasoning_total', help: 'Reasoning withheld: replies whose reasoning was redacted or summarized, and requests for reasoning that were capped or disabled.', labelNames: ['treatment'] as const, registers });
    this.#marked = new Counter({ name: 'warden_watermark_replies_total', help: 'Replies marked with the per-account watermark.', registers });
    this.#words = new Counter({ name: 'warden_watermark_words_total', help: 'Prose words in marked replies, and how many the marks changed (altered) or restyled (typography only).', labelNames: ['kind'] as const, registers });
    if (audit) auditSeries(registry, audit);
  }

  emit(event: TrafficEvent): void {
    if (event.type !== 'request' || event.tags === undefined) return;
    const tags = event.tags as Tags;
    const d = tags.detection;
    if (d !== undefined && typeof d.action === 'string') this.#child(`d${d.action}${d.shadow === true}`, () => this.#detection.labels(d.action as string, String(d.shadow === true))).inc();
    const o = tags.output;
    if (o !== undefined) {
      if (typeof o.degradedBy === 'string') this.#child(`g${o.degradedBy}`, () => this.#degraded.labels(o.degradedBy as string)).inc();
      if (typeof o.reasoning === 'string') this.#child(`r${o.reasoning}`, () => this.#reasoning.labels(o.reasoning as string)).inc();
      if (typeof o.reasoningRequest === 'string') this.#child(`r${o.reasoningRequest}`, () => this.#reasoning.labels(o.reasoningRequest as string)).inc();
    }
    const w = tags.watermark;
    if (w !== undefined && count(w.words) > 0) {
      this.#marked.inc();
      this.#child('wseen', () => this.#words.labels('seen')).inc(count(w.words));
      if (count(w.altered) > 0) this.#child('waltered', () => this.#words.labels('altered')).inc(count(w.altered));
      if (count(w.restyled) > 0) this.#child('wrestyled', () => this.#words.labels('restyled')).inc(count(w.restyled));
    }
  }

  #child(key: string, make: () => { inc(v?: number): void }): { inc(v?: number): void } {
    let c = this.#children.get(key);
    if (c === undefined) {
      c = make();
      this.#children.set(key, c);
    }
    return c;
  }
}

/** The audit log's counters, read when Prometheus scrapes (appends pay nothing for them). */
function auditSeries(registry: Registry, audit: AuditLog): void {
  const registers = [registry];
  const fromStats = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  fromStats('warden_audit_entries_total', 'Audit entries committed by this instance.', () => audit.stats.appended);
  fromStats('warden_audit_batches_total', 'Audit commits (batches) by this instance.', () => audit.stats.batches);
  fromStats('warden_audit_commit_failures_total', 'Audit commits that failed and were retried.', () => audit.stats.failures);
  fromStats('warden_audit_dropped_total', 'Audit entries dropped (expected to stay 0: a full queue holds requests instead).', () => audit.stats.dropped);
  fromStats('warden_audit_backpressure_waits_total', 'Requests held because the audit queue was full.', () => audit.stats.waitedForSpace);
  new Gauge({
    name: 'warden_audit_queue_depth',
    help: 'Audit entries waiting for their commit.',
    registers,
    collect() {
      this.set(audit.queued);
    },
  });
  new Gauge({
    name: 'warden_audit_log_size',
    help: 'Entries in the audit log (the committed tree size).',
    registers,
    collect() {
      this.set(audit.size);
    },
  });
}

/**
 * Reasoning exposure for OpenAI-style chat completions: the `reasoning_content`
 * and `reasoning` text fields of messages and stream deltas, and the
 * `reasoning_effort` request parameter. These fields are never sent back to
 * the upstream, so nothing needs restoring.
 */
import { WardenError } from '../errors.js';
import type { JsonObject } from '../proxy/protocols/protocol.js';
import { formatSse, type SseEvent } from '../proxy/sse.js';
import { EFFORTS, type ReasoningConfig, type ReasoningMode, type RequestTreatment } from './config.js';
import type { ReasoningCounts } from './anthropic.js';
import { SummaryBudget, summarizeText } from './summary.js';

const FIELDS = ['reasoning_content', 'reasoning'] as const;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The choices of a whole response under `mode`; undefined when nothing changed. */
export function governChoices(choices: unknown, mode: Exclude<ReasoningMode, 'pass'>, cfg: ReasoningConfig, counts: ReasoningCounts): unknown[] | undefined {
  if (!Array.isArray(choices)) return undefined;
  let out: unknown[] | undefined;
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i];
    const message = isObject(choice) ? choice['message'] : undefined;
    if (!isObject(message)) continue;
    let next: JsonObject | undefined;
    for (const field of FIELDS) {
      const text = message[field];
      if (typeof text !== 'string' || text.length === 0) continue;
      const shown = mode === 'summarize' ? summarizeText(text, cfg.summary) : cfg.notice;
      if (shown === text) continue;
      next ??= { ...message };
      next[field] = shown;
      counts.altered++;
    }
    if (!next) continue;
    out ??= choices.slice();
    out[i] = { ...(choice as JsonObject), message: next };
  }
  return out;
}

interface FieldState {
  budget: SummaryBudget | undefined;
  /** The notice or marker went out: the rest of this field is withheld. */
  closed: boolean;
}

/**
 * Rewrites the reasoning deltas of one stream, per choice and field: redact
 * sends the notice once in place of the first piece and withholds the rest;
 * summarize lets pieces through until the budget runs out, then the marker.
 * A delta left empty is dropped, and a chunk left without choices with it.
 */
export class ReasoningDeltaStream {
  readonly #fields = new Map<string, FieldState>();

  constructor(
    private readonly mode: Exclude<ReasoningMode, 'pass'>,
    private readonly cfg: ReasoningConfig,
    private readonly counts: ReasoningCounts,
  ) {}

  transform(event: SseEvent, json: JsonObject | undefined): SseEvent[] | undefined {
    // Cheap test first: most chunks carry no reasoning at all.
    if (!json || !(event.data.includes('"reasoning_content":') || event.data.includes('"reasoning":'))) return undefined;
    const choices = json['choices'];
    if (!Array.isArray(choices)) return undefined;
    let changed = false;
    const kept: unknown[] = [];
    for (const choice of choices) {
      const delta = isObject(choice) ? choice['delta'] : undefined;
      if (!isObject(delta)) {
        kept.push(choice);
        continue;
      }
      const next = this.#delta(delta, (choice as JsonObject)['index']);
      if (next === delta) {
        kept.push(choice);
        continue;
      }
      changed = true;
      const c = choice as JsonObject;
      const empty = Object.keys(next).length === 0 && (c['finish_reason'] === null || c['finish_reason'] === undefined) && (c['logprobs'] === null || c['logprobs'] === undefined);
      if (!empty) kept.push({ ...c, delta: next });
    }
    if (!changed) return undefined;
    if (kept.length === 0 && (json['usage'] === null || json['usage'] === undefined)) return [];
    const data = JSON.stringify({ ...json, choices: kept });
    return [{ event: event.event, data, raw: formatSse(data, event.event) }];
  }

  #delta(delta: JsonObject, index: unknown): JsonObject {
    let next = delta;
    for (const field of FIELDS) {
      const piece = delta[field];
      if (typeof piece !== 'string') continue;
      const key = `${String(index)}:${field}`;
      let state = this.#fields.get(key);
      if (!state) {
        state = { budget: this.mode === 'summarize' ? new SummaryBudget(this.cfg.summary) : undefined, closed: false };
        this.#fields.set(key, state);
      }
      const shown = this.#shown(state, piece);
      if (shown === piece) continue;
      if (next === delta) next = { ...delta };
      if (shown === undefined) delete next[field];
      else next[field] = shown;
    }
    return next;
  }

  /** What the client sees of one piece; undefined: nothing. */
  #shown(state: FieldState, piece: string): string | undefined {
    if (state.closed) return undefined;
    if (!state.budget) {
      state.closed = true;
      this.counts.altered++;
      return this.cfg.notice;
    }
    const kept = state.budget.take(piece);
    if (!state.budget.cut) return kept;
    state.closed = true;
    this.counts.altered++;
    return kept + this.cfg.summary.marker;
  }
}

/** `reasoning_effort` (or `reasoning.effort`) under a treatment; undefined when unchanged. */
export function treatEffortRequest(body: JsonObject, treatment: RequestTreatment, cfg: ReasoningConfig): { body: JsonObject; change: 'capped' } | undefined {
  const top = body['reasoning_effort'];
  const nested = isObject(body['reasoning']) ? (body['reasoning'] as JsonObject)['effort'] : undefined;
  const asked = typeof top === 'string' ? top : typeof nested === 'string' ? nested : undefined;
  if (asked === undefined || asked === 'none' || treatment === 'allow') return undefined;
  if (treatment === 'reject') {
    throw new WardenError(
      'WARDEN_ERR_REASONING_NOT_ALLOWED',
      'reasoning output is not available to this account under the provider policy; send the request without "reasoning_effort"',
    );
  }
  const rank = EFFORTS.indexOf(asked as (typeof EFFORTS)[number]);
  // Unknown efforts (e.g. a provider's "xhigh") count as above every known one.
  if (rank !== -1 && rank <= EFFORTS.indexOf(cfg.cap.effort)) return undefined;
  const out = { ...body };
  if (typeof top === 'string') out['reasoning_effort'] = cfg.cap.effort;
  else out['reasoning'] = { ...(body['reasoning'] as JsonObject), effort: cfg.cap.effort };
  return { body: out, change: 'capped' };
}

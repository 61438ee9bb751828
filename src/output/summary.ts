import { countTokens, decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { ReasoningConfig } from './config.js';

/**
 * How much of one reasoning block `summarize` lets through, fed piece by piece
 * (stream deltas, or a whole block at once). Tokens are counted per piece, so a
 * word split across two deltas may count one token extra: the cut errs short.
 */
export class SummaryBudget {
  #left: number;
  readonly #tokens: boolean;
  #cut = false;

  constructor(summary: ReasoningConfig['summary']) {
    this.#tokens = summary.maxTokens !== undefined;
    this.#left = summary.maxTokens ?? summary.maxChars ?? 0;
  }

  /** True once the budget ran out and something was cut. */
  get cut(): boolean {
    return this.#cut;
  }

  /** The part of `piece` that still fits. */
  take(piece: string): string {
    if (piece.length === 0) return piece;
    if (this.#left <= 0) {
      this.#cut = true;
      return '';
    }
    if (!this.#tokens) {
      if (piece.length <= this.#left) {
        this.#left -= piece.length;
        return piece;
      }
      const kept = piece.slice(0, this.#left);
      this.#left = 0;
      this.#cut = true;
      return kept;
    }
    const n = countTokens(piece);
    if (n <= this.#left) {
      this.#left -= n;
      return piece;
    }
    const kept = decode(encode(piece).slice(0, this.#left));
    this.#left = 0;
    this.#cut = true;
    return kept;
  }
}

/** A whole block summarized: its head, and the marker when anything was cut. */
export function summarizeText(text: string, summary: ReasoningConfig['summary']): string {
  const budget = new SummaryBudget(summary);
  const head = budget.take(text);
  return budget.cut ? head + summary.marker : head;
}

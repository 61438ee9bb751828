import { Rng } from '../src/traffic/rng.js';

/**
 * A small student language model for the distillation-provenance test: a
 * word bigram model (each token keeps the whitespace before it) trained on a
 * corpus in seconds, sampled with a seeded generator. It stands in for a
 * model distilled from harvested outputs: like any language model it learns
 * which word follows which, and so the watermark's keyed choices in context.
 */
const TOKEN = /\s*(?:[A-Za-z’']+|[0-9]+|[^\sA-Za-z0-9])/g;

export class BigramStudent {
  readonly #ids = new Map<string, number>();
  readonly #tokens: string[] = [];
  /** Context (previous token without its whitespace) → next token id → count. */
  readonly #next = new Map<string, Map<number, number>>();
  #sampler = new Map<string, { ids: Int32Array; cum: Float64Array }>();

  train(text: string): void {
    let prev = '';
    for (const m of text.matchAll(TOKEN)) {
      const token = m[0].replace(/\s+/, (ws) => (ws.includes('\n') ? '\n' : ws.length > 1 ? '  ' : ' '));
      let id = this.#ids.get(token);
      if (id === undefined) {
        id = this.#tokens.length;
        this.#tokens.push(token);
        this.#ids.set(token, id);
      }
      let row = this.#next.get(prev);
      if (row === undefined) {
        row = new Map();
        this.#next.set(prev, row);
      }
      row.set(id, (row.get(id) ?? 0) + 1);
      prev = token.trim();
    }
    this.#sampler = new Map();
  }

  generate(count: number, seed: number): string {
    const rng = new Rng(seed);
    const random = () => rng.next();
    const out: string[] = [];
    let prev = '.';
    for (let i = 0; i < count; i++) {
      const row = this.#row(prev) ?? this.#row('.');
      if (row === undefined) break;
      const r = random() * (row.cum[row.cum.length - 1] as number);
      let lo = 0;
      let hi = row.cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((row.cum[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      const token = this.#tokens[row.ids[lo] as number] as string;
      out.push(token);
      prev = token.trim();
    }
    return out.join('');
  }

  #row(context: string): { ids: Int32Array; cum: Float64Array } | undefined {
    let row = this.#sampler.get(context);
    if (row !== undefined) return row;
    const counts = this.#next.get(context);
    if (counts === undefined) return undefined;
    const ids = new Int32Array(counts.size);
    const cum = new Float64Array(counts.size);
    let i = 0;
    let total = 0;
    for (const [id, c] of counts) {
      total += c;
      ids[i] = id;
      cum[i++] = total;
    }
    row = { ids, cum };
    this.#sampler.set(context, row);
    return row;
  }
}

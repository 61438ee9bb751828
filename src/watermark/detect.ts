import { choose } from './keys.js';
import { LEXICON, type Lexicon } from './lexicon.js';
import { TextScanner } from './scanner.js';
import { chernoffGrid, chernoffTail, discreteSumTail, poissonBinomialTail, type SlotNull } from './stats.js';

/** Above this many context slots, the exact tail (quadratic in slots) gives way to the Chernoff bound. */
const EXACT_MAX_SLOTS = 4000;
/**
 * Slots whose occurrences disagree score a share (agreeing / occurrences):
 * their sum is exact on a grid of 1/L, L the least common multiple of the
 * occurrence counts, while L and the work (slots² · L) stay this small.
 */
const EXACT_MAX_DENOMINATOR = 60;
const EXACT_MAX_WORK = 4e7;
/**
 * A group written the same way in at least this many contexts tells nothing
 * about a key: the text was normalized (every apostrophe straight, one space
 * between all sentences) or the writer has a fixed habit. Marked text varies
 * (one key picks each variant about equally often), so it is this uniform by
 * chance with probability about 2^-(n-1).
 */
const UNIFORM_GROUP_SLOTS = 6;

/** One choice found in a text: its context slot, its group, the group's size and the variant written. */
export interface Occurrence {
  slot: number;
  group: number;
  k: number;
  variant: number;
}

/** A text's choices grouped by context slot, with its count of prose words. */
export function choicesBySlot(text: string, lexicon: Lexicon = LEXICON): { words: number; choices: number; bySlot: Map<number, Occurrence[]> } {
  const bySlot = new Map<number, Occurrence[]>();
  let choices = 0;
  const scanner = new TextScanner(lexicon, (group, observed, slot) => {
    choices++;
    const o = { slot, group: group.id, k: group.k, variant: observed };
    const list = bySlot.get(slot);
    if (list === undefined) bySlot.set(slot, [o]);
    else list.push(o);
    return observed;
  });
  scanner.push(text);
  scanner.end();
  return { words: scanner.words, choices, bySlot };
}

export interface Score {
  /** Context slots with at least one choice in the text: the independent trials. */
  trials: number;
  /** Summed agreement with the account's table (the number of agreeing slots when every slot is pure). */
  score: number;
  /** What the score would be on average for text the account did not write. */
  expected: number;
  /** P(score this high | the text owes nothing to this account's table). */
  p: number;
  method: 'exact' | 'chernoff';
}

/**
 * The evidence one text offers: its choices grouped by context slot. A slot
 * is one trial however often its context recurs, scored by the share of its
 * occurrences that agree with the table, because repeats of one context are
 * not independent evidence (a model that always writes "usually" after
 * "it" would otherwise look marked to whichever table agrees). The null
 * distribution depends on the text alone, so it is prepared once and every
 * candidate account is then scored in time linear in the slots.
 */
export class Evidence {
  readonly words: number;
  readonly choices: number;
  readonly #slots: Int32Array;
  /** Pure slots (one variant, one group size): their agreeing variant and k; -1 marks mixed slots. */
  readonly #variant: Int32Array;
  readonly #k: Int32Array;
  readonly #mixed = new Map<number, Occurrence[]>();
  readonly #tail: Float64Array | undefined;
  /** The exact tail's grid: scores are counted in 1/#scale steps. */
  readonly #scale: number = 1;
  readonly #grid: ReturnType<typeof chernoffGrid> | undefined;
  readonly #expected: number;

  constructor(text: string, lexicon: Lexicon = LEXICON) {
    const { words, choices, bySlot } = choicesBySlot(text, lexicon);
    dropUniformGroups(bySlot);
    this.words = words;
    this.choices = choices;
    const n = bySlot.size;
    this.#slots = new Int32Array(n);
    this.#variant = new Int32Array(n);
    this.#k = new Int32Array(n);
    const ps: number[] = [];
    const nulls: SlotNull[] = [];
    let i = 0;
    for (const [slot, occ] of bySlot) {
      this.#slots[i] = slot;
      const first = occ[0] as Occurrence;
      if (occ.every((o) => o.k === first.k && o.variant === first.variant)) {
        this.#variant[i] = first.variant;
        this.#k[i] = first.k;
        const p = agreeingBytes([first]).get(1) ?? 0;
        ps.push(p / 256);
        nulls.push({ values: [0, 1], weights: [256 - p, p] });
      } else {
        this.#variant[i] = -1;
        this.#mixed.set(slot, occ);
        const counts = agreeingBytes(occ);
        nulls.push({ values: [...counts.keys()], weights: [...counts.values()] });
      }
      i++;
    }
    let scale = 1;
    for (const occ of this.#mixed.values()) {
      scale = lcm(scale, occ.length);
      if (scale > EXACT_MAX_DENOMINATOR) break;
    }
    if (this.#mixed.size === 0 && n <= EXACT_MAX_SLOTS) {
      this.#tail = poissonBinomialTail(ps);
      this.#expected = ps.reduce((a, b) => a + b, 0);
    } else if (scale <= EXACT_MAX_DENOMINATOR && n * n * scale <= EXACT_MAX_WORK) {
      // Each slot's null on the integer grid: share · scale, with the share's probability over the 256 bytes.
      this.#scale = scale;
      this.#tail = discreteSumTail(nulls.map((u) => ({ values: u.values.map((v) => Math.round(v * scale)), probs: u.weights.map((w) => w / 256) })));
      this.#expected = nulls.reduce((m, u) => m + u.values.reduce((a, v, j) => a + (v * (u.weights[j] as number)) / 256, 0), 0);
    } else {
      this.#grid = chernoffGrid(nulls);
      this.#expected = this.#grid.mean;
    }
  }

  get trials(): number {
    return this.#slots.length;
  }

  score(table: Uint8Array): Score {
    let score = 0;
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[i] as number;
      const byte = table[slot] as number;
      const v = this.#variant[i] as number;
      if (v >= 0) {
        if (choose(byte, this.#k[i] as number) === v) score++;
      } else {
        const occ = this.#mixed.get(slot) as Occurrence[];
        let agree = 0;
        for (const o of occ) if (choose(byte, o.k) === o.variant) agree++;
        score += agree / occ.length;
      }
    }
    if (this.#tail !== undefined) {
      // Shares are multiples of 1/scale: rounding only removes floating-point noise from the sum.
      return { trials: this.trials, score, expected: this.#expected, p: this.#tail[Math.round(score * this.#scale)] as number, method: 'exact' };
    }
    const grid = this.#grid as ReturnType<typeof chernoffGrid>;
    return { trials: this.trials, score, expected: this.#expected, p: Math.min(1, chernoffTail(grid, score)), method: 'chernoff' };
  }
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return (a / x) * b;
}

/**
 * Removes the groups the text writes one way in UNIFORM_GROUP_SLOTS contexts
 * or more. The choice reads the text alone, never a key, so under the null
 * the remaining slots' table bytes are still uniform and independent: the
 * test stays exact, and it no longer dilutes the evidence that is left with
 * slots that cannot carry any.
 */
function dropUniformGroups(bySlot: Map<number, Occurrence[]>): void {
  const seen = new Map<number, { slots: number; variant: number; uniform: boolean }>();
  for (const occ of bySlot.values()) {
    const counted = new Set<number>();
    for (const o of occ) {
      const g = seen.get(o.group);
      if (g === undefined) seen.set(o.group, { slots: 1, variant: o.variant, uniform: true });
      else {
        if (!counted.has(o.group)) g.slots++;
        if (o.variant !== g.variant) g.uniform = false;
      }
      counted.add(o.group);
    }
  }
  const drop = new Set<number>();
  for (const [group, g] of seen) if (g.uniform && g.slots >= UNIFORM_GROUP_SLOTS) drop.add(group);
  if (drop.size === 0) return;
  for (const [slot, occ] of bySlot) {
    const kept = occ.filter((o) => !drop.has(o.group));
    if (kept.length === 0) bySlot.delete(slot);
    else if (kept.length !== occ.length) bySlot.set(slot, kept);
  }
}

/** For a slot's occurrences: how many of the 256 table bytes give each agreeing share. */
function agreeingBytes(occ: readonly Occurrence[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (let b = 0; b < 256; b++) {
    let agree = 0;
    for (const o of occ) if (choose(b, o.k) === o.variant) agree++;
    const share = agree / occ.length;
    counts.set(share, (counts.get(share) ?? 0) + 1);
  }
  return counts;
}

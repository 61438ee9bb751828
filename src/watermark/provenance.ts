import { choicesBySlot, type Occurrence } from './detect.js';
import { choose } from './keys.js';
import { LEXICON, type Lexicon } from './lexicon.js';
import { chernoffGrid, chernoffTail, type SlotNull } from './stats.js';

export interface ProvenanceScore {
  /** Context slots the suspect model's text offers. */
  trials: number;
  /** Choice occurrences in the text. */
  choices: number;
  /** How far the model leans toward the account's choices, beyond its general habits (0 under the null on average). */
  score: number;
  /** Rigorous bound on P(a lean this strong | the model owes nothing to this account's marks). */
  p: number;
}

/**
 * Was a suspect model trained on text marked for an account? A student
 * model learns its teacher's word choices in context, so in its own output
 * the variant the account's table picks for a context should be written
 * more often there than the model writes that variant elsewhere. Each slot
 * scores the share of its occurrences agreeing with the table minus the
 * share that variant has across the whole text (its general habit), which
 * removes the model's overall style (it may say "don't" everywhere) from the
 * evidence. Under the null the table byte of each slot is uniform and
 * independent of the text, so each slot's score has a known distribution
 * over the 256 bytes; the p-value is the Chernoff bound on their sum.
 */
/** Scores one account's table against the suspect text; also says how much evidence the text holds. */
export type ProvenanceTest = ((table: Uint8Array) => ProvenanceScore) & { readonly trials: number; readonly choices: number };

export function provenanceEvidence(text: string, lexicon: Lexicon = LEXICON): ProvenanceTest {
  const { choices, bySlot } = choicesBySlot(text, lexicon);

  // Each group's general habit: the share of each variant over the whole text.
  const habit = new Map<number, number[]>();
  for (const occ of bySlot.values()) {
    for (const o of occ) {
      const counts = habit.get(o.group) ?? new Array<number>(o.k).fill(0);
      counts[o.variant] = (counts[o.variant] as number) + 1;
      habit.set(o.group, counts);
    }
  }
  for (const counts of habit.values()) {
    const total = counts.reduce((a, b) => a + b, 0);
    for (let v = 0; v < counts.length; v++) counts[v] = (counts[v] as number) / total;
  }

  const slots = [...bySlot.entries()];
  const valueOf = (occ: readonly Occurrence[], byte: number): number => {
    let x = 0;
    for (const o of occ) {
      const c = choose(byte, o.k);
      x += (o.variant === c ? 1 : 0) - ((habit.get(o.group) as number[])[c] as number);
    }
    return x / occ.length;
  };
  const nulls: SlotNull[] = slots.map(([, occ]) => {
    const counts = new Map<number, number>();
    for (let b = 0; b < 256; b++) {
      const x = valueOf(occ, b);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    return { values: [...counts.keys()], weights: [...counts.values()] };
  });
  const grid = chernoffGrid(nulls);

  const test = (table: Uint8Array): ProvenanceScore => {
    let score = 0;
    for (const [slot, occ] of slots) score += valueOf(occ, table[slot] as number);
    // The bound is for the sum's excess over its null mean.
    return { trials: slots.length, choices, score: score - grid.mean, p: Math.min(1, chernoffTail(grid, score)) };
  };
  return Object.assign(test, { trials: slots.length, choices });
}

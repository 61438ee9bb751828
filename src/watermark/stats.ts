/**
 * The tests behind leak tracing. Under the null hypothesis (the text was not
 * written with this account's table) each context slot's table byte is an
 * independent uniform byte the text knows nothing about, so every slot's
 * score has a known distribution and the p-values below are exact (or, when
 * the exact sum would cost too much, a rigorous Chernoff bound).
 */

/** P(M >= m) for every m, M the number of successes of independent Bernoulli(p_i). */
export function poissonBinomialTail(ps: readonly number[]): Float64Array {
  const n = ps.length;
  let pmf = new Float64Array(n + 1);
  let next = new Float64Array(n + 1);
  pmf[0] = 1;
  for (let i = 0; i < n; i++) {
    const p = ps[i] as number;
    const q = 1 - p;
    next[0] = (pmf[0] as number) * q;
    for (let j = 1; j <= i + 1; j++) next[j] = (pmf[j] as number) * q + (pmf[j - 1] as number) * p;
    [pmf, next] = [next, pmf];
  }
  const tail = new Float64Array(n + 2);
  for (let m = n; m >= 0; m--) tail[m] = (tail[m + 1] as number) + (pmf[m] as number);
  for (let m = 0; m <= n; m++) tail[m] = Math.min(1, tail[m] as number);
  return tail;
}

/**
 * P(S >= s) for every integer s, S the sum of independent slots each taking
 * the integer values[v] with probability probs[v]: the exact tail when a
 * slot's score is a share of its occurrences (scaled to integers by a common
 * denominator). Quadratic in the slots; callers bound the size.
 */
export function discreteSumTail(slots: ReadonlyArray<{ values: readonly number[]; probs: readonly number[] }>): Float64Array {
  let max = 0;
  for (const s of slots) max += Math.max(...s.values);
  let pmf = new Float64Array(max + 1);
  let next = new Float64Array(max + 1);
  pmf[0] = 1;
  let reach = 0;
  for (const s of slots) {
    const top = Math.max(...s.values);
    next.fill(0, 0, reach + top + 1);
    for (let j = 0; j <= reach; j++) {
      const pj = pmf[j] as number;
      if (pj === 0) continue;
      for (let v = 0; v < s.values.length; v++) {
        const k = j + (s.values[v] as number);
        next[k] = (next[k] as number) + pj * (s.probs[v] as number);
      }
    }
    reach += top;
    [pmf, next] = [next, pmf];
  }
  const tail = new Float64Array(max + 2);
  for (let m = max; m >= 0; m--) tail[m] = (tail[m + 1] as number) + (pmf[m] as number);
  for (let m = 0; m <= max; m++) tail[m] = Math.min(1, tail[m] as number);
  return tail;
}

/**
 * A slot's score under the null: one of `values` with equal probability
 * (the 256 table bytes); kept as distinct values and their counts.
 */
export interface SlotNull {
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

const GRID = Array.from({ length: 160 }, (_, i) => 0.02 * 1.06 ** i);

/**
 * The log moment generating function of the summed scores on a grid of λ,
 * computed once per text so that bounding each candidate account is cheap.
 */
export function chernoffGrid(slots: readonly SlotNull[]): { lambdas: number[]; logMgf: Float64Array; mean: number } {
  const logMgf = new Float64Array(GRID.length);
  let mean = 0;
  for (const s of slots) {
    let total = 0;
    let max = -Infinity;
    for (let v = 0; v < s.values.length; v++) {
      total += s.weights[v] as number;
      max = Math.max(max, s.values[v] as number);
    }
    for (let v = 0; v < s.values.length; v++) mean += ((s.values[v] as number) * (s.weights[v] as number)) / total;
    for (let g = 0; g < GRID.length; g++) {
      // log E[exp(λX)], shifted by the largest exponent for stability.
      const lambda = GRID[g] as number;
      let sum = 0;
      for (let v = 0; v < s.values.length; v++) sum += ((s.weights[v] as number) / total) * Math.exp(lambda * ((s.values[v] as number) - max));
      logMgf[g] = (logMgf[g] as number) + lambda * max + Math.log(sum);
    }
  }
  return { lambdas: GRID, logMgf, mean };
}

/** P(S >= score) <= min over the grid of exp(-λ·score + log MGF(λ)). */
export function chernoffTail(grid: { lambdas: number[]; logMgf: Float64Array }, score: number): number {
  let best = 0;
  for (let g = 0; g < grid.lambdas.length; g++) best = Math.min(best, -(grid.lambdas[g] as number) * score + (grid.logMgf[g] as number));
  return Math.exp(best);
}

/** Bonferroni: valid for any dependence between the tests. */
export function adjustForCandidates(p: number, candidates: number): number {
  return Math.min(1, p * Math.max(1, candidates));
}

import { Rng } from '../traffic/rng.js';
import { LEXICON } from './lexicon.js';
import { TextScanner } from './scanner.js';

/**
 * A paraphrasing adversary for robustness measurements: each word is
 * paraphrased with probability `rate`. A word that is one of the watermark's
 * choices is rewritten as a variant drawn at random (the paraphraser does not
 * know which one the key picked); any other word of four letters or more is
 * changed, which also changes the context of the choice after it. Seeded, so
 * measurements repeat. With `otherWords: false` only the choices are
 * redrawn ("paraphrased back"), and every context stays as it was.
 */
export function paraphrase(text: string, rate: number, seed: number, opts: { otherWords?: boolean } = {}): string {
  const rng = new Rng(seed);
  const random = () => rng.next();
  // Choices first, through the scanner (so only real choice positions are rewritten)…
  const scanner = new TextScanner(LEXICON, (group, observed) => {
    if (random() >= rate) return observed;
    return Math.floor(random() * group.k);
  });
  const rewritten = scanner.push(text) + scanner.end();
  // …then other words, whose replacement shifts the contexts that follow them (unless only the choices are paraphrased back).
  if (opts.otherWords === false) return rewritten;
  return rewritten.replace(/\b[a-z]{4,}\b/g, (w) => (random() < rate ? `${w}s` : w));
}

/**
 * The cheapest attack on the typographic channels: every apostrophe straight,
 * one space between sentences, emphasis with asterisks, bullets as dashes
 * (variant 0 of each channel); words are left alone. What survives is the
 * lexical mark.
 */
export function normalizeTypography(text: string): string {
  const scanner = new TextScanner(LEXICON, (group, observed) => (group.id < 0 ? 0 : observed));
  return scanner.push(text) + scanner.end();
}

import { LEXICON } from './lexicon.js';
import { TextScanner } from './scanner.js';

/**
 * A paraphrasing adversary for robustness measurements: each word is
 * paraphrased with probability `rate`. A word that is one of the watermark's
 * choices is rewritten as a variant drawn at random (the paraphraser does not
 * know which one the key picked); any other word of four letters or more is
 * changed, which also changes the context of the choice after it. Seeded, so
 * measurements repeat.
 */
export function paraphrase(text: string, rate: number, seed: number): string {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Choices first, through the scanner (so only real choice positions are rewritten)…
  const scanner = new TextScanner(LEXICON, (group, observed) => {
    if (random() >= rate) return observed;
    return Math.floor(random() * group.k);
  });
  const rewritten = scanner.push(text) + scanner.end();
  // …then other words, whose replacement shifts the contexts that follow them.
  return rewritten.replace(/\b[a-z]{4,}\b/g, (w) => (random() < rate ? `${w}s` : w));
}

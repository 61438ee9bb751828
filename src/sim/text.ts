/**
 * Deterministic text for the simulated upstream: hashing, a seeded PRNG, a
 * pre-tokenized vocabulary of plausible English sentences, and a cheap token
 * estimator. Everything here is pure and allocation-light (hot path).
 */

/** Marker every piece of generated text starts with. */
import { FNV_OFFSET, fnv1a } from '../util/fnv.js';

export const SIM_PREFIX = '[simulated] ';

// ---------------------------------------------------------------- hashing

/** FNV-1a over a string's UTF-16 code units, continuing from `h`. */
export function hashString(h: number, s: string): number {
  return fnv1a(s, h);
}

/** Hash any JSON value (keys included) - used for the request's messages. */
export function hashValue(h: number, v: unknown): number {
  if (typeof v === 'string') return hashString(h ^ 0x73, v);
  if (typeof v === 'number' || typeof v === 'boolean') return hashString(h ^ 0x6e, String(v));
  if (v === null || v === undefined) return Math.imul(h ^ 0x5a, 0x01000193) >>> 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) h = hashValue(Math.imul(h ^ 0x5b, 0x01000193), v[i]);
    return h >>> 0;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) h = hashValue(hashString(h ^ 0x7b, k), o[k]);
  return h >>> 0;
}

/** Seed for request text: hash of the messages (and system prompt) mixed with the server seed. */
export function requestSeed(seed: number, messages: unknown, system?: unknown): number {
  let h = hashString(FNV_OFFSET, String(seed));
  h = hashValue(h, messages);
  if (system !== undefined) h = hashValue(h ^ 0x21, system);
  return h;
}

/** Derive an independent seed (e.g. per choice, or for reasoning text). */
export function mixSeed(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough for picking words. */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

// ---------------------------------------------------------------- vocabulary

const SENTENCES = [
  'The gateway forwards each request to the configured upstream and records the result.',
  'This response was produced by a simulator, not by a language model.',
  'Latency, streaming and failures can all be controlled with directives.',
  'A careful operator checks the audit log before changing any policy.',
  'Tokens are estimated from the length of the prompt and the reply.',
  'The quick brown fox jumps over the lazy dog near the river bank.',
  'Every key belongs to exactly one account, and every account has an owner.',
  'When the budget runs out, the request is rejected with a clear error.',
  'Benchmarks should measure the proxy, so the upstream must stay fast.',
  'Here is a short summary of the main points, in plain language.',
  'First, read the documentation; then, try a small example.',
  'It is a simple idea, but it works well in practice.',
  'The weather today is mild, with a light breeze from the west.',
  'Please note that this text is deterministic for a given prompt.',
  'Streaming replies arrive in small pieces, a few tokens at a time.',
  'A second opinion can help, especially when the stakes are high.',
  'The report lists three findings and two open questions.',
  'Most requests finish quickly, although a few take longer.',
  'Good defaults make a system easy to use and hard to misuse.',
  'The library was quiet, and the afternoon light was warm.',
  'If something looks wrong, compare the metrics with the logs.',
  'Each model name is echoed back exactly as it was requested.',
  'Simple tests catch most mistakes long before they reach production.',
  'She opened the window, and the sound of the city drifted in.',
  'In short, the answer depends on the size of the input.',
  'We can revisit the plan next week, once the numbers are in.',
];

const SHORT_WORDS = ['alpha', 'blue', 'paris', 'river', 'sample', 'delta', 'north', 'maple', 'orbit', 'cedar'];

/** Split a sentence into tokens: words carry their leading space, punctuation stands alone. */
function tokenize(sentence: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of sentence) {
    if (ch === ' ') {
      if (cur) out.push(cur);
      cur = ' ';
    } else if (ch === '.' || ch === ',' || ch === ';') {
      if (cur) out.push(cur);
      out.push(ch);
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** A vocabulary sentence: its text (with a leading space), tokens, and the end offset of each token. */
interface Sentence {
  text: string;
  tokens: readonly string[];
  ends: readonly number[];
}

const VOCAB: readonly Sentence[] = SENTENCES.map((raw) => {
  const tokens = tokenize(' ' + raw);
  const ends: number[] = [];
  let at = 0;
  for (const t of tokens) ends.push((at += t.length));
  return { text: ' ' + raw, tokens, ends };
});

/** Distinct word tokens, used for logprob alternatives. */
export const WORD_TOKENS: readonly string[] = [...new Set(VOCAB.flatMap((s) => s.tokens).filter((t) => t.length > 1))];

/**
 * Exactly `count` tokens (count >= 1) of deterministic text. Token 0 is the
 * "[simulated] " marker; the rest are drawn sentence by sentence. Used when
 * per-token output is needed (streaming, logprobs).
 */
export function generateTokens(seed: number, count: number): string[] {
  const out: string[] = [SIM_PREFIX];
  const rng = new Prng(seed);
  while (out.length < count) {
    const { tokens } = VOCAB[rng.int(VOCAB.length)]!;
    for (let i = 0; i < tokens.length && out.length < count; i++) {
      // Drop the leading space of the very first word (the prefix ends with one).
      out.push(out.length === 1 ? tokens[i]!.slice(1) : tokens[i]!);
    }
  }
  return out;
}

/** The same text as `generateTokens(seed, count).join('')`, without per-token work. */
export function generateText(seed: number, count: number): string {
  let text = SIM_PREFIX;
  let n = 1;
  const rng = new Prng(seed);
  while (n < count) {
    const s = VOCAB[rng.int(VOCAB.length)]!;
    const take = Math.min(s.tokens.length, count - n);
    const piece = take === s.tokens.length ? s.text : s.text.slice(0, s.ends[take - 1]);
    text += n === 1 ? piece.slice(1) : piece;
    n += take;
  }
  return text;
}

/** Deterministic reply length in tokens, 16..120. */
export function defaultLength(seed: number): number {
  return 16 + (mixSeed(seed, 7) % 105);
}

/** A short lowercase word, picked deterministically. */
export function shortWord(seed: number): string {
  return SHORT_WORDS[seed % SHORT_WORDS.length]!;
}

// ---------------------------------------------------------------- token estimation

/**
 * Cheap token estimate: each run of letters/digits costs ceil(len/5) tokens,
 * each punctuation mark one, and each non-ASCII character one.
 */
export function estimateTokens(s: string): number {
  let tokens = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    if (alnum) {
      run++;
      continue;
    }
    if (run) {
      tokens += Math.ceil(run / 5);
      run = 0;
    }
    if (c > 32) tokens++; // punctuation / symbols / non-ASCII; whitespace is free
  }
  if (run) tokens += Math.ceil(run / 5);
  return tokens;
}

/**
 * Token estimate of a JSON value: strings via estimateTokens, scalars 1 each.
 * With `keys`, object keys count too (used for tool definitions / arguments).
 */
export function estimateValueTokens(v: unknown, keys = false): number {
  if (typeof v === 'string') return estimateTokens(v);
  if (typeof v === 'number' || typeof v === 'boolean') return 1;
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += estimateValueTokens(v[i], keys);
    return n;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (keys) n += estimateTokens(k);
    n += estimateValueTokens(o[k], keys);
  }
  return n;
}

/** UTF-8 bytes of an ASCII/BMP token (for logprobs). */
export function tokenBytes(token: string): number[] {
  return Array.from(Buffer.from(token, 'utf8'));
}

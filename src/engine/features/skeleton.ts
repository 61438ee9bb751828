/**
 * Template fingerprints. Harvesting pipelines send one prompt template with varying slots
 * ("Translate the following sentence into {lang}: "{text}"", "Solve: {a} + {b} = ?") from many
 * accounts. skeleton() erases the slots; minhashBands() turns the rest into LSH band keys so
 * that two prompts of one template share a key even after light paraphrase, while unrelated
 * prompts almost never do. Pure, deterministic, no crypto, no randomness.
 */

/** Longest skeleton kept (characters): the head of a prompt identifies its template. */
export const SKELETON_MAX = 1500;
/** Input characters read: placeholders shrink text, so read somewhat more than is kept. */
const INPUT_MAX = 4000;

// Case tables for the single-pass scanner (computed once, 128 KiB each).
const LOWER = new Uint16Array(65536);
const UPPER = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) {
  const s = String.fromCharCode(c);
  const l = s.toLowerCase();
  const u = s.toUpperCase();
  LOWER[c] = l.length === 1 ? l.charCodeAt(0) : c;
  UPPER[c] = u.length === 1 ? u.charCodeAt(0) : c;
}
const isCased = (c: number) => LOWER[c] !== c || UPPER[c] !== c;
const isUpper = (c: number) => LOWER[c] !== c;
const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0xfeff;
/** Letters or digits: a quote or capital right after one is inside a word ("don't", "McDonald"). */
const isWordChar = (c: number) => isCased(c) || isDigit(c) || c === 95 || (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
/** Characters after which the next word starts a sentence (so its capital is not a name). */
const isSentenceEnd = (c: number) =>
  c === 46 || c === 33 || c === 63 || c === 58 || c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1a || c === 0x2022;

/** Closing quote for an opening quote character, or 0. */
function closingQuote(c: number): number {
  switch (c) {
    case 34: return 34; // "
    case 39: return 39; // '
    case 96: return 96; // `
    case 0x201c: return 0x201d; // “ ”
    case 0x201e: return 0x201c; // „ “ (German)
    case 0x2018: return 0x2019; // ‘ ’
    case 0xab: return 0xbb; // « »
    case 0xbb: return 0xab; // » « (German style)
    case 0x300c: return 0x300d; // 「 」
    case 0x300e: return 0x300f; // 『 』
    default: return 0;
  }
}

/** End (exclusive) of a quoted span opening at i, or -1: same line, at most 300 characters. */
function quotedSpanEnd(text: string, i: number, end: number): number {
  const open = text.charCodeAt(i);
  const close = closingQuote(open);
  if (close === 0) return -1;
  const limit = Math.min(end, i + 302);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return -1;
    if (c === close || (open === 0x201e && c === 0x201d)) {
      if (j === i + 1) return -1; // "" is not a slot
      // An apostrophe-quote must close before a non-letter ("'foo'," not "don't").
      if (open === 39 && j + 1 < end && isWordChar(text.charCodeAt(j + 1))) continue;
      return j + 1;
    }
  }
  return -1;
}

/** Case-insensitive `text.startsWith(lit, i)` for a lowercase ASCII literal, without allocating. */
function startsWithAt(text: string, i: number, lit: string): boolean {
  if (i + lit.length > text.length) return false;
  for (let k = 0; k < lit.length; k++) if (LOWER[text.charCodeAt(i + k)] !== lit.charCodeAt(k)) return false;
  return true;
}

/** Characters of an e-mail address token. */
const isEmailChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 64;

/**
 * Share of capitalized words among non-sentence-initial words. German (and Title Case) text
 * capitalizes far more than names; replacing all of those with N would make unrelated German
 * prompts look alike, so name masking is skipped when this share is high. The share is a
 * property of the template's fixed text, so instances of one template decide alike.
 */
function capitalizedShare(text: string, end: number): number {
  let words = 0;
  let caps = 0;
  let sentenceStart = true;
  let prev = 32;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isCased(c) && !isWordChar(prev)) {
      if (!sentenceStart) {
        words++;
        if (isUpper(c)) caps++;
      }
      sentenceStart = false;
    } else if (isSentenceEnd(c)) sentenceStart = true;
    prev = c;
  }
  return words === 0 ? 0 : caps / words;
}

const OUT = new Uint16Array(SKELETON_MAX + 8);
const NAME_SHARE_LIMIT = 0.22;

/**
 * Template skeleton: fenced code → C, URLs/emails → U, quoted spans → Q, numbers → #,
 * capitalized mid-sentence words (names) → N, the rest lowercased, whitespace collapsed,
 * at most SKELETON_MAX characters.
 */
export function skeleton(text: string): string {
  const end = Math.min(text.length, INPUT_MAX);
  const maskNames = capitalizedShare(text, Math.min(end, 2000)) <= NAME_SHARE_LIMIT;
  let n = 0;
  let pendingSpace = false;
  let sentenceStart = true;
  let prev = 32; // previous input character
  const put = (c: number) => {
    if (pendingSpace && n > 0) OUT[n++] = 32;
    pendingSpace = false;
    OUT[n++] = c;
  };
  let i = 0;
  while (i < end && n < SKELETON_MAX) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = true;
      if (c === 10) sentenceStart = true;
      prev = c;
      i++;
      continue;
    }
    // Not inside a Latin/Cyrillic/… word (CJK has no spaces, so a CJK character does not count).
    const wordStart = !(isCased(prev) || isDigit(prev) || prev === 95);
    // Fenced code block: everything up to the closing fence (or the end) is one slot.
    if (c === 96 && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      i = close < 0 || close >= end ? end : close + 3;
      put(67); // C
      prev = 96;
      sentenceStart = false;
      continue;
    }
    if (wordStart) {
      // URLs and e-mail addresses: the whole whitespace-delimited token.
      if ((c === 104 || c === 72 || c === 119 || c === 87) && (startsWithAt(text, i, 'http://') || startsWithAt(text, i, 'https://') || startsWithAt(text, i, 'www.'))) {
        while (i < end && !isSpace(text.charCodeAt(i))) i++;
        put(85); // U
        prev = 85;
        continue;
      }
      if (c < 128 && isEmailChar(c) && c !== 64) {
        let j = i;
        let at = -1;
        let dot = -1;
        while (j < end && isEmailChar(text.charCodeAt(j))) {
          const d = text.charCodeAt(j);
          if (d === 64) at = j;
          else if (d === 46 && at > 0) dot = j;
          j++;
        }
        while (j > i && text.charCodeAt(j - 1) === 46) j--; // "mail me at a@b.com." keeps its period
        if (dot >= j) dot = text.lastIndexOf('.', j - 1);
        if (at > i && dot > at + 1 && dot < j - 1) {
          i = j;
          put(85); // U
          prev = 85;
          continue;
        }
      }
      const q = quotedSpanEnd(text, i, end);
      if (q > 0) {
        // A quoted sentence ('He said "Stop."') ends the sentence it closes.
        sentenceStart = isSentenceEnd(text.charCodeAt(q - 2));
        i = q;
        put(81); // Q
        prev = 81;
        continue;
      }
    }
    // Numbers, with inner separators: 3.14, 1,000, 12:30, 2024/05/01 → #
    if (isDigit(c)) {
      i++;
      while (i < end) {
        const d = text.charCodeAt(i);
        if (isDigit(d)) i++;
        else if ((d === 46 || d === 44 || d === 58 || d === 47) && i + 1 < end && isDigit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      put(35); // #
      prev = 48;
      sentenceStart = false;
      continue;
    }
    // Capitalized word in mid-sentence → N (single letters like "I" or "A" stay words).
    if (maskNames && wordStart && !sentenceStart && isUpper(c) && i + 1 < end && isCased(text.charCodeAt(i + 1))) {
      i++;
      while (i < end) {
        const d = text.charCodeAt(i);
        if (isCased(d)) i++;
        else if ((d === 39 || d === 0x2019 || d === 45) && i + 1 < end && isCased(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      put(78); // N
      prev = 65;
      continue;
    }
    if (isCased(c) || isDigit(c)) sentenceStart = false;
    else if (isSentenceEnd(c)) sentenceStart = true;
    put(LOWER[c]!);
    prev = c;
    i++;
  }
  if (n > SKELETON_MAX) n = SKELETON_MAX;
  return String.fromCharCode.apply(null, OUT.subarray(0, n) as unknown as number[]);
}

// ------------------------------------------------------------------ hashing

/** 32-bit FNV-1a over the UTF-8 bytes of s (standard test vectors hold: "" → 0x811c9dc5, "a" → 0xe40c292c). */
export function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate, as TextEncoder does
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), 0x01000193);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), 0x01000193);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), 0x01000193);
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// ------------------------------------------------------------------ MinHash / LSH

/** MinHash functions: 8 bands × 2 rows. */
export const MINHASH_HASHES = 16;
export const LSH_BANDS = 8;
export const LSH_ROWS = MINHASH_HASHES / LSH_BANDS;

/** Per-hash odd multipliers and xor seeds (fixed, derived from a counter by fmix32). */
const MUL = new Int32Array(MINHASH_HASHES);
const XOR = new Int32Array(MINHASH_HASHES);
for (let i = 0; i < MINHASH_HASHES; i++) {
  MUL[i] = fmix32(0x9e3779b9 + i * 2) | 1;
  XOR[i] = fmix32(0x7f4a7c15 + i * 2 + 1);
}
const MINS = new Uint32Array(MINHASH_HASHES);
const SHINGLES = new Int32Array(2048);

/** CJK ideographs, kana, Hangul. */
const isCjkChar = (c: number) => (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);

/**
 * Hashes of the skeleton's shingles into SHINGLES; returns how many. Word 3-shingles; for text
 * written mostly without spaces (Chinese, Japanese) character 4-grams instead. A text too short
 * for one full shingle yields one shingle of everything it has.
 */
function shingleHashes(skel: string): number {
  let cjk = 0;
  for (let i = 0; i < skel.length; i++) if (isCjkChar(skel.charCodeAt(i))) cjk++;
  let count = 0;
  if (cjk * 3 > skel.length) {
    // Character 4-grams, spaces skipped: rolling window of the last four character codes.
    let a = 0, b = 0, c = 0, seen = 0;
    for (let i = 0; i < skel.length && count < SHINGLES.length; i++) {
      const d = skel.charCodeAt(i);
      if (d === 32) continue;
      seen++;
      if (seen >= 4) SHINGLES[count++] = fmix32(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(d, 0x27d4eb2f));
      a = b;
      b = c;
      c = d;
    }
    if (count === 0 && seen > 0) SHINGLES[count++] = fmix32(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ seen);
    return count;
  }
  // Word 3-shingles over FNV-1a word hashes.
  let w1 = 0, w2 = 0, words = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= skel.length && count < SHINGLES.length; i++) {
    const c = i < skel.length ? skel.charCodeAt(i) : 32;
    if (c !== 32) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    const w3 = h >>> 0;
    words++;
    if (words >= 3) SHINGLES[count++] = fmix32(Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2 ^ (w2 >>> 15), 0x85ebca77) ^ Math.imul(w3 ^ (w3 >>> 13), 0xc2b2ae3d));
    w1 = w2;
    w2 = w3;
    h = 0x811c9dc5;
    inWord = false;
  }
  if (count === 0 && words > 0) SHINGLES[count++] = fmix32(Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2 ^ (w2 >>> 15), 0x85ebca77) ^ words);
  return count;
}

/**
 * LSH band keys of the skeleton's MinHash signature: 16 MinHash values (one 32-bit shingle hash
 * re-mixed by 16 seeded multiply-xorshift functions), grouped into 8 bands of 2 rows; each band's
 * key is a hash of its 2 values whose top 3 bits are the band index, so keys of different bands
 * never collide.
 *
 * Two texts whose shingle sets have Jaccard similarity J share a given band with probability J²,
 * and share at least one of the 8 bands with probability 1 − (1 − J²)⁸:
 *   J = 0.1 → 0.08,  J = 0.3 → 0.53,  J = 0.5 → 0.90,  J = 0.8 → 0.9997.
 * Instances of one template (slots masked by skeleton) are typically J ≥ 0.6 (≥ 0.97); unrelated
 * prompts are typically J < 0.05 (≤ 0.02), plus a 29-bit key collision chance of ~2⁻²⁹ per band.
 */
export function minhashBands(skel: string, out?: Uint32Array): Uint32Array {
  const keys = out ?? new Uint32Array(LSH_BANDS);
  const count = shingleHashes(skel);
  MINS.fill(0xffffffff);
  for (let s = 0; s < count; s++) {
    const x = SHINGLES[s]!;
    for (let k = 0; k < MINHASH_HASHES; k++) {
      let y = Math.imul(x ^ XOR[k]!, MUL[k]!);
      y ^= y >>> 15;
      y = Math.imul(y, 0x2c1b3c6d);
      y = (y ^ (y >>> 12)) >>> 0;
      if (y < MINS[k]!) MINS[k] = y;
    }
  }
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1);
    for (let r = 0; r < LSH_ROWS; r++) h = Math.imul(h ^ fmix32(MINS[b * LSH_ROWS + r]! ^ Math.imul(r + 1, 0x632be5ab)), 0x01000193);
    keys[b] = ((fmix32(h) & 0x1fffffff) | (b << 29)) >>> 0;
  }
  return keys;
}

const SIMHASH_VOTES = new Int32Array(64);

/**
 * 64-bit SimHash of the skeleton's shingles as [high, low] 32-bit halves (unsigned). Near-identical
 * skeletons differ in few bits (compare with popcount of the xor). Costs about 3× minhashBands.
 */
export function simhash64(skel: string): [number, number] {
  const count = shingleHashes(skel);
  const votes = SIMHASH_VOTES;
  votes.fill(0);
  for (let s = 0; s < count; s++) {
    const lo = SHINGLES[s]!;
    const hi = fmix32(lo ^ 0x5bd1e995);
    for (let bit = 0; bit < 32; bit++) {
      votes[bit]! += ((lo >>> bit) & 1) * 2 - 1;
      votes[bit + 32]! += ((hi >>> bit) & 1) * 2 - 1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (votes[bit]! > 0) lo |= 1 << bit;
    if (votes[bit + 32]! > 0) hi |= 1 << bit;
  }
  return [hi >>> 0, lo >>> 0];
}

/**
 * Template fingerprints. Harvesting pipelines send one prompt template with varying slots
 * ("Translate the following sentence into {lang}: "{text}"", "Solve: {a} + {b} = ?") from many
 * accounts. skeleton() erases the slots; minhashBands() turns the rest into LSH band keys so
 * that two prompts of one template share a key even after light paraphrase, while unrelated
 * prompts almost never do. headTailBands() does the same for a fixed instruction around a long
 * varying item, simhash64() gives a 64-bit near-duplicate hash, hashText() a plain FNV-1a.
 * Pure, deterministic, no crypto, no randomness; per-call scratch buffers are module-level
 * (single-threaded use; results never alias them except `out`).
 */

/** Longest skeleton kept (characters): the head of a prompt identifies its template. */
export const SKELETON_MAX = 1500;
/** Input characters read: placeholders shrink text, so read somewhat more than is kept. */
const INPUT_MAX = 3000;

// Character tables for the scanner (computed once).
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
/** Inside a Latin/Cyrillic/… word: a quote or capital right after one is not a slot ("don't", "McDonald"). */
const inWord = (c: number) => isCased(c) || isDigit(c) || c === 95;
/** Characters after which the next word starts a sentence (so its capital is not a name). */
const isSentenceEnd = (c: number) =>
  c === 46 || c === 33 || c === 63 || c === 58 || c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1a || c === 0x2022;
/** Characters skipped when looking back for a sentence end: spaces, opening quotes/brackets, bullets. */
const isLeadIn = (c: number) =>
  isSpace(c) || c === 34 || c === 39 || c === 40 || c === 91 || c === 123 || c === 42 || c === 45 || c === 35 || c === 62 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0xab || c === 0xbb || c === 0x2022 || c === 0x300c || c === 0x300e;

/**
 * Scanner classes. Most characters (lowercase letters, CJK, punctuation) are 0 and skipped by a
 * tight loop; URLs are located with indexOf instead of stopping at every h and w.
 */
const WS = 1, DIGIT = 2, UPPER_CASE = 3, QUOTE = 4, AT = 5, SPACE = 6;
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  if (isSpace(c)) CLASS[c] = c === 32 ? SPACE : WS;
  else if (isDigit(c)) CLASS[c] = DIGIT;
  else if (isUpper(c)) CLASS[c] = UPPER_CASE;
  else if (c === 64) CLASS[c] = AT;
  else if (c === 34 || c === 39 || c === 96 || c === 0x201c || c === 0x201e || c === 0x2018 || c === 0xab || c === 0xbb || c === 0x300c || c === 0x300e) CLASS[c] = QUOTE;
}
/** isSpace via the class table (one load instead of a chain of comparisons). */
const isBlank = (c: number) => CLASS[c]! === SPACE || CLASS[c]! === WS;

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

/** End (exclusive) of a quoted span opening at i, or -1: same line, 1–300 characters. */
function quotedSpanEnd(text: string, i: number, end: number): number {
  const open = text.charCodeAt(i);
  const close = closingQuote(open);
  const limit = Math.min(end, i + 302);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return -1;
    if (c === close || (open === 0x201e && c === 0x201d)) {
      if (j === i + 1) return -1; // "" is not a slot
      // An apostrophe-quote must close before a non-letter ("'foo'," not "don't").
      if (open === 39 && j + 1 < end && inWord(text.charCodeAt(j + 1))) continue;
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

/** Does the word at i start a sentence (text start, or after . ! ? : or a newline, past quotes/bullets)? */
function startsSentence(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = text.charCodeAt(j);
    if (c === 10) return true;
    if (!isLeadIn(c)) return isSentenceEnd(c);
  }
  return true;
}

// Replacement events found by the scan, applied afterwards (names only if masking is on).
const EV_SPACE = 0, EV_EMPTY = 1, EV_NUMBER = 2, EV_NAME = 3, EV_QUOTE = 4, EV_CODE = 5, EV_URL = 6, EV_LOWER = 7;
/** Replacement per event type; EV_LOWER (and EV_NAME when names are kept) is the span lowercased. */
const PLACEHOLDER = [' ', '', '#', 'N', 'Q', 'C', 'U', ''];
const MAX_EVENTS = 1024;
const PARTS: string[] = [];
const evStart = new Int32Array(MAX_EVENTS);
const evEnd = new Int32Array(MAX_EVENTS);
const evType = new Uint8Array(MAX_EVENTS);
/**
 * Name masking is skipped when capitalized mid-sentence words are denser than this (per 100
 * characters): German (and Title Case) text capitalizes every noun, and masking all of those
 * would make unrelated German prompts look alike. English prose with a few names stays well
 * below (~0.5–1.5), German prose is ~3. The density is a property of a template's fixed text, so
 * instances of one template decide alike.
 */
const NAMES_PER_100_CHARS = 2.2;

/** Next URL start at or after i ("http://", "https://", "www." at a word start), or end. */
function nextUrl(text: string, i: number, end: number): number {
  for (;;) {
    const h = text.indexOf('http', i);
    const w = text.indexOf('www.', i);
    const j = h < 0 ? w : w < 0 ? h : Math.min(h, w);
    if (j < 0 || j >= end) return end;
    if ((j === 0 || !inWord(text.charCodeAt(j - 1))) && (text.charCodeAt(j) === 119 || startsWithAt(text, j, 'http://') || startsWithAt(text, j, 'https://'))) return j;
    i = j + 1;
  }
}

/**
 * Template skeleton: fenced code → C, URLs/emails → U, quoted spans → Q, numbers → #,
 * capitalized mid-sentence words (names) → N, the rest lowercased, whitespace collapsed,
 * at most SKELETON_MAX characters. One scan finds the slots; unchanged text is copied in slices.
 */
export function skeleton(text: string): string {
  const end = Math.min(text.length, INPUT_MAX);
  const cls = CLASS;
  let n = 0;
  let names = 0;
  const push = (a: number, b: number, type: number) => {
    if (n < MAX_EVENTS) {
      evStart[n] = a;
      evEnd[n] = b;
      evType[n++] = type;
    }
  };
  let i = 0;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  if (i > 0) push(0, i, EV_EMPTY);
  let url = nextUrl(text, i, end);
  while (i < end) {
    if (i >= url) {
      let j = i;
      while (j < end && !isBlank(text.charCodeAt(j))) j++;
      push(i, j, EV_URL);
      i = j;
      url = nextUrl(text, i, end);
      continue;
    }
    let c = text.charCodeAt(i);
    let k = cls[c]!;
    // Fast path: runs of ordinary characters, up to the next URL (url ≤ end).
    while (k === 0) {
      if (++i >= url) break;
      k = cls[(c = text.charCodeAt(i))]!;
    }
    if (k === 0) continue;
    switch (k) {
      case SPACE:
        if (i + 1 < end && !isBlank(text.charCodeAt(i + 1))) {
          i++; // a single space between words, the common case
          break;
        }
      // falls through: a run of spaces, or trailing spaces
      case WS: {
        // A whitespace run (with any spaces just before it) → one space, or nothing at the end.
        let a = i;
        while (a > 0 && text.charCodeAt(a - 1) === 32 && (n === 0 || a > evEnd[n - 1]!)) a--;
        let j = i + 1;
        while (j < end && isBlank(text.charCodeAt(j))) j++;
        if (j - a > 1 || c !== 32) push(a, j, j === end ? EV_EMPTY : EV_SPACE);
        i = j;
        break;
      }
      case DIGIT: {
        // Numbers with inner separators: 3.14, 1,000, 12:30, 2024/05/01 → #
        let j = i + 1;
        while (j < end) {
          const d = text.charCodeAt(j);
          if (isDigit(d)) j++;
          else if ((d === 46 || d === 44 || d === 58 || d === 47) && j + 1 < end && isDigit(text.charCodeAt(j + 1))) j += 2;
          else break;
        }
        push(i, j, EV_NUMBER);
        i = j;
        break;
      }
      case UPPER_CASE: {
        // A capitalized word of 2+ letters, not inside a word, not starting a sentence → N.
        // Other capitals are lowercased in place: only they need it, so the text as a whole is
        // never lowercased (a whole-text toLowerCase is slow on non-Latin-1 strings).
        if ((i > 0 && inWord(text.charCodeAt(i - 1))) || i + 1 >= end || !isCased(text.charCodeAt(i + 1)) || startsSentence(text, i)) {
          let j = i + 1;
          while (j < end && isUpper(text.charCodeAt(j))) j++;
          push(i, j, EV_LOWER);
          i = j;
          break;
        }
        let j = i + 1;
        while (j < end) {
          const d = text.charCodeAt(j);
          if (isCased(d)) j++;
          else if ((d === 39 || d === 0x2019 || d === 45) && j + 1 < end && isCased(text.charCodeAt(j + 1))) j += 2;
          else break;
        }
        push(i, j, EV_NAME);
        names++;
        i = j;
        break;
      }
      case QUOTE: {
        if (c === 96 && text.startsWith('```', i)) {
          // Fenced code block: everything up to the closing fence (or the end) is one slot.
          const close = text.indexOf('```', i + 3);
          const j = close < 0 || close + 3 > end ? end : close + 3;
          push(i, j, EV_CODE);
          i = j;
          if (url < i) url = nextUrl(text, i, end);
          break;
        }
        const q = i > 0 && inWord(text.charCodeAt(i - 1)) ? -1 : quotedSpanEnd(text, i, end);
        if (q > 0) {
          push(i, q, EV_QUOTE);
          i = q;
          if (url < i) url = nextUrl(text, i, end);
        } else i++;
        break;
      }
      case AT: {
        // E-mail address: the token around '@' with a dot in its domain; drop slots found inside it.
        let a = i;
        while (a > 0 && isEmailChar(text.charCodeAt(a - 1))) a--;
        if (n > 0 && a < evEnd[n - 1]! && evType[n - 1] !== EV_NUMBER && evType[n - 1] !== EV_NAME) a = i; // not across a quote/URL
        let b = i + 1;
        let dot = -1;
        while (b < end && isEmailChar(text.charCodeAt(b))) {
          if (text.charCodeAt(b) === 46) dot = b;
          b++;
        }
        while (b > i + 1 && text.charCodeAt(b - 1) === 46) b--; // "mail a@b.com." keeps its period
        if (dot >= b) dot = text.lastIndexOf('.', b - 1);
        if (a < i && dot > i + 1 && dot < b - 1) {
          while (n > 0 && evStart[n - 1]! >= a) if (evType[--n] === EV_NAME) names--;
          push(a, b, EV_URL);
          i = b;
          if (url < i) url = nextUrl(text, i, end);
        } else i++;
        break;
      }
      default:
        i++;
    }
  }
  const maskNames = names * 100 <= NAMES_PER_100_CHARS * Math.max(end, 100);
  // Text between events has no capitals left: copy it in slices. join() yields a flat string
  // (repeated += would leave a rope that is slower for minhashBands to read).
  PARTS.length = 0;
  let size = 0;
  let last = 0;
  for (let e = 0; e < n && size < SKELETON_MAX; e++) {
    const type = evType[e]!;
    const a = evStart[e]!;
    const b = evEnd[e]!;
    const slot = type === EV_LOWER || (type === EV_NAME && !maskNames) ? text.slice(a, b).toLowerCase() : PLACEHOLDER[type]!;
    if (a > last) PARTS.push(text.slice(last, a));
    PARTS.push(slot);
    size += a - last + slot.length;
    last = b;
  }
  if (size < SKELETON_MAX && last < end) PARTS.push(text.slice(last, Math.min(end, last + SKELETON_MAX - size)));
  let out = PARTS.join('');
  if (out.length > SKELETON_MAX) out = out.slice(0, SKELETON_MAX);
  return out.charCodeAt(out.length - 1) === 32 ? out.trimEnd() : out;
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
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd; // lone surrogate, as TextEncoder does
    }
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

/**
 * murmur3's 32-bit finalizer: spreads every input bit over the output. Returns a signed int32:
 * hashing stays in V8's small-integer fast path (values ≥ 2³¹ as unsigned would become doubles).
 */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// ------------------------------------------------------------------ MinHash / LSH

/** 16 MinHash values in 8 LSH bands of 2 rows. */
export const MINHASH_HASHES = 16;
export const LSH_BANDS = 8;
export const LSH_ROWS = 2;
/**
 * Shingles used per text: the head of a prompt identifies its template, and capping also keeps a
 * long variable tail (a pasted article after a fixed instruction) from diluting the similarity.
 */
export const MAX_SHINGLES = 128;

/**
 * 8 seeded multiply-xorshift functions (odd multiplier and xor seed derived from a counter by
 * fmix32). Each 32-bit result is used as two 16-bit hash values (low and high half), giving the
 * 16 MinHash values at half the multiplies; with ≤ 128 shingles a 16-bit minimum is exact enough
 * (chance agreement between unrelated minima is ~0.2% per value, ~4·10⁻⁶ per 2-row band).
 */
const FUNCS = MINHASH_HASHES / 2;
const MUL = new Int32Array(FUNCS);
const XOR = new Int32Array(FUNCS);
for (let i = 0; i < FUNCS; i++) {
  MUL[i] = fmix32(0x9e3779b9 + i * 2) | 1;
  XOR[i] = fmix32(0x7f4a7c15 + i * 2 + 1);
}
/** MINS[2f] / MINS[2f + 1]: minimum low / high half of function f. */
const MINS = new Int32Array(MINHASH_HASHES);
/** Shingle hashes of the current call; large enough for a whole skeleton (headTailBands). */
const SHINGLES = new Int32Array(SKELETON_MAX);

/** CJK ideographs, kana, Hangul. */
const isCjkChar = (c: number) => (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);

/** Order-dependent mix of three 32-bit values into one well-spread shingle hash. */
const mix3 = (a: number, b: number, c: number) => fmix32(Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 15), 0x85ebca77) ^ Math.imul(c ^ (c >>> 13), 0xc2b2ae3d));

/**
 * Hashes of the skeleton's first `max` shingles into SHINGLES; returns how many. Word
 * 3-shingles over FNV-1a word hashes; for text written mostly without spaces (Chinese,
 * Japanese) character 4-grams instead. A text too short for one full shingle yields one
 * shingle of everything it has.
 */
function shingleHashes(skel: string, max: number): number {
  const len = skel.length;
  // The mode is decided on the head, which instances of one template share.
  const head = Math.min(len, 300);
  let cjk = 0;
  for (let i = 0; i < head; i++) if (skel.charCodeAt(i) >= 0x3040 && isCjkChar(skel.charCodeAt(i))) cjk++;
  let count = 0;
  if (cjk * 3 > head) {
    // Character 4-grams, spaces skipped: a rolling window of the last four characters.
    let a = 0, b = 0, c = 0, seen = 0;
    for (let i = 0; i < len && count < max; i++) {
      const d = skel.charCodeAt(i);
      if (d === 32) continue;
      if (++seen >= 4) SHINGLES[count++] = mix3(Math.imul(a, 0x27d4eb2f) ^ b, c, d);
      a = b;
      b = c;
      c = d;
    }
    if (count === 0 && seen > 0) SHINGLES[count++] = mix3(a ^ seen, b, c);
    return count;
  }
  let w1 = 0, w2 = 0, words = 0;
  let i = 0;
  while (count < max) {
    while (i < len && skel.charCodeAt(i) === 32) i++;
    if (i >= len) break;
    let h = 0x811c9dc5;
    for (let c = skel.charCodeAt(i); c !== 32; c = skel.charCodeAt(i)) {
      h = Math.imul(h ^ c, 0x01000193);
      if (++i >= len) break;
    }
    if (++words >= 3) SHINGLES[count++] = mix3(w1, w2, h);
    w1 = w2;
    w2 = h;
  }
  if (count === 0 && words > 0) SHINGLES[count++] = mix3(w1 ^ words, w2, 0);
  return count;
}

/**
 * MinHash minima over SHINGLES[from, to) for the first `funcs` functions, into MINS: each
 * function's low and high 16 bits act as two hash functions. One multiply-xorshift per function
 * suffices: shingle hashes are already fmix32-mixed (collision rates match 1 − (1 − J²)⁸ within
 * sampling error; see the tests).
 */
function fillMinima(from: number, to: number, funcs: number): void {
  for (let f = 0; f < funcs; f++) {
    const seed = XOR[f]!;
    const mul = MUL[f]!;
    let lo = 0xffff;
    let hi = 0xffff;
    for (let s = from; s < to; s++) {
      let y = Math.imul(SHINGLES[s]! ^ seed, mul);
      y ^= y >>> 15;
      const l = y & 0xffff;
      const h = y >>> 16;
      if (l < lo) lo = l;
      if (h < hi) hi = h;
    }
    MINS[2 * f] = lo;
    MINS[2 * f + 1] = hi;
  }
}

/**
 * LSH band keys of the skeleton's MinHash signature: 16 MinHash values grouped into 8 bands of
 * 2 rows; a band's key is a hash of its 2 values whose top 3 bits are the band index, so keys of
 * different bands never collide. A band pairs the low half of one function with the high half of
 * the next, so its two rows never come from the same multiply.
 *
 * Two texts whose shingle sets have Jaccard similarity J share a given band with probability J²,
 * and share at least one of the 8 bands with probability 1 − (1 − J²)⁸:
 *   J = 0.1 → 0.08,  J = 0.3 → 0.53,  J = 0.5 → 0.90,  J = 0.8 → 0.9997.
 * Instances of one template (slots masked by skeleton) are typically J ≥ 0.6 (≥ 0.97); unrelated
 * prompts are typically J < 0.05 (≤ 0.02), plus a 29-bit key collision chance of ~2⁻²⁹ per band.
 */
export function minhashBands(skel: string, out?: Uint32Array): Uint32Array {
  const keys = out ?? new Uint32Array(LSH_BANDS);
  const count = shingleHashes(skel, MAX_SHINGLES);
  // Function-major so both minima stay in registers.
  fillMinima(0, count, FUNCS);
  for (let b = 0; b < LSH_BANDS; b++) {
    const row0 = MINS[2 * b]!; // low half of function b
    const row1 = MINS[(2 * b + 3) % MINHASH_HASHES]!; // high half of function b + 1
    const h = fmix32(Math.imul(b + 1, 0x9e3779b1) ^ (row0 << 16) ^ row1);
    keys[b] = ((h & 0x1fffffff) | (b << 29)) >>> 0;
  }
  return keys;
}

/** Shingles in each of the head and tail signatures of headTailBands. */
export const HEAD_TAIL_SHINGLES = 24;

/**
 * Band keys for the commonest harvesting shape that minhashBands misses: a fixed instruction
 * before or after a long, fully varying item ("You are an expert tutor. Solve the problem step by
 * step … Problem: {question}"). Over the whole text such pairs have Jaccard ~0.2–0.3 (collision
 * ~0.3–0.5); here bands 0–3 are MinHash of the first 24 shingles only and bands 4–7 of the last
 * 24, so a fixed head or tail of ≥ 26 words collides for sure, and one of ~20 words with
 * probability ≈ 1 − (1 − 0.6²)⁴ ≈ 0.83. Each half collides with probability 1 − (1 − J²)⁴ for
 * its own Jaccard J; unrelated prompts that merely open alike ("Can you help me write a …")
 * share ~4 of 24 head shingles (J ≈ 0.09, ~3%). Keys are salted differently from minhashBands'
 * (top 3 bits again the band index); keep the two in separate tables.
 */
export function headTailBands(skel: string, out?: Uint32Array): Uint32Array {
  const keys = out ?? new Uint32Array(LSH_BANDS);
  const count = shingleHashes(skel, SHINGLES.length);
  const n = Math.min(count, HEAD_TAIL_SHINGLES);
  signatureBands(0, n, keys, 0);
  signatureBands(count - n, count, keys, 4);
  return keys;
}

/** 4 band keys (bands first … first + 3) from 4 functions × 2 halves over SHINGLES[from, to). */
function signatureBands(from: number, to: number, keys: Uint32Array, first: number): void {
  fillMinima(from, to, 4);
  for (let b = 0; b < 4; b++) {
    const h = fmix32(Math.imul(first + b + 1, 0x27d4eb2f) ^ 0x5bd1e995 ^ (MINS[2 * b]! << 16) ^ MINS[(2 * b + 3) % 8]!);
    keys[first + b] = ((h & 0x1fffffff) | ((first + b) << 29)) >>> 0;
  }
}

const SIMHASH_VOTES = new Int32Array(64);

/**
 * 64-bit SimHash of the skeleton's shingles as [high, low] 32-bit halves (unsigned). Near-identical
 * skeletons differ in few bits (compare with popcount of the xor). Costs about 3× minhashBands.
 */
export function simhash64(skel: string): [number, number] {
  const count = shingleHashes(skel, MAX_SHINGLES);
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

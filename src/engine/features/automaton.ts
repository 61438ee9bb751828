/**
 * A multi-keyword matcher for the text-signal extractors: Aho–Corasick compiled into a dense
 * DFA, so finding every keyword of a ~2,000-entry multilingual lexicon costs one table lookup
 * per input character (a handful of regexes with hundreds of alternatives each would test the
 * alternatives one by one at every word start, and were several times slower).
 *
 * Two alphabets keep the tables small:
 *  - "word" scripts (Latin + Cyrillic): case and accents are folded (É→e, ß→s, Ё→е, fullwidth
 *    Ａ→a), every other character is a separator and runs of separators collapse to one, so
 *    "step-by-step", "Step  by\nstep" and "step by step" all read as " step by step". A keyword
 *    that starts with a letter or digit implicitly starts at a word boundary; a keyword written
 *    with a trailing space must also end at one ("java " does not match "javascript").
 *  - CJK (Han, kana, Hangul) has no word boundaries; its keywords are plain substrings over the
 *    characters that occur in them (plus folded ASCII letters/digits and one space symbol).
 */

/** Character classes for the word-script alphabet. */
const SEP = 0;

/** Folds one UTF-16 code unit: lowercase, strip accents, fullwidth→ASCII. Used at build time only. */
export function foldChar(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // fullwidth ASCII
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0xdf) return 115; // ß → s
  if (c === 0xe6 || c === 0xc6) return 97; // æ
  if (c === 0x153 || c === 0x152 || c === 0xf8 || c === 0xd8) return 111; // œ ø
  if (c === 0x131) return 105; // dotless ı
  if (c === 0x142 || c === 0x141) return 108; // ł
  if (c === 0x111 || c === 0x110) return 100; // đ
  if (c >= 0xc0 && c <= 0x24f) {
    const base = String.fromCharCode(c).normalize('NFD').charCodeAt(0);
    if (base < 0x80) return base >= 65 && base <= 90 ? base + 32 : base;
    return c;
  }
  if (c >= 0x400 && c <= 0x42f) c = c < 0x410 ? (c === 0x401 ? 0x435 : c + 80) : c + 32; // Cyrillic upper → lower
  if (c === 0x451) return 0x435; // ё → е
  if (c === 0x439) return 0x438; // й → и (users and keyboards mix them up)
  return c;
}

/** CJK ideographs, kana and Hangul: scripts written without spaces between words. */
export function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);
}

/**
 * Word-script symbol of every code unit: 0 separator, 1–26 a–z, 27–36 0–9, 37 '<', 38–69 а–я,
 * 70 "some other letter" (Greek, Arabic, …: not a separator, part of no keyword).
 */
export const WORD_ALPHABET_SIZE = 71;
const OTHER_LETTER = 70;
export const WORD_SYMBOL: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const f = foldChar(c);
    let s = SEP;
    if (f >= 97 && f <= 122) s = f - 96;
    else if (f >= 48 && f <= 57) s = f - 48 + 27;
    else if (f === 60) s = 37; // '<' so that "<think>" tags are keywords of their own
    else if (f >= 0x430 && f <= 0x44f) s = f - 0x430 + 38;
    else if (f >= 0x80 && !isCjk(f) && ((f >= 0xc0 && f <= 0x24f) || (f >= 0x370 && f <= 0x1fff) || f >= 0xa000)) s = OTHER_LETTER;
    // Everything else (punctuation, symbols, math, CJK, CJK punctuation) separates words.
    if (f === 0xd7 || f === 0xf7) s = SEP; // × ÷
    if (f >= 0x3000 && f < 0x3040) s = SEP;
    if (f >= 0xd800 && f <= 0xdfff) s = OTHER_LETTER; // astral letters/emoji: not a separator, not a keyword
    t[c] = s;
  }
  return t;
})();

/** Turns a word-script keyword into its symbol sequence (see the module comment). */
export function wordSymbols(keyword: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < keyword.length; i++) {
    const s = WORD_SYMBOL[keyword.charCodeAt(i)]!;
    if (s === SEP && (out.length === 0 || out[out.length - 1] === SEP)) continue;
    out.push(s);
  }
  // Word-start boundary: the text is read as if it began with a separator.
  if (out.length > 0 && out[0] !== SEP && out[0] !== 37) out.unshift(SEP);
  return out;
}

/**
 * Dense DFA over an alphabet of `size` symbols.
 *  - States are named by their row offset (state × size), so a step is delta[offset + symbol]
 *    with no multiply on the loop's critical path; the entry is bit-inverted (~offset, negative)
 *    when the next state completes at least one keyword, so the hot loop tests the sign only.
 *  - own[state] is the keyword id ending exactly at that state (or -1), link[state] the nearest
 *    proper-suffix state that completes a keyword (or -1): following own/link lists every keyword
 *    ending at the current character, longest first.
 */
export class KeywordDfa {
  readonly stride: number;
  readonly delta: Int32Array;
  readonly own: Int32Array;
  readonly link: Int32Array;
  readonly states: number;

  /** `keywords[i]` is the symbol sequence of keyword id i; sequences must be distinct. */
  constructor(keywords: readonly (readonly number[])[], size: number) {
    this.stride = size;
    let cap = 1;
    for (const k of keywords) cap += k.length;
    const go = new Int32Array(cap * size).fill(-1);
    const own = new Int32Array(cap).fill(-1);
    let n = 1;
    keywords.forEach((k, id) => {
      let s = 0;
      for (const sym of k) {
        const next = go[s * size + sym]!;
        if (next >= 0) s = next;
        else {
          go[s * size + sym] = n;
          s = n++;
        }
      }
      own[s] = id;
    });
    // Breadth-first: fail links, then complete the transition table from them.
    const fail = new Int32Array(n);
    const link = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (let sym = 0; sym < size; sym++) {
      const t = go[sym]!;
      if (t > 0) queue[tail++] = t;
      else go[sym] = 0;
    }
    while (head < tail) {
      const s = queue[head++]!;
      const f = fail[s]!;
      link[s] = own[f]! >= 0 ? f : link[f]!;
      for (let sym = 0; sym < size; sym++) {
        const t = go[s * size + sym]!;
        if (t >= 0) {
          fail[t] = go[f * size + sym]!;
          queue[tail++] = t;
        } else go[s * size + sym] = go[f * size + sym]!;
      }
    }
    const delta = new Int32Array(n * size);
    for (let i = 0; i < n * size; i++) {
      const t = go[i]!;
      delta[i] = own[t]! >= 0 || link[t]! >= 0 ? ~(t * size) : t * size;
    }
    this.delta = delta;
    this.own = own.slice(0, n);
    this.link = link;
    this.states = n;
  }
}

/**
 * Substring matcher for CJK keywords: a per-character table of the keywords starting with that
 * character, checked in place. CJK keywords are few and short, and most characters start none,
 * so this is as fast as a DFA over their ~800-character alphabet at a fraction of the memory.
 */
export class CjkMatcher {
  /** FOLD[c]: folded character (fullwidth → ASCII, lowercase, any whitespace → ' '). */
  static readonly FOLD: Uint16Array = (() => {
    const t = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) {
      const f = foldChar(c);
      t[c] = f === 9 || f === 10 || f === 13 || f === 0xa0 || f === 0x3000 ? 32 : f;
    }
    return t;
  })();
  /** first[c]: 1 + index into `order` of the first keyword starting with character c, or 0. */
  readonly first: Uint16Array;
  /** Keyword ids grouped by first character; groupEnd[j] is the end of j's group in `order`. */
  readonly order: Int32Array;
  readonly groupEnd: Int32Array;
  /** Folded keyword characters, keyword i at chars[offset[i], offset[i + 1]). */
  readonly chars: Uint16Array;
  readonly offset: Int32Array;

  constructor(keywords: readonly string[]) {
    const folded = keywords.map((k) => Array.from(k, (ch) => CjkMatcher.FOLD[ch.charCodeAt(0)]!));
    for (const [i, f] of folded.entries()) if (!isCjk(f[0] ?? 0)) throw new Error(`CJK keyword must start with a CJK character: ${keywords[i]}`);
    if (keywords.length >= 0xffff) throw new Error('too many CJK keywords');
    this.offset = new Int32Array(keywords.length + 1);
    folded.forEach((f, i) => (this.offset[i + 1] = this.offset[i]! + f.length));
    this.chars = new Uint16Array(folded.flat());
    const ids = keywords.map((_, i) => i).sort((a, b) => folded[a]![0]! - folded[b]![0]! || a - b);
    this.order = new Int32Array(ids);
    this.first = new Uint16Array(65536);
    this.groupEnd = new Int32Array(ids.length);
    for (let j = ids.length - 1; j >= 0; j--) {
      const c = folded[ids[j]!]![0]!;
      this.first[c] = j + 1;
      this.groupEnd[j] = j + 1 < ids.length && folded[ids[j + 1]!]![0] === c ? this.groupEnd[j + 1]! : j + 1;
    }
  }
}

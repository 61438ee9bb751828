import { foldChar, mayStartPhrase, wordHash, type Group, type Lexicon, type Phrase } from './lexicon.js';

/**
 * Called for every position where the lexicon offers a choice: `observed` is
 * the variant the text has there, `slot` the keyed-table index its context
 * maps to. Returns the variant to write (the marker's choice, or `observed`
 * when only reading).
 */
export type ChoiceSink = (group: Group, observed: number, slot: number) => number;

/** Table slots a context can map to (the per-account table has one byte per slot). */
export const SLOT_BITS = 16;
const SLOT_MASK = (1 << SLOT_BITS) - 1;

/** Characters read past a candidate word to decide on it; held back in streams until they arrive. */
const WINDOW = 48;
/**
 * Runs of letters, spaces or backticks longer than this are no word, indent
 * or delimiter the scanner acts on: they pass as they are, so that no piece
 * of a stream is held (and rescanned) without bound.
 */
const MAX_RUN = 64;

const enum Mode {
  Prose,
  Fence,
  InlineCode,
  Quote,
  ProtectedLine,
  Tag,
}

/** Contexts that are not words: the start of a sentence or line, and a number. */
const SENTENCE_START = wordHash('^');
const NUMBER = wordHash('#');
/** The next word, when it does not fit in the window: some long word, in no guard list. */
const LONG_WORD = wordHash('~');
const NO_WORD = -1;
const A = wordHash('a');
const AN = wordHash('an');

/** Typographic choices, outside the lexicon: the apostrophe in a word (' or ’) and the space between sentences (one or two). */
export const APOSTROPHE: Group = channel(-1, ["'", '’']);
export const SPACING: Group = channel(-2, [' ', '  ']);
/**
 * Markdown choices that render alike: strong and emphasised text between
 * asterisks or underscores, and the bullet of a list (- or *). They change
 * no word, and a model's answers are full of them.
 */
export const STRONG: Group = channel(-3, ['**', '__']);
export const EMPHASIS: Group = channel(-4, ['*', '_']);
export const BULLET: Group = channel(-5, ['-', '*']);
/**
 * A code fence of three characters or four. Lengthening is always safe (the
 * closing fence is lengthened with it; no line inside could have closed a
 * three-character fence, so none closes a four-character one); shortening is
 * not, so a fence that came with four keeps them.
 */
export const FENCE: Group = channel(-6, ['```', '````']);
/** Characters after a fence's opening run that key its context: its info string and first line of code, never marked. */
const FENCE_CONTEXT = 40;

/** Longest emphasised text the scanner restyles: the span, its delimiters and the character after fit the look-ahead window. */
const EMPHASIS_MAX = 40;
/** What #emphasis and #bullet return when the text there is no such choice. */
const NOT_MARKUP = -1;

function channel(id: number, texts: string[]): Group {
  return { id, texts, lastWords: [], k: 2, start: false, notAfter: new Set(), onlyAfter: undefined, notBefore: new Set(), wordAfter: false, articleSensitive: false };
}

/** murmur3's finalizer: spreads a context hash over the table. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function slotOf(group: Group, context: number): number {
  return mix(context ^ Math.imul(group.id + 1000, 0x9e3779b1)) & SLOT_MASK;
}

/** The class a long run continues in: letters (and apostrophes) 1, else the character itself. */
function runClass(c: number): number {
  return isLetter(c) || isApostrophe(c) ? 1 : c;
}

/** Character classes of the first 128 code points, looked up once per character on the hot path. */
const LETTER = 1;
const CODE_NEIGHBOUR = 2;
const CLASSES = (() => {
  const t = new Uint8Array(128);
  for (let c = 65; c <= 90; c++) t[c] = LETTER;
  for (let c = 97; c <= 122; c++) t[c] = LETTER;
  // Characters that make a word part of an identifier, path, URL or markup rather than prose.
  for (const ch of '0123456789_-/\\@#$%&=+~|<>^{}[]') t[ch.charCodeAt(0)] = CODE_NEIGHBOUR;
  return t;
})();

const isLetter = (c: number) => c < 128 && CLASSES[c] === LETTER;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isApostrophe = (c: number) => c === 39 || c === 8217;
const isCodeNeighbour = (c: number) => c < 128 && CLASSES[c] === CODE_NEIGHBOUR;

/**
 * Walks text (whole, or a stream in pieces) and finds the positions where
 * the lexicon offers interchangeable phrasings, leaving code (fenced,
 * indented, inline), quotations, block quotes, markup and identifiers alone.
 * Every decision reads only a bounded window of text, and a stream holds back
 * just enough to have it, so any split of the same text gives the same result:
 * the gateway marks streams exactly as it would mark the whole reply, and the
 * detector finds exactly the marked positions.
 *
 * The context of a choice is the word before it as written (after earlier
 * choices), which an n-gram or neural student model also conditions on: that
 * is what lets a model trained on marked text inherit the marks.
 */
export class TextScanner {
  /** Prose words seen, how many of them the sink's choices replaced, and how many marks changed only typography. */
  words = 0;
  altered = 0;
  restyled = 0;

  #buf = '';
  #mode = Mode.Prose;
  /** Fence character and run length; inline code run length; quote closer. */
  #fenceChar = 0;
  #runLength = 0;
  #quoteCloser = 0;
  /** Fence-closing recognition for the current line: 0 indent, 1 run, 2 trailing spaces, 3 not a fence. */
  #fenceLine = 0;
  #fenceRun = 0;
  #prev = SENTENCE_START;
  #lastChar = 10;
  #prevLineBlank = true;
  #need = 0;
  /** Output of the current pass, and where its unchanged text starts; a word's held look-ahead need. */
  #out = '';
  #emitFrom = 0;
  #heldNeed = 0;
  /** Inside a run too long to be a word, an indent or a code delimiter: its character class, else 0. */
  #longRun = 0;
  /** Spaces since the last newline while nothing else was seen on the line; -1 once the line has text. */
  #indent = 0;
  /**
   * Inside a run of lists (until a paragraph after a blank line): whether its
   * bullets are swapped (- for *, * for -), else -1. The first bullet of a run
   * decides for all of them, so one list never mixes bullets (which would
   * split it in two) and neighbouring lists stay as distinct as they were.
   */
  #listSwap = -1;
  /** The open fence was lengthened from three characters to four: a closing run of three gets a fourth. */
  #fenceExtend = false;
  /** Where the current line's candidate closing run starts, while it is held back to be lengthened. */
  #closeAt = 0;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly sink: ChoiceSink,
  ) {}

  /** Takes the next piece of text; returns the text that is final so far. */
  push(chunk: string): string {
    this.#buf = this.#buf.length === 0 ? chunk : this.#buf + chunk;
    // A held word waits for its whole look-ahead window instead of being rescanned on every piece.
    if (this.#buf.length < this.#need) return '';
    return this.#run(false);
  }

  /** Ends the text; returns what was held back. */
  end(): string {
    return this.#run(true);
  }

  #run(final: boolean): string {
    const s = this.#buf;
    const n = s.length;
    this.#out = '';
    this.#emitFrom = 0;
    let i = 0;
    let hold = n;
    /** Characters the held text must reach before anything more can be decided. */
    let need = 0;
    loop: while (i < n) {
      switch (this.#mode) {
        case Mode.Fence: {
          const r = this.#scanFence(s, i, final);
          if (r < 0) {
            hold = -r - 1;
            break loop;
          }
          i = r;
          continue;
        }
        case Mode.InlineCode: {
          const r = this.#scanInline(s, i, final);
          if (r < 0) {
            hold = -r - 1;
            break loop;
          }
          i = r;
          continue;
        }
        case Mode.Quote: {
          // Up to the closing mark, or a paragraph break (an unclosed quotation ends with its paragraph).
          const closer = this.#quoteCloser;
          const single = closer === 39 || closer === 8217;
          let j = i;
          let end = -1;
          for (; j < n; j++) {
            const d = s.charCodeAt(j);
            if (d === closer) {
              if (!single) {
                end = j + 1;
                break;
              }
              if (j + 1 >= n) break;
              if (!isLetter(s.charCodeAt(j + 1))) {
                end = j + 1;
                break;
              }
            } else if (d === 10) {
              if (j + 1 >= n) break;
              if (s.charCodeAt(j + 1) === 10) {
                end = j;
                break;
              }
            }
          }
          if (end === -1) {
            // The closing mark or paragraph break may be split across pieces.
            if (!final && j < n) {
              hold = j;
              break loop;
            }
            i = n;
            continue;
          }
          i = end;
          this.#mode = Mode.Prose;
          continue;
        }
        case Mode.ProtectedLine: {
          const nl = s.indexOf('\n', i);
          if (nl === -1) {
            i = n;
            continue;
          }
          i = nl;
          this.#mode = Mode.Prose;
          continue;
        }
        case Mode.Tag: {
          let j = i;
          while (j < n && s.charCodeAt(j) !== 62 && s.charCodeAt(j) !== 10) j++;
          if (j < n) this.#mode = Mode.Prose;
          i = j < n && s.charCodeAt(j) === 62 ? j + 1 : j;
          continue;
        }
      }

      const c = s.charCodeAt(i);
      // A paragraph after a blank line ends the lists before it (a line that starts with markup a choice may restyle does not, either way).
      if (this.#listSwap !== -1 && this.#indent === 0 && this.#prevLineBlank && c !== 10 && c !== 32 && c !== 9 && c !== 45 && c !== 42 && c !== 43 && c !== 95 && !isDigit(c)) {
        this.#listSwap = -1;
      }
      if (this.#longRun !== 0) {
        if (runClass(c) === this.#longRun) {
          i++;
          continue;
        }
        this.#longRun = 0;
      }
      if (isLetter(c)) {
        const r = this.#word(s, i, n, final, c);
        if (r < 0) {
          hold = -r - 1;
          need = this.#heldNeed;
          this.#heldNeed = 0;
          break;
        }
        i = r;
        continue;
      }

      if (c === 96 /* ` */ || c === 126 /* ~ */) {
        let j = i;
        while (j < n && s.charCodeAt(j) === c && j - i <= MAX_RUN) j++;
        if (j - i > MAX_RUN) {
          this.#longRun = c;
          this.#indent = -1;
          i = j;
          continue;
        }
        if (j >= n && !final) {
          hold = i;
          break;
        }
        const run = j - i;
        const lineStart = this.#indent >= 0 && this.#indent <= 3;
        if (run >= 3 && lineStart) {
          const fenceChoice = (run === 3 || run === 4) && this.lexicon.fences;
          if (fenceChoice && !final && n - j <= FENCE_CONTEXT) {
            hold = i;
            need = j - i + FENCE_CONTEXT + 1;
            break;
          }
          this.#fenceExtend = false;
          // A backtick in the info string makes the line inline code, not a fence (CommonMark): no choice there.
          if (fenceChoice && !(c === 96 && infoHasBacktick(s, j, n))) {
            const chosen = this.sink(FENCE, run - 3, slotOf(FENCE, fenceContext(s, j, n, c)));
            if (run === 3 && chosen === 1) {
              this.restyled++;
              this.#fenceExtend = true;
              this.#out += s.slice(this.#emitFrom, i) + String.fromCharCode(c);
              this.#emitFrom = i;
            }
          }
          this.#mode = Mode.Fence;
          this.#fenceChar = c;
          this.#runLength = run;
          this.#fenceLine = 3; // the opening line's info string is not a close
          i = j;
          continue;
        }
        this.#indent = -1;
        if (c === 96) {
          this.#mode = Mode.InlineCode;
          this.#runLength = run;
        }
        i = j;
        continue;
      }

      if (c === 42 || c === 95 || c === 45) {
        const r = this.#markup(s, i, n, final, c);
        if (r === -2) {
          hold = i;
          need = WINDOW + 1;
          break;
        }
        if (r !== NOT_MARKUP) {
          i = r;
          continue;
        }
      }

      switch (c) {
        case 10:
          this.#prev = SENTENCE_START;
          this.#prevLineBlank = this.#indent !== -1;
          this.#indent = 0;
          break;
        case 32:
        case 9:
          if (this.#indent >= 0) {
            const indent = this.#indent + (c === 9 ? 4 : 1);
            if (indent >= 4) {
              // Indented code, unless it is a nested list item or continued prose.
              let j = i + 1;
              while (j < n && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9) && j - i <= MAX_RUN) j++;
              if (j - i > MAX_RUN) {
                // Whitespace this deep is layout, not prose.
                this.#indent = -1;
                this.#mode = Mode.ProtectedLine;
                i = j;
                continue loop;
              }
              if (j >= n && !final) {
                hold = i;
                break loop;
              }
              const d = j < n ? s.charCodeAt(j) : 10;
              // An asterisk is a nested item only before a space: "**Note" here is as much code as "__Note" (a choice turns one into the other).
              if (d === 42 && j + 1 >= n && !final) {
                hold = i;
                break loop;
              }
              if (d === 10) {
                this.#indent = indent;
              } else {
                this.#indent = -1;
                const star = d === 42 && j + 1 < n && s.charCodeAt(j + 1) === 32;
                const listOrProse = d === 45 || star || d === 43 || isDigit(d) || (isLetter(d) && !this.#prevLineBlank);
                if (!listOrProse) this.#mode = Mode.ProtectedLine;
              }
              i = j;
              continue loop;
            }
            this.#indent = indent;
          }
          break;
        case 46:
        case 33:
        case 63: {
          // Between sentences on one line: one space or two.
          if (i + 3 >= n && !final) {
            hold = i;
            break loop;
          }
          const before = i > 0 ? s.charCodeAt(i - 1) : this.#lastChar;
          let spaces = 0;
          while (spaces < 3 && i + 1 + spaces < n && s.charCodeAt(i + 1 + spaces) === 32) spaces++;
          const next = i + 1 + spaces < n ? s.charCodeAt(i + 1 + spaces) : 10;
          if (isLetter(before) && (spaces === 1 || spaces === 2) && isUpper(next) && this.#prev !== SENTENCE_START) {
            const chosen = this.sink(SPACING, spaces - 1, slotOf(SPACING, this.#prev));
            if (chosen !== spaces - 1) {
              this.restyled++;
              this.#out += s.slice(this.#emitFrom, i + 1) + (chosen === 1 ? '  ' : ' ');
              this.#emitFrom = i + 1 + spaces;
            }
            this.#prev = SENTENCE_START;
            this.#indent = -1;
            i += 1 + spaces;
            continue loop;
          }
          this.#prev = SENTENCE_START;
          this.#indent = -1;
          break;
        }
        case 34: {
          // Only an opening mark starts a quotation: after a space, bracket or line start (a closing one, or an inch mark, does not).
          const before = i > 0 ? s.charCodeAt(i - 1) : this.#lastChar;
          this.#indent = -1;
          if (before !== 32 && before !== 10 && before !== 9 && before !== 40 && before !== 91) break;
          this.#mode = Mode.Quote;
          this.#quoteCloser = 34;
          break;
        }
        case 8220:
          this.#mode = Mode.Quote;
          this.#quoteCloser = 8221;
          this.#indent = -1;
          break;
        case 39:
        case 8216: {
          // An opening single quote: after a space or bracket and before a letter (an apostrophe is inside a word).
          if (i + 1 >= n && !final) {
            hold = i;
            break loop;
          }
          const before = i > 0 ? s.charCodeAt(i - 1) : this.#lastChar;
          const next = i + 1 < n ? s.charCodeAt(i + 1) : 32;
          if ((before === 32 || before === 10 || before === 9 || before === 40 || before === 91) && isLetter(next)) {
            this.#mode = Mode.Quote;
            this.#quoteCloser = c === 39 ? 39 : 8217;
          }
          this.#indent = -1;
          break;
        }
        case 62:
          if (this.#indent >= 0 && this.#indent <= 3) this.#mode = Mode.ProtectedLine;
          this.#indent = -1;
          break;
        case 60: {
          if (i + 1 >= n && !final) {
            hold = i;
            break loop;
          }
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 32;
          if (isLetter(d) || d === 47 || d === 33) this.#mode = Mode.Tag;
          this.#indent = -1;
          break;
        }
        default:
          if (isDigit(c)) {
            let j = i + 1;
            while (j < n && isDigit(s.charCodeAt(j))) j++;
            this.#prev = NUMBER;
            this.#indent = -1;
            i = j;
            continue loop;
          }
          this.#indent = -1;
      }
      i++;
    }
    if (final) hold = n;
    if (hold > 0) this.#lastChar = s.charCodeAt(hold - 1);
    const out = this.#out + s.slice(this.#emitFrom, hold);
    this.#out = '';
    this.#buf = hold >= n ? '' : s.slice(hold);
    this.#need = Math.max(need, this.#buf.length + 1);
    return out;
  }

  /** A word at `i`: a choice, an apostrophe, or plain; returns where to go on, or -(p+1) to hold from p. */
  #word(s: string, i: number, n: number, final: boolean, c: number): number {
    // One pass finds the word's end, its hash, its case and whether it has an apostrophe.
    let h = Math.imul(0x811c9dc5 ^ foldChar(c), 0x01000193);
    let upperInside = false;
    let apostrophe = 0;
    let j = i + 1;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (isLetter(d)) {
        if (d <= 90) upperInside = true;
      } else if (isApostrophe(d) && j + 1 < n && isLetter(s.charCodeAt(j + 1))) {
        if (apostrophe === 0) apostrophe = d;
      } else break;
      h = Math.imul(h ^ foldChar(d), 0x01000193);
      j++;
    }
    h >>>= 0;
    if (j - i > MAX_RUN) {
      this.#longRun = 1;
      this.#prev = LONG_WORD;
      this.#indent = -1;
      return j;
    }
    // The word's end and the character after it must be known.
    if (!final && (j >= n || (isApostrophe(s.charCodeAt(j)) && j + 1 >= n))) return -(i + 1);
    const before = i > 0 ? s.charCodeAt(i - 1) : this.#lastChar;
    const after = j < n ? s.charCodeAt(j) : 32;
    this.#indent = -1;
    if (isCodeNeighbour(before) || isCodeNeighbour(after) || (after === 46 && j + 1 < n && isLetter(s.charCodeAt(j + 1)))) {
      this.words++;
      this.#prev = h;
      return j;
    }
    const candidates = mayStartPhrase(this.lexicon, h) ? this.lexicon.byFirst.get(h) : undefined;
    if (candidates !== undefined) {
      if (!final && n - j < WINDOW) {
        this.#heldNeed = j - i + WINDOW;
        return -(i + 1);
      }
      const capital = upperInside ? -1 : isUpper(c) ? 1 : 0;
      const match = capital < 0 ? undefined : this.#match(s, i, j, Math.min(n, j + WINDOW), candidates);
      if (match !== undefined) {
        const { phrase, end } = match;
        const group = phrase.group;
        const chosen = this.sink(group, phrase.variant, slotOf(group, this.#prev));
        const words = phrase.rest.length + 1;
        this.words += words;
        const plain = group.texts[chosen] as string;
        let written = capital === 1 ? plain.charAt(0).toUpperCase() + plain.slice(1) : plain;
        const last = group.lastWords[chosen] as number;
        if (plain.includes("'")) {
          const style = this.sink(APOSTROPHE, apostrophe === 8217 ? 1 : 0, slotOf(APOSTROPHE, mix(this.#prev) ^ last));
          if (style === 1) written = written.replace(/'/g, '’');
        }
        const original = s.slice(i, end);
        if (chosen !== phrase.variant) this.altered += Math.max(words, countWords(plain));
        else if (written !== original) this.restyled++;
        if (written !== original) {
          this.#out += s.slice(this.#emitFrom, i) + written;
          this.#emitFrom = end;
        }
        this.#prev = last;
        return end;
      }
    }
    this.words++;
    if (apostrophe !== 0) {
      const curly = apostrophe === 8217 ? 1 : 0;
      const style = this.sink(APOSTROPHE, curly, slotOf(APOSTROPHE, mix(this.#prev) ^ h));
      if (style !== curly) {
        this.restyled++;
        const word = s.slice(i, j);
        this.#out += s.slice(this.#emitFrom, i) + (style === 1 ? word.replace(/'/g, '’') : word.replace(/’/g, "'"));
        this.#emitFrom = j;
      }
    }
    this.#prev = h;
    return j;
  }

  /**
   * A bullet or an emphasis delimiter at `i`: returns where to go on,
   * NOT_MARKUP when it is neither, or -2 to hold from `i` until the look-ahead
   * window has arrived.
   */
  #markup(s: string, i: number, n: number, final: boolean, c: number): number {
    const bulletPlace = c !== 95 && this.#indent === 0;
    if (c === 45 && !bulletPlace) return NOT_MARKUP;
    const before = i > 0 ? s.charCodeAt(i - 1) : this.#lastChar;
    if (!bulletPlace && !(before === 32 || before === 10 || before === 9 || before === 40 || before === 91)) return NOT_MARKUP;
    // What follows must open an item ("- ") or an emphasis ("**A", "*A"): anything else is decided without waiting.
    if (i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (!(bulletPlace && d === 32) && d !== c && !isLetter(d) && !isDigit(d)) return NOT_MARKUP;
    }
    if (!final && n - i <= WINDOW) return -2;
    if (bulletPlace) {
      const r = this.#bullet(s, i, n, c);
      if (r !== NOT_MARKUP || c === 45) return r;
    }
    return c === 45 ? NOT_MARKUP : this.#emphasis(s, i, n, c);
  }

  /** A list item's bullet at the start of a line (only top-level lists: nested ones are lists of their own). */
  #bullet(s: string, i: number, n: number, c: number): number {
    if (i + 2 >= n || s.charCodeAt(i + 1) !== 32) return NOT_MARKUP;
    // The item's text must start here: "- - -" and "* * *" are rules, not lists.
    const d = s.charCodeAt(i + 2);
    const e = i + 3 < n ? s.charCodeAt(i + 3) : 32;
    const starts = isLetter(d) || isDigit(d) || d === 96 || d === 91 || d === 40 || d === 34 || ((d === 42 || d === 95) && (e === 42 || e === 95 || isLetter(e)));
    if (!starts) return NOT_MARKUP;
    const observed = c === 42 ? 1 : 0;
    if (this.#listSwap === -1) {
      let w = i + 2;
      while (w < i + 6 && w < n && !isLetter(s.charCodeAt(w))) w++;
      // The item's first word, unless a choice may rewrite it (then the detector would read another context).
      const word = w < n && isLetter(s.charCodeAt(w)) ? wordHashAt(s, w, Math.min(n, i + WINDOW)) : NUMBER;
      const context = word !== NUMBER && mayStartPhrase(this.lexicon, word) && this.lexicon.byFirst.has(word) ? SENTENCE_START : word;
      this.#listSwap = this.sink(BULLET, observed, slotOf(BULLET, context)) === observed ? 0 : 1;
    }
    if (this.#listSwap === 1) {
      this.restyled++;
      this.#out += s.slice(this.#emitFrom, i) + (c === 45 ? '*' : '-');
      this.#emitFrom = i + 1;
    }
    this.#indent = -1;
    return i + 1;
  }

  /**
   * Strong or emphasised text between asterisks or underscores, restyled as a
   * whole and otherwise left as it is (its words are read, not marked). The
   * guards follow CommonMark's flanking rules and read only what no choice
   * changes (the character before, the text, the character after), so the
   * detector finds the same spans in either style.
   */
  #emphasis(s: string, i: number, n: number, c: number): number {
    const width = i + 1 < n && s.charCodeAt(i + 1) === c ? 2 : 1;
    const start = i + width;
    if (start >= n) return NOT_MARKUP;
    const first = s.charCodeAt(start);
    if (!isLetter(first) && !isDigit(first)) return NOT_MARKUP;
    let j = start + 1;
    let spaced = false;
    for (; j < n && j - start <= EMPHASIS_MAX; j++) {
      const e = s.charCodeAt(j);
      if (e === 42 || e === 95) break;
      // Code, links, markup, escapes and quotations inside are left to their own rules.
      if (e === 10 || e === 96 || e === 91 || e === 93 || e === 60 || e === 62 || e === 92 || e === 34 || e === 8220 || e === 8221) return NOT_MARKUP;
      if (e === 32) spaced = true;
    }
    if (j >= n || j - start > EMPHASIS_MAX || s.charCodeAt(j) !== c) return NOT_MARKUP;
    const last = s.charCodeAt(j - 1);
    if (last === 32 || last === 9) return NOT_MARKUP;
    let k = j;
    while (k < n && s.charCodeAt(k) === c) k++;
    if (k - j !== width) return NOT_MARKUP;
    const after = k < n ? s.charCodeAt(k) : 32;
    if (!(after === 32 || after === 10 || after === 9 || after === 46 || after === 44 || after === 58 || after === 59 || after === 33 || after === 63 || after === 41)) return NOT_MARKUP;
    this.words += countWords(s.slice(start, j));
    this.#prev = lastWordHash(s, start, j);
    this.#indent = -1;
    // One lowercase word between underscores reads as a name (__init__, _private_): not restyled either way,
    // and passed over like any span, so that no choice inside can make it look otherwise.
    if (!spaced && !isUpper(first) && isLetter(last)) return k;
    const group = width === 2 ? STRONG : EMPHASIS;
    const observed = c === 95 ? 1 : 0;
    const chosen = this.sink(group, observed, slotOf(group, isLetter(first) ? wordHashAt(s, start, j) : NUMBER));
    if (chosen !== observed) {
      this.restyled++;
      const delimiter = (chosen === 1 ? '_' : '*').repeat(width);
      this.#out += s.slice(this.#emitFrom, i) + delimiter + s.slice(start, j) + delimiter;
      this.#emitFrom = k;
    }
    return k;
  }

  /** Longest phrase starting with the word that ends at `j` whose guards hold. */
  #match(s: string, i: number, j: number, limit: number, candidates: readonly Phrase[]): { phrase: Phrase; end: number } | undefined {
    const second = s.charCodeAt(j) === 32 ? wordHashAt(s, j + 1, limit) : NO_WORD;
    for (const phrase of candidates) {
      if (phrase.second !== -1 && phrase.second !== second) continue;
      // The hash found the candidates; the words themselves decide.
      if (!sameWord(s, i, j, phrase.first)) continue;
      let end = j;
      let ok = true;
      for (const w of phrase.rest) {
        if (s.charCodeAt(end) !== 32 || !s.startsWith(w, end + 1)) {
          ok = false;
          break;
        }
        end += 1 + w.length;
      }
      if (!ok || end > limit) continue;
      const after = end < s.length ? s.charCodeAt(end) : 32;
      if (isLetter(after) || isApostrophe(after) || isCodeNeighbour(after)) continue;
      if (after === 46 && end + 1 < s.length && isLetter(s.charCodeAt(end + 1))) continue;
      const g = phrase.group;
      const prev = this.#prev;
      if (g.start && (prev !== SENTENCE_START || after !== 44)) continue;
      if (g.notAfter.has(prev)) continue;
      if (g.onlyAfter !== undefined && !g.onlyAfter.has(prev)) continue;
      if (g.articleSensitive && (prev === A || prev === AN)) continue;
      if (g.notBefore.size > 0 || g.wordAfter) {
        const next = nextWord(s, end, limit);
        if (g.wordAfter && next === NO_WORD) continue;
        if (g.notBefore.has(next)) continue;
      }
      return { phrase, end };
    }
    return undefined;
  }

  /**
   * Fence content: finds a closing fence line; returns the position to go on
   * from, or -(p+1) to hold from p: a closing run that may need a fourth
   * character waits until its line shows whether it closes the fence.
   */
  #scanFence(s: string, i: number, final: boolean): number {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) {
        if ((this.#fenceLine === 1 && this.#fenceRun >= this.#runLength) || this.#fenceLine === 2) return this.#closeFence(s, i);
        this.#fenceLine = 0;
        this.#fenceRun = 0;
        this.#indent = 0;
        continue;
      }
      switch (this.#fenceLine) {
        case 0:
          if (c === 32 && this.#indent < 3) this.#indent++;
          else if (c === this.#fenceChar) {
            this.#fenceLine = 1;
            this.#fenceRun = 1;
            this.#closeAt = i;
          } else this.#fenceLine = 3;
          break;
        case 1:
          if (c === this.#fenceChar) this.#fenceRun++;
          else if (c === 32 && this.#fenceRun >= this.#runLength) this.#fenceLine = 2;
          else this.#fenceLine = 3;
          break;
        case 2:
          if (c !== 32) this.#fenceLine = 3;
          break;
      }
    }
    const closing = (this.#fenceLine === 1 && this.#fenceRun >= this.#runLength) || this.#fenceLine === 2;
    // A closing fence on the very last line, without a newline after it, is found at the end of the text.
    if (final) return closing ? this.#closeFence(s, n) : n;
    // Only a run of exactly three can need lengthening; a line of spaces after it is bounded like any run.
    const pending = this.#fenceExtend && (this.#fenceLine === 1 || this.#fenceLine === 2) && this.#fenceRun <= 3 && n - this.#closeAt <= MAX_RUN;
    if (!pending) return n;
    this.#fenceLine = 0;
    this.#fenceRun = 0;
    return -(this.#closeAt + 1);
  }

  #closeFence(s: string, i: number): number {
    if (this.#fenceExtend && this.#fenceRun === 3) {
      this.#out += s.slice(this.#emitFrom, this.#closeAt) + String.fromCharCode(this.#fenceChar);
      this.#emitFrom = this.#closeAt;
    }
    this.#fenceExtend = false;
    this.#mode = Mode.Prose;
    this.#fenceLine = 0;
    this.#prev = SENTENCE_START;
    this.#indent = -1;
    return i;
  }

  /** Inline code: continues after the closing run; a negative value -(p+1) asks to hold from p. */
  #scanInline(s: string, i: number, final: boolean): number {
    const n = s.length;
    for (let j = i; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === 10) {
        if (j + 1 >= n) return final ? n : -(j + 1);
        if (s.charCodeAt(j + 1) === 10) return this.#endInline(j);
      } else if (d === 96) {
        let e = j;
        while (e < n && s.charCodeAt(e) === 96) e++;
        if (e >= n && !final) return -(j + 1);
        if (e - j === this.#runLength) return this.#endInline(e);
        j = e - 1;
      }
    }
    return n;
  }

  #endInline(i: number): number {
    this.#mode = Mode.Prose;
    return i;
  }
}

/** Hash of the next word after `end` (spaces only between); NO_WORD when punctuation or the end comes first. */
function nextWord(s: string, end: number, limit: number): number {
  let i = end;
  while (i < limit && s.charCodeAt(i) === 32) i++;
  if (i >= limit || !isLetter(s.charCodeAt(i))) return NO_WORD;
  let h = 0x811c9dc5;
  let j = i;
  for (; j < limit; j++) {
    const d = s.charCodeAt(j);
    if (!isLetter(d) && !isApostrophe(d)) break;
    h = Math.imul(h ^ foldChar(d), 0x01000193);
  }
  // A word cut by the window is some long word: in no guard list, but a word.
  return j >= limit ? LONG_WORD : h >>> 0;
}

/** Hash of the word starting at `i` (letters and inner apostrophes), NO_WORD if none starts there. */
function wordHashAt(s: string, i: number, limit: number): number {
  if (i >= limit || !isLetter(s.charCodeAt(i))) return NO_WORD;
  let h = 0x811c9dc5;
  for (; i < limit; i++) {
    const d = s.charCodeAt(i);
    if (!isLetter(d) && !(isApostrophe(d) && i + 1 < limit && isLetter(s.charCodeAt(i + 1)))) break;
    h = Math.imul(h ^ foldChar(d), 0x01000193);
  }
  return h >>> 0;
}

/**
 * Context of a fence whose opening run ends at `j`: its info string and first
 * line of code (up to FENCE_CONTEXT characters), fence characters left out so
 * that a lengthened closing fence on that line reads the same.
 */
function fenceContext(s: string, j: number, n: number, fenceChar: number): number {
  let h = 0x811c9dc5;
  let newlines = 0;
  const end = Math.min(n, j + FENCE_CONTEXT);
  for (let i = j; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 && ++newlines === 2) break;
    if (c !== fenceChar) h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

function infoHasBacktick(s: string, j: number, n: number): boolean {
  const end = Math.min(n, j + FENCE_CONTEXT);
  for (let i = j; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) return false;
    if (c === 96) return true;
  }
  return false;
}

/** Hash of the last word in s[from, to), NUMBER when it has none. */
function lastWordHash(s: string, from: number, to: number): number {
  let j = to;
  while (j > from && !isLetter(s.charCodeAt(j - 1))) j--;
  if (j === from) return NUMBER;
  let i = j;
  while (i > from && (isLetter(s.charCodeAt(i - 1)) || (isApostrophe(s.charCodeAt(i - 1)) && i - 1 > from && isLetter(s.charCodeAt(i - 2))))) i--;
  return wordHashAt(s, i, j);
}

/** Whether s[i, j) is `word` (lowercase, ' for ’) when folded. */
function sameWord(s: string, i: number, j: number, word: string): boolean {
  if (j - i !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (foldChar(s.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
  return true;
}

function countWords(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++;
  return n;
}

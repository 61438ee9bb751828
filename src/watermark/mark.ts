import { choose } from './keys.js';
import { LEXICON, type Lexicon } from './lexicon.js';
import { TextScanner } from './scanner.js';

/**
 * Marks text for one account: at every choice the lexicon offers, writes the
 * variant the account's table picks for that context. Streams: feed pieces
 * with push(), then end(); the result is the same for any split.
 */
export class Marker {
  readonly #scanner: TextScanner;

  constructor(table: Uint8Array, lexicon: Lexicon = LEXICON) {
    this.#scanner = new TextScanner(lexicon, (group, _observed, slot) => choose(table[slot] as number, group.k));
  }

  push(text: string): string {
    return this.#scanner.push(text);
  }

  end(): string {
    return this.#scanner.end();
  }

  /** Prose words seen, and how many the marks changed. */
  get words(): number {
    return this.#scanner.words;
  }

  get altered(): number {
    return this.#scanner.altered;
  }

  /** Marks that changed only typography (an apostrophe, the space between sentences). */
  get restyled(): number {
    return this.#scanner.restyled;
  }
}

export function markText(text: string, table: Uint8Array, lexicon: Lexicon = LEXICON): { text: string; words: number; altered: number; restyled: number } {
  const m = new Marker(table, lexicon);
  const out = m.push(text) + m.end();
  return { text: out, words: m.words, altered: m.altered, restyled: m.restyled };
}

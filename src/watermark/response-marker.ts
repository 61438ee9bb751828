import type { Lexicon } from './lexicon.js';
import { Marker } from './mark.js';

/**
 * Marks one text field of a response (an Anthropic text block, an OpenAI
 * choice's content), streamed or whole. A field that opens with a JSON object
 * or array is passed through untouched: structured output must stay
 * byte-exact.
 */
export class FieldMarker {
  #marker: Marker | undefined;
  #lead = '';
  #json = false;
  words = 0;
  altered = 0;
  restyled = 0;

  constructor(
    private readonly table: Uint8Array,
    private readonly lexicon: Lexicon,
  ) {}

  push(text: string): string {
    if (this.#json) return text;
    if (this.#marker === undefined) {
      this.#lead += text;
      const verdict = jsonStart(this.#lead);
      if (verdict === undefined) return '';
      const lead = this.#lead;
      this.#lead = '';
      if (verdict) {
        this.#json = true;
        return lead;
      }
      this.#marker = new Marker(this.table, this.lexicon);
      return this.#marker.push(lead);
    }
    return this.#marker.push(text);
  }

  end(): string {
    if (this.#json) return '';
    if (this.#marker === undefined) return this.#lead;
    const rest = this.#marker.end();
    this.words = this.#marker.words;
    this.altered = this.#marker.altered;
    this.restyled = this.#marker.restyled;
    return rest;
  }
}

/**
 * Whether text opens a JSON object or array: `{` then `"` or `}`, or `[` then
 * a value or `]`. Undefined while too little has arrived to tell. (A reply
 * like "[simulated] …" or "[1] Smith, …" is prose, hence the second look.)
 */
function jsonStart(text: string): boolean | undefined {
  const first = text.search(/\S/);
  if (first === -1) return undefined;
  const c = text.charCodeAt(first);
  if (c !== 123 && c !== 91) return false;
  const rest = text.slice(first + 1);
  const second = rest.search(/\S/);
  if (second === -1) return rest.length > 256 ? false : undefined;
  const d = rest.charCodeAt(second);
  if (c === 123) return d === 34 || d === 125;
  return d === 123 || d === 91 || d === 34 || d === 93 || d === 45 || (d >= 48 && d <= 57);
}

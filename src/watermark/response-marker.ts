import { Marker } from './mark.js';

/**
 * Marks one text field of a response (an Anthropic text block, an OpenAI
 * choice's content), streamed or whole. A field whose first visible character
 * opens a JSON value is passed through untouched: structured output must stay
 * byte-exact.
 */
export class FieldMarker {
  #marker: Marker | undefined;
  #lead = '';
  #json = false;
  words = 0;
  altered = 0;
  restyled = 0;

  constructor(private readonly table: Uint8Array) {}

  push(text: string): string {
    if (this.#json) return text;
    if (this.#marker === undefined) {
      this.#lead += text;
      const first = this.#lead.search(/\S/);
      if (first === -1) return '';
      const lead = this.#lead;
      this.#lead = '';
      const c = lead.charCodeAt(first);
      if (c === 123 /* { */ || c === 91 /* [ */) {
        this.#json = true;
        return lead;
      }
      this.#marker = new Marker(this.table);
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

import { StringDecoder } from 'node:string_decoder';

/** One Server-Sent Event as it crossed the wire. `raw` ends with the blank line. */
export interface SseEvent {
  event: string | undefined;
  data: string;
  raw: string;
}

/**
 * Incremental SSE parser: feed it upstream chunks, get back the events that are
 * complete. Bytes of an unfinished event are held until its blank line arrives,
 * and multi-byte characters split across chunks are decoded correctly.
 */
export class SseParser {
  readonly #decoder = new StringDecoder('utf8');
  #buffer = '';
  #atBoundary = true;

  push(chunk: Buffer): SseEvent[] {
    let text = this.#buffer + this.#decoder.write(chunk);
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    const events: SseEvent[] = [];
    let start = 0;
    for (let end = text.indexOf('\n\n', start); end !== -1; end = text.indexOf('\n\n', start)) {
      events.push(parseEvent(text.slice(start, end + 2)));
      start = end + 2;
    }
    this.#buffer = start === 0 ? text : text.slice(start);
    this.#atBoundary = this.#buffer.length === 0 && endsWithBlankLine(chunk);
    return events;
  }

  /**
   * True when everything received so far ended exactly at an event boundary:
   * a chunk that also ends with a blank line can then be read on its own.
   */
  get atBoundary(): boolean {
    return this.#atBoundary;
  }

  /** True while part of an event is held back waiting for the rest. */
  get holding(): boolean {
    return this.#buffer.length > 0;
  }

  /** Whatever is left when the stream ends (an event without its blank line). */
  rest(): string {
    return this.#buffer + this.#decoder.end();
  }
}

function parseEvent(raw: string): SseEvent {
  // The common shapes, `data: …` and `event: …\ndata: …`, without splitting into lines.
  const firstBreak = raw.indexOf('\n');
  if (raw.startsWith('data: ') && firstBreak === raw.length - 2) return { event: undefined, data: raw.slice(6, -2), raw };
  if (raw.startsWith('event: ') && raw.startsWith('data: ', firstBreak + 1)) {
    const second = raw.indexOf('\n', firstBreak + 1);
    if (second === raw.length - 2) return { event: raw.slice(7, firstBreak), data: raw.slice(firstBreak + 7, -2), raw };
  }
  let event: string | undefined;
  let data: string | undefined;
  for (const line of raw.split('\n')) {
    if (line.startsWith('data:')) {
      const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      data = data === undefined ? value : `${data}\n${value}`;
    } else if (line.startsWith('event:')) {
      event = line.slice(line.charCodeAt(6) === 32 ? 7 : 6);
    }
  }
  return { event, data: data ?? '', raw };
}

export function formatSse(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/** Whether a chunk of bytes ends with the blank line that ends an SSE event. */
export function endsWithBlankLine(chunk: Buffer): boolean {
  return chunk.length >= 2 && chunk[chunk.length - 1] === 10 && chunk[chunk.length - 2] === 10;
}

/**
 * In-band fault controls for the simulated upstream. Directives are written
 * anywhere in the text of the LAST user message, e.g.
 *
 *   "[sim:latency=200] [sim:fail=503] hello"
 *
 *   [sim:latency=MS]      delay before responding
 *   [sim:chunk-delay=MS]  delay between stream chunks
 *   [sim:fail=STATUS]     respond with HTTP STATUS (400-599) and an API-shaped error body
 *   [sim:fail=reset]      destroy the socket without a response
 *   [sim:fail=hang]       never respond
 *   [sim:fail=midstream]  send headers and a few chunks, then destroy the socket
 *   [sim:tokens=N]        generate exactly N completion tokens (subject to max_tokens)
 */

export type SimFault = number | 'reset' | 'hang' | 'midstream';

export interface Directives {
  latencyMs?: number;
  chunkDelayMs?: number;
  fail?: SimFault;
  tokens?: number;
}

const MARK = '[sim:';
const MAX_DELAY_MS = 600_000;
const MAX_TOKENS = 200_000;

/** Parse every `[sim:key=value]` in `text`; undefined when there are none (the common case). */
export function parseDirectives(text: string): Directives | undefined {
  let at = text.indexOf(MARK);
  if (at < 0) return undefined;
  const d: Directives = {};
  while (at >= 0) {
    const end = text.indexOf(']', at);
    if (end < 0) break;
    const body = text.slice(at + MARK.length, end);
    const eq = body.indexOf('=');
    if (eq > 0) apply(d, body.slice(0, eq).trim(), body.slice(eq + 1).trim());
    at = text.indexOf(MARK, end);
  }
  return d;
}

function apply(d: Directives, key: string, value: string): void {
  const n = Number(value);
  const int = value !== '' && Number.isInteger(n) ? n : undefined;
  switch (key) {
    case 'latency':
      if (int !== undefined && int >= 0) d.latencyMs = Math.min(int, MAX_DELAY_MS);
      break;
    case 'chunk-delay':
      if (int !== undefined && int >= 0) d.chunkDelayMs = Math.min(int, MAX_DELAY_MS);
      break;
    case 'tokens':
      if (int !== undefined && int >= 1) d.tokens = Math.min(int, MAX_TOKENS);
      break;
    case 'fail':
      if (value === 'reset' || value === 'hang' || value === 'midstream') d.fail = value;
      else if (int !== undefined && int >= 400 && int <= 599) d.fail = int;
      break;
  }
}

/**
 * Text of the last message with role "user". Works for both APIs: content is
 * either a string or an array of parts/blocks where text parts are {type:"text", text}.
 */
export function lastUserText(messages: readonly unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (!m || m.role !== 'user') continue;
    const c = m.content;
    if (typeof c === 'string') return c;
    if (!Array.isArray(c)) return '';
    let text = '';
    for (const part of c as { type?: unknown; text?: unknown }[]) {
      if (part && part.type === 'text' && typeof part.text === 'string') text += part.text + '\n';
    }
    return text;
  }
  return '';
}

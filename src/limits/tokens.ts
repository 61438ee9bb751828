import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** Exact counting is linear and not cheap (~0.1 µs per char); beyond this, a counted sample is scaled up. */
const EXACT_LIMIT = 16_384;
const SAMPLE = 4_096;
const SAMPLE_MARGIN = 1.15;
/** Images and other non-text parts: a conservative flat reservation. */
const NON_TEXT_PART = 1_600;
const PER_MESSAGE = 4;
/** Bounded: at most CACHE_SIZE × EXACT_LIMIT characters are held (≈ 64 MB worst case). */
const CACHE_SIZE = 2_048;

/** System prompts and conversation history repeat request after request: count each text once. */
const cache = new Map<string, number>();

export function countTextTokens(text: string): number {
  if (text.length === 0) return 0;
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  if (text.length > EXACT_LIMIT) {
    return Math.ceil((countTokens(text.slice(0, SAMPLE)) / SAMPLE) * text.length * SAMPLE_MARGIN);
  }
  const n = countTokens(text);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, n);
  return n;
}

function countContent(content: unknown): number {
  if (typeof content === 'string') return countTextTokens(content);
  if (!Array.isArray(content)) return content === undefined || content === null ? 0 : countTextTokens(JSON.stringify(content));
  let n = 0;
  for (const part of content as Array<Record<string, unknown>>) {
    if (typeof part !== 'object' || part === null) continue;
    if (typeof part['text'] === 'string') n += countTextTokens(part['text']);
    else if (part['type'] === 'tool_use' || part['type'] === 'function') n += countTextTokens(JSON.stringify(part['input'] ?? part));
    else if (part['type'] === 'tool_result') n += countContent(part['content']);
    else if (typeof part['thinking'] === 'string') n += countTextTokens(part['thinking']);
    else n += NON_TEXT_PART;
  }
  return n;
}

/**
 * Prompt tokens of an OpenAI or Anthropic request body, counted with the
 * o200k tokenizer (system, messages, tool calls and results, tool
 * definitions) and scaled by `factor` for APIs whose tokenizer yields more.
 */
export function estimatePromptTokens(body: Record<string, unknown>, factor = 1): number {
  let n = countContent(body['system']);
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    for (const m of messages as Array<Record<string, unknown>>) {
      if (typeof m !== 'object' || m === null) continue;
      n += PER_MESSAGE + countContent(m['content']);
      if (Array.isArray(m['tool_calls'])) n += countTextTokens(JSON.stringify(m['tool_calls']));
    }
  }
  if (Array.isArray(body['tools']) && body['tools'].length > 0) n += countTextTokens(JSON.stringify(body['tools']));
  return Math.ceil(n * factor);
}

/** The reply budget a request asks for: max_completion_tokens / max_tokens (or the default cap), times n. */
export function requestedOutputTokens(body: Record<string, unknown>, defaultCap: number): number {
  const asked = body['max_completion_tokens'] ?? body['max_tokens'];
  const cap = typeof asked === 'number' && Number.isFinite(asked) && asked > 0 ? Math.ceil(asked) : defaultCap;
  const n = body['n'];
  return cap * (typeof n === 'number' && Number.isInteger(n) && n > 1 ? n : 1);
}

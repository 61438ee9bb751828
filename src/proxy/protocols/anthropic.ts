import { ERRORS, type ErrorCode } from '../../errors.js';
import type { Usage } from '../../events/types.js';
import { formatSse, type SseEvent } from '../sse.js';
import {
  appendCapped,
  appendStringFields,
  headerValue,
  requireMessages,
  requireModel,
  requireStreamFlag,
  tryParseObject,
  type ApiProtocol,
  type JsonObject,
  type ResponseSummary,
  type StreamTracker,
} from './protocol.js';

const DEFAULT_VERSION = '2023-06-01';

interface AnthropicUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
  cache_read_input_tokens?: unknown;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Prompt tokens include cached ones: the model read them all. */
function promptTokens(u: AnthropicUsage): number {
  return num(u.input_tokens) + num(u.cache_creation_input_tokens) + num(u.cache_read_input_tokens);
}

interface Block {
  type?: unknown;
  text?: unknown;
  input?: unknown;
}

class AnthropicStreamTracker implements StreamTracker {
  done = false;
  upstreamError: string | undefined;
  #usage: Usage | null = null;
  #text = '';
  readonly #maxChars: number;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  passThrough(chunk: string): boolean {
    if (!chunk.startsWith('event: ') || chunk.includes('event: message_') || chunk.includes('event: error') || chunk.includes('\r')) return false;
    this.#appendText(chunk);
    return true;
  }

  #appendText(data: string): void {
    if (this.#text.length >= this.#maxChars) return;
    this.#text = appendStringFields(this.#text, data, 'text', this.#maxChars);
    if (data.includes('"partial_json":"')) this.#text = appendStringFields(this.#text, data, 'partial_json', this.#maxChars);
  }

  observe(event: SseEvent): boolean {
    // Text deltas are read from the raw data; only the few events with usage or errors are parsed.
    if (event.event === 'content_block_delta') {
      this.#appendText(event.data);
      return true;
    }
    if (event.event === 'ping' || event.event === 'content_block_start' || event.event === 'content_block_stop') return true;
    const json = tryParseObject(event.data);
    if (!json) return true;
    switch (json['type']) {
      case 'message_start': {
        const usage = ((json['message'] as JsonObject | undefined)?.['usage'] ?? {}) as AnthropicUsage;
        this.#usage = { prompt_tokens: promptTokens(usage), completion_tokens: num(usage.output_tokens) };
        break;
      }
      case 'content_block_delta':
        // A stream without `event:` lines: the same raw read as above.
        this.#appendText(event.data);
        break;
      case 'message_delta': {
        // output_tokens here is cumulative for the whole message.
        const usage = (json['usage'] ?? {}) as AnthropicUsage;
        const prior = this.#usage ?? { prompt_tokens: 0, completion_tokens: 0 };
        this.#usage = {
          prompt_tokens: Math.max(prior.prompt_tokens, promptTokens(usage)),
          completion_tokens: num(usage.output_tokens) || prior.completion_tokens,
        };
        break;
      }
      case 'message_stop':
        this.done = true;
        break;
      case 'error': {
        const err = (json['error'] ?? {}) as { message?: unknown };
        this.upstreamError = typeof err.message === 'string' ? err.message : 'upstream error';
        break;
      }
    }
    return true;
  }

  summary(): ResponseSummary {
    return { usage: this.#usage, text: this.#text };
  }
}

export const anthropicProtocol: ApiProtocol = {
  api: 'anthropic',
  endpoint: '/v1/messages',

  errorBody(code: ErrorCode, message: string): JsonObject {
    return { type: 'error', error: { type: ERRORS[code].anthropic, message, code } };
  },

  inspect(body) {
    const model = requireModel(body);
    requireMessages(body);
    return { model, stream: requireStreamFlag(body) };
  },

  upstreamBody(body, upstreamModel) {
    return { body: upstreamModel === undefined ? body : { ...body, model: upstreamModel }, injectedUsage: false };
  },

  upstreamHeaders(clientHeaders, apiKey) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: headerValue(clientHeaders['accept']) ?? 'application/json',
      'anthropic-version': headerValue(clientHeaders['anthropic-version']) ?? DEFAULT_VERSION,
    };
    const beta = headerValue(clientHeaders['anthropic-beta']);
    if (beta !== undefined) headers['anthropic-beta'] = beta;
    if (apiKey !== undefined) headers['x-api-key'] = apiKey;
    return headers;
  },

  summarize(response, maxChars) {
    let text = '';
    const content = response['content'];
    if (Array.isArray(content)) {
      for (const block of content as Block[]) {
        if (block.type === 'text') text = appendCapped(text, block.text, maxChars);
        else if (block.type === 'tool_use') text = appendCapped(text, JSON.stringify(block.input ?? {}), maxChars);
      }
    }
    const usage = response['usage'] as AnthropicUsage | undefined;
    return {
      usage: usage ? { prompt_tokens: promptTokens(usage), completion_tokens: num(usage.output_tokens) } : null,
      text,
    };
  },

  streamTracker(_injectedUsage, maxChars) {
    return new AnthropicStreamTracker(maxChars);
  },

  streamError(code, message) {
    const body = anthropicProtocol.errorBody(code, message);
    return formatSse(JSON.stringify(body), 'error');
  },

  parseEventData(event) {
    return tryParseObject(event.data);
  },
};

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
  type PreparedBody,
  type ResponseSummary,
  type StreamTracker,
} from './protocol.js';

function usageOf(v: unknown): Usage | null {
  if (typeof v !== 'object' || v === null) return null;
  const u = v as { prompt_tokens?: unknown; completion_tokens?: unknown };
  return {
    prompt_tokens: typeof u.prompt_tokens === 'number' ? u.prompt_tokens : 0,
    completion_tokens: typeof u.completion_tokens === 'number' ? u.completion_tokens : 0,
  };
}

interface Choice {
  message?: { content?: unknown; tool_calls?: Array<{ function?: { arguments?: unknown } }> };
  delta?: { content?: unknown; tool_calls?: Array<{ function?: { arguments?: unknown } }> };
}

/** Text of a message or delta: its content plus tool-call arguments (what a harvester keeps). */
function appendChoice(text: string, part: Choice['message'], maxChars: number): string {
  if (!part) return text;
  let out = appendCapped(text, part.content, maxChars);
  if (Array.isArray(part.tool_calls)) {
    for (const call of part.tool_calls) out = appendCapped(out, call.function?.arguments, maxChars);
  }
  return out;
}

class OpenAiStreamTracker implements StreamTracker {
  done = false;
  upstreamError: string | undefined;
  #usage: Usage | null = null;
  #text = '';
  readonly #injectedUsage: boolean;
  readonly #maxChars: number;

  constructor(injectedUsage: boolean, maxChars: number) {
    this.#injectedUsage = injectedUsage;
    this.#maxChars = maxChars;
  }

  observe(event: SseEvent): boolean {
    const data = event.data;
    if (data === '[DONE]') {
      this.done = true;
      return true;
    }
    // Only the usage chunk and error events are parsed; quotes are always escaped inside JSON
    // strings, so these markers cannot come from generated text.
    if (data.includes('"usage":{') || data.includes('"error":')) return this.#parsed(tryParseObject(data));
    this.#appendText(data);
    return true;
  }

  passThrough(chunk: string): boolean {
    if (chunk.includes('"usage":{') || chunk.includes('"error":') || chunk.includes('[DONE]') || chunk.includes('\r')) return false;
    this.#appendText(chunk);
    return true;
  }

  #appendText(data: string): void {
    if (this.#text.length >= this.#maxChars) return;
    this.#text = appendStringFields(this.#text, data, 'content', this.#maxChars);
    if (data.includes('"arguments":"')) this.#text = appendStringFields(this.#text, data, 'arguments', this.#maxChars);
  }

  #parsed(json: JsonObject | undefined): boolean {
    if (!json) return true;
    if (json['error'] !== undefined && json['error'] !== null) {
      const err = json['error'] as { message?: unknown };
      this.upstreamError = typeof err?.message === 'string' ? err.message : 'upstream error';
      return true;
    }
    const choices = json['choices'];
    if (Array.isArray(choices)) {
      for (const choice of choices as Choice[]) this.#text = appendChoice(this.#text, choice.delta, this.#maxChars);
    }
    const usage = usageOf(json['usage']);
    if (usage) {
      this.#usage = usage;
      // The usage-only chunk Warden asked for on the client's behalf is not shown to it.
      if (this.#injectedUsage && Array.isArray(choices) && choices.length === 0) return false;
    }
    return true;
  }

  summary(): ResponseSummary {
    return { usage: this.#usage, text: this.#text };
  }
}

export const openAiProtocol: ApiProtocol = {
  api: 'openai',
  endpoint: '/v1/chat/completions',

  errorBody(code: ErrorCode, message: string): JsonObject {
    return { error: { message, type: ERRORS[code].openai, param: null, code } };
  },

  inspect(body) {
    const model = requireModel(body);
    requireMessages(body);
    return { model, stream: requireStreamFlag(body) };
  },

  upstreamBody(body, upstreamModel) {
    const renamed = upstreamModel === undefined ? body : { ...body, model: upstreamModel };
    if (body['stream'] !== true) return { body: renamed, injectedUsage: false };
    const options = body['stream_options'];
    if (typeof options === 'object' && options !== null && (options as JsonObject)['include_usage'] === true) {
      return { body: renamed, injectedUsage: false };
    }
    // Metering needs the real token count of every stream.
    const out = { ...renamed, stream_options: { ...((options ?? {}) as JsonObject), include_usage: true } };
    const prepared: PreparedBody = { body: out, injectedUsage: true };
    if (renamed === body && options === undefined) prepared.leadingMembers = '"stream_options":{"include_usage":true},';
    return prepared;
  },

  upstreamHeaders(clientHeaders, apiKey) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: headerValue(clientHeaders['accept']) ?? 'application/json',
    };
    if (apiKey !== undefined) headers['authorization'] = `Bearer ${apiKey}`;
    return headers;
  },

  summarize(response, maxChars) {
    let text = '';
    const choices = response['choices'];
    if (Array.isArray(choices)) for (const c of choices as Choice[]) text = appendChoice(text, c.message, maxChars);
    return { usage: usageOf(response['usage']), text };
  },

  streamTracker(injectedUsage, maxChars) {
    return new OpenAiStreamTracker(injectedUsage, maxChars);
  },

  streamError(code, message) {
    return formatSse(JSON.stringify(openAiProtocol.errorBody(code, message)));
  },

  parseEventData(event) {
    return tryParseObject(event.data);
  },
};

import type { ApiName, JsonObject } from '../proxy/protocols/protocol.js';
import type { DegradeConfig } from './config.js';

/** Names of the request knobs degrade mode can turn; recorded on the event as they apply. */
export type Degradation = 'max_tokens' | 'n' | 'logprobs' | 'latency' | 'thinking';

/**
 * The request with degrade mode's knobs applied (copy on write), and which of
 * them changed anything: a request already within a cap is not "degraded" by it.
 */
export function degradeRequest(api: ApiName, body: JsonObject, cfg: DegradeConfig): { body: JsonObject; applied: Degradation[] } {
  const applied: Degradation[] = [];
  let out = body;
  const set = (key: string, value: unknown) => {
    if (out === body) out = { ...body };
    if (value === undefined) delete out[key];
    else out[key] = value;
  };
  if (cfg.maxTokens !== null) {
    const cap = cfg.maxTokens;
    // OpenAI has two names for the cap; each one present is lowered, and a request with neither gets the current one.
    const keys = api === 'openai' ? ['max_completion_tokens', 'max_tokens'] : ['max_tokens'];
    let present = false;
    let lowered = false;
    for (const key of keys) {
      const v = body[key];
      if (typeof v !== 'number') continue;
      present = true;
      if (v > cap) {
        set(key, cap);
        lowered = true;
      }
    }
    if (!present) {
      set(keys[0] as string, cap);
      lowered = true;
    }
    if (lowered) applied.push('max_tokens');
  }
  if (api === 'openai') {
    if (cfg.singleChoice && typeof body['n'] === 'number' && body['n'] !== 1) {
      set('n', 1);
      applied.push('n');
    }
    if (cfg.dropLogprobs && ((body['logprobs'] !== undefined && body['logprobs'] !== false && body['logprobs'] !== null) || body['top_logprobs'] !== undefined)) {
      set('logprobs', undefined);
      set('top_logprobs', undefined);
      applied.push('logprobs');
    }
  }
  return { body: out, applied };
}

/** A non-blocking pause before forwarding. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

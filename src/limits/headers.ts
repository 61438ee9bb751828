import type { ApiName } from '../proxy/protocols/protocol.js';
import type { RuleOutcome } from './limiter.js';

/** OpenAI writes durations like `1s`, `6m0s`, `20ms`. */
export function openAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** The most constraining outcome: least remaining relative to its limit. */
function tightest(outcomes: readonly RuleOutcome[], metrics: readonly string[]): RuleOutcome | undefined {
  let best: RuleOutcome | undefined;
  for (const o of outcomes) {
    if (!metrics.includes(o.rule.metric)) continue;
    if (!best || o.remaining / o.rule.limit < best.remaining / best.rule.limit) best = o;
  }
  return best;
}

/**
 * Rate-limit headers in the caller API's own names: OpenAI's
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` or Anthropic's
 * `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`.
 */
export function rateLimitHeaders(api: ApiName, outcomes: readonly RuleOutcome[], now: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const pairs: Array<['requests' | 'tokens', RuleOutcome | undefined]> = [
    ['requests', tightest(outcomes, ['rpm', 'rpd'])],
    ['tokens', tightest(outcomes, ['tpm', 'tpd'])],
  ];
  for (const [what, o] of pairs) {
    if (!o) continue;
    if (api === 'openai') {
      headers[`x-ratelimit-limit-${what}`] = String(o.rule.limit);
      headers[`x-ratelimit-remaining-${what}`] = String(o.remaining);
      headers[`x-ratelimit-reset-${what}`] = openAiDuration(o.resetMs);
    } else {
      headers[`anthropic-ratelimit-${what}-limit`] = String(o.rule.limit);
      headers[`anthropic-ratelimit-${what}-remaining`] = String(o.remaining);
      headers[`anthropic-ratelimit-${what}-reset`] = new Date(Math.ceil((now + o.resetMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    }
  }
  return headers;
}

import { FNV_OFFSET, fnv1a } from '../util/fnv.js';
import type { AccountInput, EngineInput, RequestInput } from './types.js';

/**
 * Turns one parsed traffic-log line into engine input, or says why it cannot.
 * Extra fields are ignored (the spec allows them); wrong types of known fields
 * are errors, because silently dropping them would skew the verdicts.
 */
export type Normalized = { ok: true; event: EngineInput } | { ok: false; reason: string };

const TIERS = new Set(['free', 'paid', 'verified', 'enterprise']);
const KYC = new Set(['none', 'email', 'document', 'business']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(o: Record<string, unknown>, k: string): string | undefined | Error {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return new Error(`"${k}" must be a string`);
  return v;
}

function optNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Epoch milliseconds of an ISO 8601 time, or NaN. A time without a zone is read as UTC: read as
 * local time (what Date.parse does) the same log would give other verdicts on another machine.
 */
export function eventTime(s: string): number {
  const m = ISO_TIME.exec(s.trim());
  if (m === null) return Number.NaN;
  if (m[2] === undefined) return Date.parse(m[1] as string);
  const zone = m[3] === undefined ? 'Z' : m[3].length === 3 ? `${m[3]}:00` : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  return Date.parse(`${m[1]}T${(m[2] as string).replace(',', '.')}${zone.toUpperCase()}`);
}

export function normalizeEvent(raw: unknown): Normalized {
  if (!isObject(raw)) return { ok: false, reason: 'line is not a JSON object' };
  const type = raw['type'];
  if (typeof type !== 'string') return { ok: false, reason: 'missing "type"' };
  if (type !== 'account' && type !== 'request') return { ok: false, reason: `unknown event type "${type}"` };
  const ts = raw['ts'];
  if (typeof ts !== 'string') return { ok: false, reason: 'missing or non-string "ts"' };
  const tsMs = eventTime(ts);
  if (!Number.isFinite(tsMs)) return { ok: false, reason: `"ts" is not an ISO 8601 time: ${JSON.stringify(ts.slice(0, 40))}` };
  const account = raw['account'];
  if (typeof account !== 'string' || account.length === 0) return { ok: false, reason: 'missing or non-string "account"' };
  return type === 'account' ? normalizeAccount(raw, tsMs, account) : normalizeRequest(raw, tsMs, account);
}

function normalizeAccount(raw: Record<string, unknown>, tsMs: number, account: string): Normalized {
  const e: AccountInput = { type: 'account', tsMs, account };
  const fields = [
    ['org', 'org'],
    ['tier', 'tier'],
    ['kyc', 'kyc'],
    ['email_domain', 'emailDomain'],
    ['signup_ip', 'signupIp'],
    ['payment_fingerprint', 'paymentFingerprint'],
    ['country', 'country'],
  ] as const;
  for (const [from, to] of fields) {
    const v = optString(raw, from);
    if (v instanceof Error) return { ok: false, reason: v.message };
    if (v !== undefined) e[to] = v;
  }
  const created = raw['created_at'];
  if (typeof created === 'string') {
    const ms = eventTime(created);
    if (Number.isFinite(ms)) e.createdMs = ms;
  }
  if (e.tier !== undefined && !TIERS.has(e.tier)) return { ok: false, reason: `"tier" must be one of free, paid, verified, enterprise (got "${e.tier}")` };
  if (e.kyc !== undefined && !KYC.has(e.kyc)) return { ok: false, reason: `"kyc" must be one of none, email, document, business (got "${e.kyc}")` };
  return { ok: true, event: e };
}

function normalizeRequest(raw: Record<string, unknown>, tsMs: number, account: string): Normalized {
  const body = raw['body'];
  if (!isObject(body)) return { ok: false, reason: 'missing or non-object "body"' };
  const e: RequestInput = {
    type: 'request',
    tsMs,
    account,
    system: '',
    userText: '',
    firstUserText: '',
    messages: 0,
    assistantTurns: 0,
    toolResults: 0,
    toolDefs: 0,
    toolsHash: 0,
    n: 1,
    logprobs: false,
  };
  for (const [from, to] of [
    ['id', 'id'],
    ['key', 'key'],
    ['ip', 'ip'],
    ['user_agent', 'userAgent'],
    ['endpoint', 'endpoint'],
  ] as const) {
    const v = optString(raw, from);
    if (v instanceof Error) return { ok: false, reason: v.message };
    if (v !== undefined) e[to] = v;
  }
  const messages = body['messages'];
  if (messages !== undefined && !Array.isArray(messages)) return { ok: false, reason: '"body.messages" must be an array' };
  if (typeof body['model'] === 'string') e.model = body['model'];
  e.system = systemText(body);
  if (Array.isArray(messages)) readMessages(messages, e);
  else if (typeof body['prompt'] === 'string') e.userText = e.firstUserText = body['prompt'];
  readTools(body['tools'] ?? body['functions'], e);
  const n = optNumber(body['n']);
  if (n !== undefined && n > 1) e.n = Math.min(128, Math.floor(n));
  e.logprobs = body['logprobs'] === true || (optNumber(body['logprobs']) ?? 0) > 0 || (optNumber(body['top_logprobs']) ?? 0) > 0;
  const temperature = optNumber(body['temperature']);
  if (temperature !== undefined) e.temperature = temperature;
  const maxTokens = optNumber(body['max_tokens']) ?? optNumber(body['max_completion_tokens']) ?? optNumber(body['max_output_tokens']);
  if (maxTokens !== undefined) e.maxTokens = maxTokens;
  const response = raw['response'];
  if (isObject(response) && isObject(response['usage'])) {
    const u = response['usage'];
    const p = optNumber(u['prompt_tokens']) ?? optNumber(u['input_tokens']);
    const c = optNumber(u['completion_tokens']) ?? optNumber(u['output_tokens']);
    if (p !== undefined) e.promptTokens = p;
    if (c !== undefined) e.completionTokens = c;
  }
  return { ok: true, event: e };
}

function systemText(body: Record<string, unknown>): string {
  const s = body['system'];
  if (typeof s === 'string') return s;
  if (Array.isArray(s)) return blocksText(s);
  return '';
}

/** Text of content blocks (Anthropic and OpenAI multi-part); tool results are not user-written text. */
function blocksText(blocks: unknown[]): string {
  let out = '';
  for (const b of blocks) {
    if (typeof b === 'string') out += (out ? '\n' : '') + b;
    else if (isObject(b) && (b['type'] === 'text' || b['type'] === 'input_text') && typeof b['text'] === 'string') out += (out ? '\n' : '') + b['text'];
  }
  return out;
}

function readMessages(messages: unknown[], e: RequestInput): void {
  e.messages = messages.length;
  let system = e.system;
  for (const m of messages) {
    if (!isObject(m)) continue;
    const role = m['role'];
    const content = m['content'];
    if (role === 'system' || role === 'developer') {
      const t = typeof content === 'string' ? content : Array.isArray(content) ? blocksText(content) : '';
      system = system ? `${system}\n${t}` : t;
    } else if (role === 'assistant') {
      e.assistantTurns++;
    } else if (role === 'tool' || role === 'function') {
      e.toolResults++;
    } else if (role === 'user') {
      let text = '';
      if (typeof content === 'string') text = content;
      else if (Array.isArray(content)) {
        for (const b of content) if (isObject(b) && b['type'] === 'tool_result') e.toolResults++;
        text = blocksText(content);
      }
      if (text) {
        if (!e.firstUserText) e.firstUserText = text;
        e.userText = text;
      }
    }
  }
  e.system = system;
}

function readTools(tools: unknown, e: RequestInput): void {
  if (!Array.isArray(tools)) return;
  let h = FNV_OFFSET;
  for (const t of tools) {
    if (!isObject(t)) continue;
    const fn = isObject(t['function']) ? t['function'] : t;
    const name = typeof fn['name'] === 'string' ? fn['name'] : typeof t['type'] === 'string' ? t['type'] : '';
    e.toolDefs++;
    h = fnv1a(',', fnv1a(name, h));
  }
  if (e.toolDefs > 0) e.toolsHash = h >>> 0 || 1;
}

import { drawWeighted, requestIp, type SimAccount } from './population.js';
import type { Simulation } from './profiles.js';
import { Rng } from './rng.js';
import { createTask } from './text/index.js';
import type { ChatMessage, GeneratedExchange, TaskKind, TaskSource, ToolDef } from './text/types.js';

/** A simulated `request` event (../shared/spec/traffic-log.md), key order as in the spec. */
export interface SimRequest {
  type: 'request';
  ts: string;
  id: string;
  account: string;
  key: string;
  ip: string;
  user_agent: string;
  endpoint: '/v1/chat/completions' | '/v1/messages';
  body: Record<string, unknown>;
  response: { text: string; usage: { prompt_tokens: number; completion_tokens: number } };
}

/** Builds request bodies for accounts, keeping one task source per caller group. */
export class RequestFactory {
  private readonly sources = new Map<string, TaskSource>();

  constructor(
    private readonly sim: Simulation,
    private readonly releaseMs: number,
  ) {}

  build(a: SimAccount, tsMs: number, seq: number, day: number): SimRequest {
    const p = a.group.profile;
    const rng = a.rng;
    const cover = p.benign_mix > 0 && rng.chance(p.benign_mix);
    const kind = drawWeighted(rng, cover ? p.cover_tasks : p.tasks);
    const ex = this.source(a, kind, cover).next({ rng, day });
    const model = this.model(a, tsMs);
    const api = drawWeighted(rng, p.api);
    const s = p.sampling;
    const omitMax = api === 'openai' && rng.chance(s.omit_max_tokens);
    const maxTokens = omitMax ? undefined : rng.pick(s.max_tokens);
    const temperature = rng.chance(s.temperature0) ? 0 : rng.chance(0.5) ? undefined : rng.pick([0.2, 0.5, 0.7, 1]);
    const stream = rng.chance(s.stream);
    const n = api === 'openai' && s.n_gt_1 > 0 && rng.chance(s.n_gt_1) ? rng.int(2, 8) : undefined;
    const logprobs = api === 'openai' && s.logprobs > 0 && rng.chance(s.logprobs);
    const body =
      api === 'openai'
        ? openaiBody(model, ex, maxTokens, temperature, stream, n, logprobs)
        : anthropicBody(model, ex, maxTokens ?? 1024, temperature, stream);
    const completion = maxTokens === undefined ? ex.completionTokens : Math.min(ex.completionTokens, maxTokens);
    return {
      type: 'request',
      ts: new Date(tsMs).toISOString(),
      id: `r-${seq.toString(16).padStart(8, '0')}`,
      account: a.id,
      key: a.key,
      ip: requestIp(a),
      user_agent: a.userAgent,
      endpoint: api === 'openai' ? '/v1/chat/completions' : '/v1/messages',
      body,
      response: { text: ex.response, usage: { prompt_tokens: promptTokens(ex), completion_tokens: completion * (n ?? 1) } },
    };
  }

  private source(a: SimAccount, kind: TaskKind, cover: boolean): TaskSource {
    const p = a.group.profile;
    // A coordinated operator runs one pipeline (shared templates, tools, prompts); others are independent users.
    const shared = p.coordinated && !cover;
    const key = shared ? `g:${a.group.name}:${kind}:${a.lang}` : `a:${a.index}:${kind}`;
    let src = this.sources.get(key);
    if (src === undefined) {
      const seed = shared ? new Rng(a.group.seed).fork(kind) : new Rng(`${a.group.seed}:${a.index}`).fork(kind);
      src = createTask(kind, seed, { lang: a.lang, paraphrase: p.paraphrase });
      this.sources.set(key, src);
    }
    return src;
  }

  private model(a: SimAccount, tsMs: number): string {
    const m = this.sim.models;
    if (a.pivotMs !== null && tsMs >= a.pivotMs && tsMs >= this.releaseMs) return m.released;
    if (m.others.length > 0 && !a.group.profile.coordinated && a.rng.chance(0.15)) return a.rng.pick(m.others);
    return m.current;
  }
}

function openaiBody(
  model: string,
  ex: GeneratedExchange,
  maxTokens: number | undefined,
  temperature: number | undefined,
  stream: boolean,
  n: number | undefined,
  logprobs: boolean,
): Record<string, unknown> {
  const messages: ChatMessage[] = ex.system !== undefined ? [{ role: 'system', content: ex.system }, ...ex.messages] : ex.messages;
  const body: Record<string, unknown> = { model, messages };
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  if (temperature !== undefined) body.temperature = temperature;
  if (n !== undefined) body.n = n;
  if (logprobs) {
    body.logprobs = true;
    body.top_logprobs = 5;
  }
  if (ex.tools !== undefined && ex.tools.length > 0) body.tools = ex.tools;
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

/** The same exchange in Anthropic Messages shape: tool calls become tool_use/tool_result blocks. */
function anthropicBody(
  model: string,
  ex: GeneratedExchange,
  maxTokens: number,
  temperature: number | undefined,
  stream: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = { model, max_tokens: maxTokens };
  if (ex.system !== undefined) body.system = ex.system;
  const messages: Array<{ role: 'user' | 'assistant'; content: unknown }> = [];
  for (const m of ex.messages) {
    if (m.role === 'tool') {
      messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: m.content ?? '' }] });
    } else if (m.role === 'assistant' && m.tool_calls !== undefined) {
      const blocks: unknown[] = m.content ? [{ type: 'text', text: m.content }] : [];
      for (const c of m.tool_calls) blocks.push({ type: 'tool_use', id: c.id, name: c.function.name, input: safeJson(c.function.arguments) });
      messages.push({ role: 'assistant', content: blocks });
    } else if (m.role === 'system') {
      body.system = m.content ?? '';
    } else {
      messages.push({ role: m.role, content: m.content ?? '' });
    }
  }
  body.messages = messages;
  if (temperature !== undefined) body.temperature = Math.min(1, temperature);
  if (ex.tools !== undefined && ex.tools.length > 0) body.tools = ex.tools.map(anthropicTool);
  if (stream) body.stream = true;
  return body;
}

function anthropicTool(t: ToolDef): Record<string, unknown> {
  return { name: t.function.name, description: t.function.description, input_schema: t.function.parameters };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return { raw: s };
  }
}

/** About 3.8 characters per token (tool definitions at ~120 characters each): cheap and close enough for the usage a log reports. */
function promptTokens(ex: GeneratedExchange): number {
  let chars = ex.system?.length ?? 0;
  for (const m of ex.messages) {
    chars += (m.content?.length ?? 0) + 4;
    if (m.tool_calls) for (const c of m.tool_calls) chars += c.function.arguments.length + c.function.name.length;
  }
  if (ex.tools) chars += ex.tools.length * 120;
  return Math.max(1, Math.ceil(chars / 3.8));
}

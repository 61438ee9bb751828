/**
 * Simulated OpenAI Chat Completions (`POST /v1/chat/completions`):
 * text, n choices, logprobs, tool calls, reasoning_content, streaming.
 */
import { errorReply, type GenContext, type Reply } from './reply.js';
import { argumentsFor, pieces } from './tools.js';
import {
  Prng,
  WORD_TOKENS,
  defaultLength,
  estimateTokens,
  estimateValueTokens,
  generateText,
  generateTokens,
  mixSeed,
  requestSeed,
  tokenBytes,
} from './text.js';

export const SIM_FINGERPRINT = 'warden-sim';

type Body = Record<string, unknown>;
type FinishReason = 'stop' | 'length' | 'tool_calls';

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

interface LogprobEntry {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

/** One generated choice, before rendering. */
interface Choice {
  text: string;
  /** Per-token text; only generated when streaming or for logprobs. */
  tokens: string[] | undefined;
  toolCall: ToolCall | undefined;
  reasoning: string | undefined;
  reasoningTokens: number;
  logprobs: LogprobEntry[] | undefined;
  finish: FinishReason;
  completionTokens: number;
}

export function chatCompletion(body: Body, ctx: GenContext): Reply {
  const model = body.model;
  const messages = body.messages;
  if (typeof model !== 'string' || model === '') return errorReply('openai', 400, 'you must provide a model parameter', 'missing_required_parameter');
  if (!Array.isArray(messages) || messages.length === 0) {
    return errorReply('openai', 400, "'messages' must be a non-empty array", 'missing_required_parameter');
  }

  const seed = requestSeed(ctx.seed, messages);
  const n = typeof body.n === 'number' && body.n >= 1 ? Math.min(Math.floor(body.n), 16) : 1;
  const tool = pickTool(body, messages);
  const choices: Choice[] = [];
  let completionTokens = 0;
  let reasoningTokens = 0;
  for (let i = 0; i < n; i++) {
    const c = makeChoice(body, ctx, mixSeed(seed, i), tool, i, body.stream === true);
    completionTokens += c.completionTokens;
    reasoningTokens += c.reasoningTokens;
    choices.push(c);
  }
  const usage = usageJson(countPromptTokens(messages, body.tools), completionTokens, reasoningTokens);

  const id = 'chatcmpl-sim' + ctx.id;
  const created = Math.floor(Date.now() / 1000);
  if (body.stream === true) {
    const so = body.stream_options as { include_usage?: unknown } | null | undefined;
    return renderStream(id, created, model, choices, so?.include_usage === true ? usage : undefined);
  }
  return { kind: 'json', status: 200, body: renderCompletion(id, created, model, choices, usage) };
}

/**
 * The non-streaming `chat.completion` body. Built as a string: this is the
 * benchmark hot path, and JSON.stringify of a freshly assembled object graph
 * costs several times more than concatenating a fixed layout.
 */
function renderCompletion(id: string, created: number, model: string, choices: Choice[], usage: string): string {
  let out = `{"id":"${id}","object":"chat.completion","created":${created},"model":${JSON.stringify(model)},"choices":[`;
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i]!;
    if (i > 0) out += ',';
    out += `{"index":${i},"message":{"role":"assistant","content":${c.toolCall ? 'null' : JSON.stringify(c.text)},"refusal":null`;
    if (c.reasoning !== undefined) out += `,"reasoning_content":${JSON.stringify(c.reasoning)}`;
    if (c.toolCall) out += `,"tool_calls":[${JSON.stringify(toolCallJson(c.toolCall))}]`;
    out += `},"logprobs":${c.logprobs ? JSON.stringify({ content: c.logprobs, refusal: null }) : 'null'},"finish_reason":"${c.finish}"}`;
  }
  return out + `],"usage":${usage},"system_fingerprint":"${SIM_FINGERPRINT}"}`;
}

/** `usage` as JSON (reasoning tokens are part of completion_tokens, as in the real API). */
function usageJson(prompt: number, completion: number, reasoning: number): string {
  const details = reasoning > 0 ? `,"completion_tokens_details":{"reasoning_tokens":${reasoning}}` : '';
  return `{"prompt_tokens":${prompt},"completion_tokens":${completion},"total_tokens":${prompt + completion}${details}}`;
}

/** Prompt estimate: 3 for reply priming, per message 3 + its content, plus tool definitions. */
function countPromptTokens(messages: unknown[], tools: unknown): number {
  let n = 3;
  for (let i = 0; i < messages.length; i++) n += 3 + estimateValueTokens(messages[i]);
  if (Array.isArray(tools)) n += estimateValueTokens(tools, true);
  return n;
}

interface ToolDef {
  name: string;
  parameters: unknown;
}

/** The function tool to call, or undefined for a plain text reply. */
function pickTool(body: Body, messages: unknown[]): ToolDef | undefined {
  const tools = body.tools;
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const choice = body.tool_choice as { function?: { name?: unknown } } | string | undefined;
  if (choice === 'none') return undefined;
  if ((messages[messages.length - 1] as { role?: unknown } | null)?.role === 'tool') return undefined;
  const wanted = typeof choice === 'object' && choice !== null ? choice.function?.name : undefined;
  for (const t of tools as { type?: unknown; function?: { name?: unknown; parameters?: unknown } }[]) {
    const fn = t?.function;
    if (!fn || typeof fn.name !== 'string') continue;
    if (wanted === undefined || fn.name === wanted) return { name: fn.name, parameters: fn.parameters };
  }
  return undefined;
}

function makeChoice(body: Body, ctx: GenContext, seed: number, tool: ToolDef | undefined, index: number, stream: boolean): Choice {
  let reasoning: string | undefined;
  let reasoningTokens = 0;
  if (typeof body.reasoning_effort === 'string' && body.reasoning_effort !== 'none') {
    const scale = body.reasoning_effort === 'high' ? 4 : body.reasoning_effort === 'low' || body.reasoning_effort === 'minimal' ? 1 : 2;
    reasoningTokens = scale * (8 + (mixSeed(seed, 11) % 9));
    reasoning = generateText(mixSeed(seed, 12), reasoningTokens);
  }

  if (tool) {
    const args = JSON.stringify(argumentsFor(tool.parameters));
    const id = 'call_' + mixSeed(seed, 13).toString(36) + index.toString(36) + ctx.id;
    const toolTokens = 3 + estimateTokens(tool.name) + estimateTokens(args);
    return {
      text: '',
      tokens: undefined,
      toolCall: { id, name: tool.name, arguments: args },
      reasoning,
      reasoningTokens,
      logprobs: undefined,
      finish: 'tool_calls',
      completionTokens: reasoningTokens + toolTokens,
    };
  }

  let len = ctx.tokens ?? defaultLength(seed);
  let finish: FinishReason = 'stop';
  const cap = typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : body.max_tokens;
  if (typeof cap === 'number' && cap >= 1 && cap < len) {
    len = Math.floor(cap);
    finish = 'length';
  }
  const wantLogprobs = body.logprobs === true;
  const tokens = stream || wantLogprobs ? generateTokens(seed, len) : undefined;
  const text = tokens ? tokens.join('') : generateText(seed, len);
  const top = typeof body.top_logprobs === 'number' ? Math.max(0, Math.min(20, Math.floor(body.top_logprobs))) : 0;
  const logprobs = tokens && wantLogprobs ? makeLogprobs(tokens, top, mixSeed(seed, 14)) : undefined;
  return { text, tokens, toolCall: undefined, reasoning, reasoningTokens, logprobs, finish, completionTokens: reasoningTokens + len };
}

function makeLogprobs(tokens: string[], top: number, seed: number): LogprobEntry[] {
  const rng = new Prng(seed);
  const out: LogprobEntry[] = [];
  for (const token of tokens) {
    const logprob = -Math.round(rng.next() * 1500) / 1000;
    const bytes = tokenBytes(token);
    const alts: LogprobEntry['top_logprobs'] = [];
    if (top > 0) alts.push({ token, logprob, bytes });
    for (let k = 1; k < top; k++) {
      const alt = WORD_TOKENS[rng.int(WORD_TOKENS.length)]!;
      alts.push({ token: alt, logprob: Math.round((logprob - k - rng.next() * 2) * 1000) / 1000, bytes: tokenBytes(alt) });
    }
    out.push({ token, logprob, bytes, top_logprobs: alts });
  }
  return out;
}

function toolCallJson(t: ToolCall) {
  return { id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } };
}

// ---------------------------------------------------------------- streaming

function renderStream(id: string, created: number, model: string, choices: Choice[], usage: string | undefined): Reply {
  // Every chunk shares the same envelope; only the choice differs.
  const head = JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: SIM_FINGERPRINT });
  const prefix = 'data: ' + head.slice(0, -1) + ',"choices":[';
  const suffix = usage ? '],"usage":null}\n\n' : ']}\n\n';
  const frames: string[] = [];
  const push = (index: number, delta: object, finish: FinishReason | null = null, logprobs: object | null = null) => {
    frames.push(prefix + JSON.stringify({ index, delta, logprobs, finish_reason: finish }) + suffix);
  };

  choices.forEach((c, index) => {
    push(index, { role: 'assistant', content: c.toolCall ? null : '' });
    if (c.reasoning !== undefined) {
      for (const piece of pieces(c.reasoning, 24)) push(index, { reasoning_content: piece });
    }
    if (c.toolCall) {
      const t = c.toolCall;
      push(index, { tool_calls: [{ index: 0, id: t.id, type: 'function', function: { name: t.name, arguments: '' } }] });
      for (const piece of pieces(t.arguments, 12)) push(index, { tool_calls: [{ index: 0, function: { arguments: piece } }] });
    } else if (c.tokens) {
      // A few tokens per delta (1-4, deterministic).
      const tokens = c.tokens;
      const rng = new Prng(tokens.length * 31 + index);
      for (let i = 0; i < tokens.length; ) {
        const end = Math.min(tokens.length, i + 1 + rng.int(4));
        const content = tokens.slice(i, end).join('');
        push(index, { content }, null, c.logprobs ? { content: c.logprobs.slice(i, end), refusal: null } : null);
        i = end;
      }
    }
    push(index, {}, c.finish);
  });

  if (usage) frames.push('data: ' + head.slice(0, -1) + ',"choices":[],"usage":' + usage + '}\n\n');
  frames.push('data: [DONE]\n\n');
  return { kind: 'stream', frames };
}

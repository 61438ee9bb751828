/**
 * Simulated Anthropic Messages API (`POST /v1/messages`, `POST /v1/messages/count_tokens`):
 * text, extended thinking, tool_use, streaming events.
 */
import { errorReply, jsonReply, type GenContext, type Reply } from './reply.js';
import { argumentsFor, pieces } from './tools.js';
import {
  Prng,
  defaultLength,
  estimateTokens,
  estimateValueTokens,
  generateText,
  generateTokens,
  mixSeed,
  requestSeed,
} from './text.js';

type Body = Record<string, unknown>;
type StopReason = 'end_turn' | 'max_tokens' | 'tool_use';

type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string; tokens: string[] | undefined }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

function validate(body: Body): Reply | undefined {
  if (typeof body.model !== 'string' || body.model === '') return errorReply('anthropic', 400, 'model: Field required');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return errorReply('anthropic', 400, 'messages: Field required (non-empty array)');
  }
  return undefined;
}

/** Input estimate: system prompt, per message 3 + its content, tool definitions. */
function countInputTokens(body: Body): number {
  const messages = body.messages as unknown[];
  let n = 3 + estimateTokens(systemText(body.system));
  for (let i = 0; i < messages.length; i++) n += 3 + estimateValueTokens(messages[i]);
  if (Array.isArray(body.tools)) n += estimateValueTokens(body.tools, true);
  return n;
}

/** `system` may be a string or an array of text blocks; both forms mean the same prompt. */
function systemText(system: unknown): string {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return '';
  let text = '';
  for (const b of system as { text?: unknown }[]) if (typeof b?.text === 'string') text += (text ? '\n' : '') + b.text;
  return text;
}

export function countTokens(body: Body): Reply {
  return validate(body) ?? jsonReply({ input_tokens: countInputTokens(body) });
}

export function createMessage(body: Body, ctx: GenContext): Reply {
  const invalid = validate(body);
  if (invalid) return invalid;
  const model = body.model as string;
  const messages = body.messages as unknown[];
  const seed = requestSeed(ctx.seed, messages, systemText(body.system));
  const blocks: Block[] = [];
  let outputTokens = 0;
  let stop: StopReason = 'end_turn';

  const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown } | undefined;
  if (thinking && (thinking.type === 'enabled' || thinking.type === 'adaptive')) {
    const budget = typeof thinking.budget_tokens === 'number' ? thinking.budget_tokens : 1024;
    const len = Math.max(1, Math.min(budget, 16 + (mixSeed(seed, 21) % 33)));
    const signature = Buffer.from(`warden-sim:${mixSeed(seed, 22).toString(16)}:${len}`).toString('base64');
    blocks.push({ type: 'thinking', thinking: generateText(mixSeed(seed, 23), len), signature });
    outputTokens += len;
  }

  const tool = pickTool(body, messages);
  if (tool) {
    const input = argumentsFor(tool.schema);
    blocks.push({ type: 'tool_use', id: 'toolu_sim' + mixSeed(seed, 24).toString(36) + ctx.id, name: tool.name, input });
    outputTokens += 3 + estimateTokens(tool.name) + estimateValueTokens(input, true);
    stop = 'tool_use';
  } else {
    let len = ctx.tokens ?? defaultLength(seed);
    if (typeof body.max_tokens === 'number') {
      const cap = Math.max(1, Math.floor(body.max_tokens) - outputTokens);
      if (cap < len) {
        len = cap;
        stop = 'max_tokens';
      }
    }
    // Per-token pieces are only needed to stream.
    const tokens = body.stream === true ? generateTokens(seed, len) : undefined;
    blocks.push({ type: 'text', text: tokens ? tokens.join('') : generateText(seed, len), tokens });
    outputTokens += len;
  }

  const id = 'msg_sim' + ctx.id;
  const inputTokens = countInputTokens(body);
  if (body.stream === true) return renderStream(id, model, blocks, stop, inputTokens, outputTokens);
  return jsonReply({
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: blocks.map(publicBlock),
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  });
}

function publicBlock(b: Block): object {
  return b.type === 'text' ? { type: 'text', text: b.text } : b;
}

/** The tool to call, or undefined for a text reply. */
function pickTool(body: Body, messages: unknown[]): { name: string; schema: unknown } | undefined {
  const tools = body.tools;
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const choice = body.tool_choice as { type?: unknown; name?: unknown } | undefined;
  if (choice?.type === 'none') return undefined;
  if (lastUserIsOnlyToolResults(messages)) return undefined;
  const wanted = choice?.type === 'tool' ? choice.name : undefined;
  for (const t of tools as { name?: unknown; input_schema?: unknown }[]) {
    if (!t || typeof t.name !== 'string') continue;
    if (wanted === undefined || t.name === wanted) return { name: t.name, schema: t.input_schema };
  }
  return undefined;
}

function lastUserIsOnlyToolResults(messages: unknown[]): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (m?.role !== 'user') continue;
    const c = m.content;
    return Array.isArray(c) && c.length > 0 && c.every((b: { type?: unknown } | null) => b?.type === 'tool_result');
  }
  return false;
}

// ---------------------------------------------------------------- streaming

function event(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

function renderStream(id: string, model: string, blocks: Block[], stop: StopReason, inputTokens: number, outputTokens: number): Reply {
  const frames: string[] = [];
  const message = { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null };
  const startUsage = { input_tokens: inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  frames.push(event('message_start', { type: 'message_start', message: { ...message, usage: startUsage } }));

  blocks.forEach((b, index) => {
    const start = b.type === 'thinking' ? { type: 'thinking', thinking: '', signature: '' }
      : b.type === 'text' ? { type: 'text', text: '' }
      : { type: 'tool_use', id: b.id, name: b.name, input: {} };
    frames.push(event('content_block_start', { type: 'content_block_start', index, content_block: start }));
    if (index === 0) frames.push(event('ping', { type: 'ping' }));
    const delta = (d: object) => frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: d }));
    if (b.type === 'thinking') {
      for (const piece of pieces(b.thinking, 32)) delta({ type: 'thinking_delta', thinking: piece });
      delta({ type: 'signature_delta', signature: b.signature });
    } else if (b.type === 'text') {
      // A few tokens per delta (1-4, deterministic).
      const tokens = b.tokens ?? [b.text];
      const rng = new Prng(tokens.length * 31 + index);
      for (let i = 0; i < tokens.length; ) {
        const end = Math.min(tokens.length, i + 1 + rng.int(4));
        delta({ type: 'text_delta', text: tokens.slice(i, end).join('') });
        i = end;
      }
    } else {
      delta({ type: 'input_json_delta', partial_json: '' });
      for (const piece of pieces(JSON.stringify(b.input), 12)) delta({ type: 'input_json_delta', partial_json: piece });
    }
    frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
  });

  frames.push(event('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: outputTokens } }));
  frames.push(event('message_stop', { type: 'message_stop' }));
  return { kind: 'stream', frames };
}

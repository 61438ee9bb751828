import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDirectives } from '../src/sim/directives.js';
import { startSimServer, type SimServer } from '../src/sim/server.js';
import { SIM_PREFIX, estimateTokens, generateText, generateTokens } from '../src/sim/text.js';

let sim: SimServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  sim = await startSimServer({ port: 0 });
  openai = new OpenAI({ apiKey: 'sk-sim', baseURL: `${sim.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'sk-ant-sim', baseURL: sim.url, maxRetries: 0 });
});

afterAll(async () => {
  await sim.close();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        metric: { type: 'boolean' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        note: { type: 'string' },
      },
      required: ['city', 'days', 'metric', 'unit'],
    },
  },
};

const anthropicTool = {
  name: weatherTool.function.name,
  description: weatherTool.function.description,
  input_schema: weatherTool.function.parameters as Anthropic.Tool.InputSchema,
};

const expectedArgs = { city: expect.any(String), days: 1, metric: true, unit: 'celsius' };

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, any> };
}

describe('text and directives', () => {
  it('generateText matches generateTokens exactly', () => {
    for (let seed = 0; seed < 50; seed++) {
      for (const n of [1, 2, 3, 17, 64, 121]) {
        const tokens = generateTokens(seed * 7919, n);
        expect(tokens).toHaveLength(n);
        expect(generateText(seed * 7919, n)).toBe(tokens.join(''));
      }
    }
    expect(generateText(1, 5).startsWith(SIM_PREFIX)).toBe(true);
  });

  it('estimates tokens and parses directives', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('hello world')).toBe(2);
    expect(estimateTokens('Hello, world!')).toBe(4);
    expect(parseDirectives('plain text')).toBeUndefined();
    expect(parseDirectives('a [sim:latency=5] b [sim:fail=midstream][sim:tokens=3] [sim:chunk-delay=2] [sim:fail=99]')).toEqual({
      latencyMs: 5,
      fail: 'midstream',
      tokens: 3,
      chunkDelayMs: 2,
    });
    expect(parseDirectives('[sim:fail=429]')).toEqual({ fail: 429 });
  });
});

describe('OpenAI Chat Completions', () => {
  const req = { model: 'warden-sim', messages: [{ role: 'user' as const, content: 'Tell me about gateways.' }] };

  it('non-streaming text is labelled, deterministic, with usage', async () => {
    const { data, response } = await openai.chat.completions.create(req).withResponse();
    expect(response.headers.get('x-warden-simulated')).toBe('true');
    expect(data.object).toBe('chat.completion');
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.model).toBe('warden-sim');
    expect(data.system_fingerprint).toBe('warden-sim');
    const choice = data.choices[0]!;
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toMatch(/^\[simulated\] /);
    expect(choice.finish_reason).toBe('stop');
    const u = data.usage!;
    expect(u.prompt_tokens).toBeGreaterThan(0);
    expect(u.completion_tokens).toBeGreaterThanOrEqual(16);
    expect(u.completion_tokens).toBeLessThanOrEqual(120);
    expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);

    const again = await openai.chat.completions.create(req);
    expect(again.choices[0]!.message.content).toBe(choice.message.content);
    expect(again.usage).toEqual(data.usage);
    const other = await openai.chat.completions.create({ ...req, messages: [{ role: 'user', content: 'Something else' }] });
    expect(other.choices[0]!.message.content).not.toBe(choice.message.content);
  });

  it('streaming matches non-streaming text and usage (include_usage)', async () => {
    const full = await openai.chat.completions.create(req);
    const stream = await openai.chat.completions.create({ ...req, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let deltas = 0;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let nullUsageChunks = 0;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      if (chunk.usage === null) nullUsageChunks++;
      if (chunk.choices.length === 0) {
        usage = chunk.usage;
        continue;
      }
      const c = chunk.choices[0]!;
      if (c.delta.content) (text += c.delta.content), deltas++;
      if (c.finish_reason) finish = c.finish_reason;
    }
    expect(text).toBe(full.choices[0]!.message.content);
    expect(deltas).toBeGreaterThan(3);
    expect(finish).toBe('stop');
    expect(nullUsageChunks).toBeGreaterThan(3);
    expect(usage).toEqual(full.usage);
  });

  it('respects [sim:tokens=N] and max_tokens', async () => {
    const r = await openai.chat.completions.create({ model: 'warden-sim-large', messages: [{ role: 'user', content: 'go [sim:tokens=40]' }] });
    expect(r.model).toBe('warden-sim-large');
    expect(r.usage!.completion_tokens).toBe(40);
    expect(r.choices[0]!.finish_reason).toBe('stop');
    const capped = await openai.chat.completions.create({ model: 'warden-sim', max_completion_tokens: 5, messages: [{ role: 'user', content: 'go [sim:tokens=40]' }] });
    expect(capped.usage!.completion_tokens).toBe(5);
    expect(capped.choices[0]!.finish_reason).toBe('length');
  });

  it('n=2 gives two different choices', async () => {
    const r = await openai.chat.completions.create({ ...req, n: 2 });
    expect(r.choices.map((c) => c.index)).toEqual([0, 1]);
    expect(r.choices[0]!.message.content).toMatch(/^\[simulated\]/);
    expect(r.choices[1]!.message.content).toMatch(/^\[simulated\]/);
    expect(r.choices[0]!.message.content).not.toBe(r.choices[1]!.message.content);
  });

  it('logprobs with top_logprobs', async () => {
    const r = await openai.chat.completions.create({ ...req, logprobs: true, top_logprobs: 3 });
    const content = r.choices[0]!.logprobs!.content!;
    expect(content.length).toBe(r.usage!.completion_tokens);
    expect(content.map((e) => e.token).join('')).toBe(r.choices[0]!.message.content);
    for (const e of content) {
      expect(e.logprob).toBeLessThanOrEqual(0);
      expect(Buffer.from(e.bytes!).toString('utf8')).toBe(e.token);
      expect(e.top_logprobs).toHaveLength(3);
    }
  });

  it('tool calls, non-streaming and via the stream helper', async () => {
    const params = { model: 'warden-sim', messages: [{ role: 'user' as const, content: 'Weather in Paris?' }], tools: [weatherTool] };
    const r = await openai.chat.completions.create(params);
    const choice = r.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0]!;
    expect(call.id).toMatch(/^call_/);
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual(expectedArgs);

    const final = await openai.chat.completions.stream(params).finalChatCompletion();
    const sc = final.choices[0]!;
    expect(sc.finish_reason).toBe('tool_calls');
    const scall = sc.message.tool_calls![0]!;
    if (scall.type !== 'function') throw new Error('expected a function call');
    expect(scall.function.name).toBe('get_weather');
    expect(JSON.parse(scall.function.arguments)).toEqual(JSON.parse(call.function.arguments));

    // After a tool result, the model answers with text; tool_choice "none" also suppresses calls.
    const followUp = await openai.chat.completions.create({
      ...params,
      messages: [...params.messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '{"temp":21}' }],
    });
    expect(followUp.choices[0]!.message.content).toMatch(/^\[simulated\]/);
    const none = await openai.chat.completions.create({ ...params, tool_choice: 'none' });
    expect(none.choices[0]!.finish_reason).toBe('stop');
  });

  it('reasoning_effort adds reasoning_content', async () => {
    const r = await openai.chat.completions.create({ ...req, reasoning_effort: 'low' });
    const msg = r.choices[0]!.message as OpenAI.ChatCompletionMessage & { reasoning_content?: string };
    expect(msg.reasoning_content).toMatch(/^\[simulated\]/);
    expect(r.usage!.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it('[sim:fail=503] surfaces as APIError 503; 429 carries retry-after', async () => {
    const err = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'x [sim:fail=503]' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((err as InstanceType<typeof OpenAI.APIError>).type).toBe('server_error');

    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '[sim:fail=429]' }] }));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json).toEqual({ error: { message: expect.any(String), type: 'rate_limit_error', param: null, code: 'simulated_failure' } });
  });

  it('[sim:fail=reset] surfaces as a connection error', async () => {
    const err = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: '[sim:fail=reset]' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('[sim:fail=midstream] breaks a stream after a few chunks', async () => {
    const stream = await openai.chat.completions.create({ model: 'warden-sim', stream: true, messages: [{ role: 'user', content: '[sim:fail=midstream]' }] });
    let chunks = 0;
    const err = await (async () => {
      for await (const _ of stream) chunks++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(chunks).toBeLessThanOrEqual(3);
  });
});

describe('Anthropic Messages', () => {
  const req = { model: 'warden-sim', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Tell me about gateways.' }] };

  it('non-streaming and streaming agree', async () => {
    const { data, response } = await anthropic.messages.create({ ...req, system: 'Be brief.' }).withResponse();
    expect(response.headers.get('x-warden-simulated')).toBe('true');
    expect(data.id).toMatch(/^msg_/);
    expect(data.type).toBe('message');
    expect(data.model).toBe('warden-sim');
    expect(data.stop_reason).toBe('end_turn');
    expect(data.stop_sequence).toBeNull();
    const block = data.content[0]!;
    if (block.type !== 'text') throw new Error('expected text');
    expect(block.text).toMatch(/^\[simulated\] /);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);

    const final = await anthropic.messages.stream({ ...req, system: [{ type: 'text', text: 'Be brief.' }] }).finalMessage();
    expect(final.content).toEqual(data.content);
    expect(final.usage.input_tokens).toBe(data.usage.input_tokens);
    expect(final.usage.output_tokens).toBe(data.usage.output_tokens);
    expect(final.stop_reason).toBe('end_turn');

    // Raw SSE framing (the SDK hides ping events).
    const raw = await fetch(`${sim.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ ...req, stream: true }) });
    expect(raw.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await raw.text()).split('\n\n').filter(Boolean);
    const events = frames.map((f) => /^event: (\S+)\ndata: \{"type":"(\S+?)"/.exec(f)).map((m) => (m && m[1] === m[2] ? m[1] : 'bad'));
    expect(events.slice(0, 4)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta']);
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(events).not.toContain('bad');
  });

  it('max_tokens caps the reply with stop_reason max_tokens', async () => {
    const r = await anthropic.messages.create({ ...req, max_tokens: 7, messages: [{ role: 'user', content: '[sim:tokens=50]' }] });
    expect(r.stop_reason).toBe('max_tokens');
    expect(r.usage.output_tokens).toBe(7);
  });

  it('thinking blocks, non-streaming and streaming', async () => {
    const params = { ...req, max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 } };
    const r = await anthropic.messages.create(params);
    const [thinking, text] = r.content;
    if (thinking?.type !== 'thinking' || text?.type !== 'text') throw new Error('expected thinking then text');
    expect(thinking.thinking).toMatch(/^\[simulated\]/);
    expect(thinking.signature.length).toBeGreaterThan(0);
    expect(text.text).toMatch(/^\[simulated\]/);

    const final = await anthropic.messages.stream(params).finalMessage();
    expect(final.content).toEqual(r.content);
    expect(final.usage.output_tokens).toBe(r.usage.output_tokens);
  });

  it('tool_use, non-streaming and streaming', async () => {
    const params = { ...req, messages: [{ role: 'user' as const, content: 'Weather in Paris?' }], tools: [anthropicTool] };
    const r = await anthropic.messages.create(params);
    expect(r.stop_reason).toBe('tool_use');
    const block = r.content[0]!;
    if (block.type !== 'tool_use') throw new Error('expected tool_use');
    expect(block.id).toMatch(/^toolu_/);
    expect(block.name).toBe('get_weather');
    expect(block.input).toEqual(expectedArgs);

    const final = await anthropic.messages.stream(params).finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    const sb = final.content[0]!;
    if (sb.type !== 'tool_use') throw new Error('expected tool_use');
    expect(sb.input).toEqual(block.input);
    expect(final.usage.output_tokens).toBe(r.usage.output_tokens);

    // A user turn with only tool results gets a text answer.
    const followUp = await anthropic.messages.create({
      ...params,
      messages: [
        ...params.messages,
        { role: 'assistant', content: [block] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: block.id, content: '21C' }] },
      ],
    });
    expect(followUp.stop_reason).toBe('end_turn');
    expect(followUp.content[0]!.type).toBe('text');
  });

  it('[sim:fail=503] surfaces as APIError 503; reset as a connection error', async () => {
    const err = await anthropic.messages.create({ ...req, messages: [{ role: 'user', content: '[sim:fail=503]' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toEqual({ type: 'error', error: { type: 'overloaded_error', message: expect.any(String) } });

    const reset = await anthropic.messages.create({ ...req, messages: [{ role: 'user', content: '[sim:fail=reset]' }] }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(Anthropic.APIConnectionError);
  });
});

describe('HTTP surface', () => {
  it('malformed JSON and missing fields are 400 in each API shape', async () => {
    const o = await post('/v1/chat/completions', '{"model":');
    expect(o.status).toBe(400);
    expect(o.headers.get('x-warden-simulated')).toBe('true');
    expect(o.json).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'invalid_json' } });
    const a = await post('/v1/messages', 'not json');
    expect(a.status).toBe(400);
    expect(a.json).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.any(String) } });

    expect((await post('/v1/chat/completions', '{"messages":[{"role":"user","content":"hi"}]}')).status).toBe(400);
    expect((await post('/v1/messages', '{"model":"warden-sim"}')).json.type).toBe('error');
  });

  it('GET /v1/models in both shapes; healthz; 404s', async () => {
    const o = await (await fetch(`${sim.url}/v1/models`)).json();
    expect(o).toEqual({
      object: 'list',
      data: [
        { id: 'warden-sim', object: 'model', created: expect.any(Number), owned_by: 'warden-sim' },
        { id: 'warden-sim-large', object: 'model', created: expect.any(Number), owned_by: 'warden-sim' },
      ],
    });
    const listed = await openai.models.list();
    expect(listed.data.map((m) => m.id)).toEqual(['warden-sim', 'warden-sim-large']);

    const a = await (await fetch(`${sim.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })).json();
    expect(a).toEqual({
      data: [
        { type: 'model', id: 'warden-sim', display_name: 'Warden Sim', created_at: expect.any(String) },
        { type: 'model', id: 'warden-sim-large', display_name: 'Warden Sim Large', created_at: expect.any(String) },
      ],
      has_more: false,
      first_id: 'warden-sim',
      last_id: 'warden-sim-large',
    });
    const page = await anthropic.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['warden-sim', 'warden-sim-large']);

    const h = await fetch(`${sim.url}/healthz`);
    expect(h.status).toBe(200);
    const nf = await fetch(`${sim.url}/nope`);
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const nfa = await fetch(`${sim.url}/v1/nope`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(await nfa.json()).toEqual({ type: 'error', error: { type: 'not_found_error', message: expect.any(String) } });
  });
});

describe('server controls', () => {
  it('latency directive delays, failRate is reproducible', async () => {
    const t0 = Date.now();
    await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: '[sim:latency=120]' }] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);

    const run = async () => {
      const s = await startSimServer({ failRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await fetch(`${s.url}/v1/chat/completions`, { method: 'POST', body: '{"model":"m","messages":[{"role":"user","content":"hi"}]}' });
        await r.arrayBuffer();
        statuses.push(r.status);
      }
      await s.close();
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('close() returns promptly with hanging and slow-streaming requests; client aborts are clean', async () => {
    const s = await startSimServer({ chunkDelayMs: 10 });
    const client = new OpenAI({ apiKey: 'k', baseURL: `${s.url}/v1`, maxRetries: 0 });
    const hanging = fetch(`${s.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: '[sim:fail=hang]' }] }),
    }).catch((e: unknown) => e);

    // Abort a slow stream after the first content chunk.
    const ac = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'm', stream: true, messages: [{ role: 'user', content: '[sim:tokens=500]' }] },
      { signal: ac.signal },
    );
    let received = 0;
    await (async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content && ++received === 1) ac.abort();
    })().catch(() => undefined);
    expect(received).toBeLessThan(5);
    // The server is still healthy after the client went away.
    expect((await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).choices).toHaveLength(1);

    // A long stream in flight while closing.
    const slow = client.chat.completions
      .create({ model: 'm', stream: true, messages: [{ role: 'user', content: '[sim:tokens=2000]' }] })
      .then(async (st) => {
        for await (const _ of st);
      })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(500);
    expect(await hanging).toBeInstanceOf(Error);
    expect(await slow).toBeInstanceOf(Error);
  });
});

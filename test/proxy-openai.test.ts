import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import { startTestGateway, waitFor, type TestGateway } from './helpers.js';

let gw: TestGateway;
let client: OpenAI;

const requestEvents = () => gw.events.filter((e): e is RequestEvent => e.type === 'request');

beforeAll(async () => {
  gw = await startTestGateway();
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(() => gw.close());

describe('OpenAI Chat Completions through Warden (official SDK)', () => {
  it('answers a plain request with the simulated model and real usage', async () => {
    const res = await client.chat.completions.create({
      model: 'warden-sim',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Tell me about rivers.' },
      ],
      max_tokens: 64,
    });
    expect(res.choices[0]?.message.content).toMatch(/^\[simulated\] /);
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(res.usage?.completion_tokens).toBeGreaterThan(0);
    expect(res.system_fingerprint).toBe('warden-sim');
  });

  it('streams chunk by chunk and hides the usage chunk Warden added for metering', async () => {
    const stream = await client.chat.completions.create({
      model: 'warden-sim',
      messages: [{ role: 'user', content: 'Stream please [sim:tokens=30]' }],
      stream: true,
    });
    let text = '';
    let chunks = 0;
    let sawUsage = false;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) sawUsage = true;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toMatch(/^\[simulated\] /);
    expect(sawUsage).toBe(false);
    // ...but Warden itself saw the real usage, and the text the client received.
    await waitFor(() => requestEvents().some((e) => e.stream && e.response?.usage.completion_tokens === 30));
    expect(requestEvents().find((e) => e.stream && e.response?.usage.completion_tokens === 30)?.response?.text).toBe(text);
  });

  it('passes the usage chunk through when the client asks for it (stream_options.include_usage)', async () => {
    const stream = await client.chat.completions.create({
      model: 'warden-sim',
      messages: [{ role: 'user', content: 'count [sim:tokens=12]' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.completion_tokens).toBe(12);
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('streaming and non-streaming report the same usage for the same request', async () => {
    const body = { model: 'warden-sim', messages: [{ role: 'user' as const, content: 'Same request twice' }], max_tokens: 40 };
    const plain = await client.chat.completions.create(body);
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage).toEqual(plain.usage);
  });

  it('supports tools / function calling, streaming and not', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city', 'days'] },
        },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const res = await client.chat.completions.create({ model: 'warden-sim', messages, tools });
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    const args = JSON.parse(call?.type === 'function' ? call.function.arguments : '{}') as Record<string, unknown>;
    expect(Object.keys(args).sort()).toEqual(['city', 'days']);

    const runner = client.chat.completions.stream({ model: 'warden-sim', messages, tools });
    const final = await runner.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.type === 'function' && JSON.parse(streamed.function.arguments)).toEqual(args);

    // A multi-turn tool trace: the tool result goes back and the model answers in text.
    const followUp = await client.chat.completions.create({
      model: 'warden-sim',
      tools,
      messages: [...messages, res.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: '{"temp":4}' }],
    });
    expect(followUp.choices[0]?.message.content).toMatch(/^\[simulated\]/);
  });

  it('supports n > 1 and logprobs', async () => {
    const res = await client.chat.completions.create({
      model: 'warden-sim',
      messages: [{ role: 'user', content: 'Give me options [sim:tokens=8]' }],
      n: 3,
      logprobs: true,
      top_logprobs: 2,
    });
    expect(res.choices).toHaveLength(3);
    expect(res.choices[0]?.logprobs?.content?.length).toBeGreaterThan(0);
    expect(res.choices[0]?.logprobs?.content?.[0]?.top_logprobs).toHaveLength(2);
  });

  it('keeps the simulated label header on buffered and streamed replies', async () => {
    const plain = await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'label' }] }).withResponse();
    expect(plain.response.headers.get('x-warden-simulated')).toBe('true');
    expect(plain.response.headers.get('x-request-id')).toBeTruthy();
    const streamed = await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'label' }], stream: true }).withResponse();
    expect(streamed.response.headers.get('x-warden-simulated')).toBe('true');
    for await (const _ of streamed.data) void _;
  });

  it('lists the configured models', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['warden-sim', 'warden-sim-large']);
  });

  it('records one normalized request event per request (traffic-log shape)', async () => {
    const before = requestEvents().length;
    const res = await client.chat.completions.create({
      model: 'warden-sim',
      messages: [{ role: 'user', content: 'event please [sim:tokens=5]' }],
      temperature: 0,
    });
    await waitFor(() => requestEvents().length === before + 1);
    const event = requestEvents().at(-1)!;
    expect(event).toMatchObject({
      type: 'request',
      account: 'acct-test',
      endpoint: '/v1/chat/completions',
      ip: '127.0.0.1',
      status: 200,
      model: 'warden-sim',
      body: { model: 'warden-sim', temperature: 0, messages: [{ role: 'user', content: 'event please [sim:tokens=5]' }] },
      response: { text: res.choices[0]?.message.content, usage: { prompt_tokens: res.usage?.prompt_tokens, completion_tokens: 5 } },
    });
    expect(event.key).toMatch(/^wdn_[0-9a-f]{12}$/);
    expect(event.user_agent).toMatch(/OpenAI/);
    expect(Date.parse(event.ts)).not.toBeNaN();
    expect(event.id).toBeTruthy();
  });
});

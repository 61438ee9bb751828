import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import { startTestGateway, waitFor, type TestGateway } from './helpers.js';

let gw: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  gw = await startTestGateway();
  client = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
});
afterAll(() => gw.close());

const textOf = (content: Anthropic.ContentBlock[]) =>
  content
    .filter((b): b is Anthropic.TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('');

describe('Anthropic Messages through Warden (official SDK)', () => {
  it('answers with a system prompt and reports usage', async () => {
    const msg = await client.messages.create({
      model: 'warden-sim',
      max_tokens: 100,
      system: 'You are a careful assistant.',
      messages: [{ role: 'user', content: 'Describe a lighthouse.' }],
    });
    expect(textOf(msg.content)).toMatch(/^\[simulated\] /);
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams events and the SDK assembles the same message', async () => {
    const stream = client.messages.stream({
      model: 'warden-sim',
      max_tokens: 200,
      system: [{ type: 'text', text: 'System as blocks.' }],
      messages: [{ role: 'user', content: 'Stream it [sim:tokens=25]' }],
    });
    const types = new Set<string>();
    stream.on('streamEvent', (e) => types.add(e.type));
    const final = await stream.finalMessage();
    expect(textOf(final.content)).toMatch(/^\[simulated\] /);
    expect(final.usage.output_tokens).toBe(25);
    expect([...types]).toEqual(
      expect.arrayContaining(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']),
    );
    await waitFor(() =>
      gw.events.some((e) => e.type === 'request' && e.endpoint === '/v1/messages' && e.stream === true && e.response?.usage.completion_tokens === 25),
    );
    const event = gw.events.find((e): e is RequestEvent => e.type === 'request' && e.stream === true && e.response?.usage.completion_tokens === 25);
    expect(event?.response?.text).toBe(textOf(final.content));
  });

  it('passes tool use through, streaming and not', async () => {
    const tools: Anthropic.Tool[] = [
      {
        name: 'search_docs',
        description: 'Search documentation',
        input_schema: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'number' } }, required: ['query'] },
      },
    ];
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Find the install guide' }];
    const msg = await client.messages.create({ model: 'warden-sim', max_tokens: 200, tools, messages });
    expect(msg.stop_reason).toBe('tool_use');
    const use = msg.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(use?.name).toBe('search_docs');
    expect(use?.input).toHaveProperty('query');

    const streamed = await client.messages.stream({ model: 'warden-sim', max_tokens: 200, tools, messages }).finalMessage();
    const streamedUse = streamed.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(streamedUse?.input).toEqual(use?.input);

    const followUp = await client.messages.create({
      model: 'warden-sim',
      max_tokens: 200,
      tools,
      messages: [...messages, { role: 'assistant', content: msg.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use!.id, content: 'See INSTALL.md' }] }],
    });
    expect(followUp.stop_reason).not.toBe('tool_use');
  });

  it('passes thinking blocks (with signatures) through, streaming and not', async () => {
    const params = {
      model: 'warden-sim',
      max_tokens: 2000,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      messages: [{ role: 'user' as const, content: 'Think first.' }],
    };
    const msg = await client.messages.create(params);
    const thinking = msg.content.find((b): b is Anthropic.ThinkingBlock => b.type === 'thinking');
    expect(thinking?.thinking.length).toBeGreaterThan(0);
    expect(thinking?.signature.length).toBeGreaterThan(0);

    const streamed = await client.messages.stream(params).finalMessage();
    const streamedThinking = streamed.content.find((b): b is Anthropic.ThinkingBlock => b.type === 'thinking');
    expect(streamedThinking?.thinking).toBe(thinking?.thinking);
    expect(streamedThinking?.signature).toBe(thinking?.signature);
  });

  it('lists models in the Anthropic shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['warden-sim', 'warden-sim-large']);
    expect(page.data[0]?.type).toBe('model');
  });

  it('records the Anthropic request as a traffic-log event with system + messages', async () => {
    const before = gw.events.length;
    await client.messages.create({ model: 'warden-sim', max_tokens: 50, system: 'sys', messages: [{ role: 'user', content: 'evt [sim:tokens=4]' }] });
    await waitFor(() => gw.events.length > before);
    const event = gw.events.at(-1) as RequestEvent;
    expect(event).toMatchObject({
      type: 'request',
      account: 'acct-test',
      endpoint: '/v1/messages',
      status: 200,
      body: { system: 'sys', messages: [{ role: 'user', content: 'evt [sim:tokens=4]' }] },
      response: { usage: { completion_tokens: 4 } },
    });
    expect(event.response?.usage.prompt_tokens).toBeGreaterThan(0);
  });
});

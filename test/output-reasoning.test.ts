import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import { PLACEHOLDER_PREFIX } from '../src/output/thinking-cache.js';
import { startTestGateway, waitFor, type TestGateway } from './helpers.js';
import { startRecordingUpstream, upstreamConfig, type RecordingUpstream } from './recording-upstream.js';

const NOTICE = '[reasoning withheld by provider policy]';
const MARKER = ' […reasoning truncated by provider policy]';
const THINK = { type: 'enabled' as const, budget_tokens: 1024 };

// One gateway, one mode per tier: paid (the helpers' acct-test) redact, free summarize, enterprise pass.
const OUTPUT = {
  reasoning: {
    rules: [
      { tiers: ['paid'], mode: 'redact' },
      { tiers: ['free'], mode: 'summarize' },
    ],
    summary: { maxChars: 40 },
  },
};

let up: RecordingUpstream;
let gw: TestGateway;
const anthropic: Record<'redact' | 'summarize' | 'pass', Anthropic> = {} as never;
const openai: Record<'redact' | 'summarize' | 'pass', OpenAI> = {} as never;

beforeAll(async () => {
  up = await startRecordingUpstream();
  // Content is compared across accounts, so per-account watermarks are off here (test/watermark-gateway.test.ts covers them with reasoning on).
  gw = await startTestGateway({ config: { ...upstreamConfig(up.url), output: OUTPUT, watermark: { enabled: false } } });
  const keys: Record<string, string> = { redact: gw.key };
  for (const [mode, tier] of [['summarize', 'free'], ['pass', 'enterprise']] as const) {
    await gw.warden.identity.createAccount({ id: `acct-${mode}`, tier });
    keys[mode] = (await gw.warden.identity.createKey(`acct-${mode}`)).secret;
  }
  for (const mode of ['redact', 'summarize', 'pass'] as const) {
    anthropic[mode] = new Anthropic({ apiKey: keys[mode], baseURL: gw.url, maxRetries: 0 });
    openai[mode] = new OpenAI({ apiKey: keys[mode], baseURL: `${gw.url}/v1`, maxRetries: 0 });
  }
});
afterAll(async () => {
  await gw.close();
  await up.close();
});

type Thinking = Anthropic.ThinkingBlock;
const thinkingOf = (m: Anthropic.Message) => m.content.filter((b): b is Thinking => b.type === 'thinking');
const textOf = (m: Anthropic.Message) => m.content.filter((b): b is Anthropic.TextBlock => b.type === 'text').map((b) => b.text).join('');
const ask = (content: string): Anthropic.MessageCreateParamsNonStreaming => ({ model: 'warden-sim', max_tokens: 2048, thinking: THINK, messages: [{ role: 'user', content }] });

async function eventOf(predicate: (e: RequestEvent) => boolean): Promise<RequestEvent> {
  let found: RequestEvent | undefined;
  await waitFor(() => (found = gw.events.find((e): e is RequestEvent => e.type === 'request' && predicate(e))) !== undefined);
  return found as RequestEvent;
}

/** Streams through the SDK, checking every event's block index against the blocks opened so far. */
async function streamChecked(client: Anthropic, params: Anthropic.MessageCreateParamsNonStreaming) {
  const stream = client.messages.stream(params);
  const events: Anthropic.MessageStreamEvent[] = [];
  stream.on('streamEvent', (e) => events.push(e));
  const final = await stream.finalMessage();
  let open = -1;
  let next = 0;
  for (const e of events) {
    if (e.type === 'content_block_start') {
      expect(e.index).toBe(next);
      open = e.index;
    } else if (e.type === 'content_block_delta') {
      expect(e.index).toBe(open);
    } else if (e.type === 'content_block_stop') {
      expect(e.index).toBe(open);
      next = open + 1;
      open = -1;
    }
  }
  expect(final.content.length).toBe(next);
  return { final, events };
}

describe('Anthropic thinking blocks', () => {
  it('pass: the upstream block and its signature reach the client unchanged', async () => {
    const msg = await anthropic.pass.messages.create(ask('Explain tides'));
    const [block] = thinkingOf(msg);
    expect(block?.thinking.length).toBeGreaterThan(40);
    expect(Buffer.from(block!.signature, 'base64').toString()).toMatch(/^warden-sim:/);
    const { final } = await streamChecked(anthropic.pass, ask('Explain tides'));
    expect(thinkingOf(final)).toEqual([block]);
  });

  it('redact: a placeholder with a notice and a Warden token, text untouched, recorded on the event', async () => {
    const original = thinkingOf(await anthropic.pass.messages.create(ask('Explain comets')))[0]!;
    const msg = await anthropic.redact.messages.create(ask('Explain comets'));
    const [block] = thinkingOf(msg);
    expect(block?.thinking).toBe(NOTICE);
    expect(block?.signature.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
    expect(JSON.stringify(msg)).not.toContain(original.thinking);
    expect(textOf(msg)).toMatch(/^\[simulated\] /);
    const event = await eventOf((e) => e.account === 'acct-test' && e.endpoint === '/v1/messages' && e.stream === false && e.tags?.['output'] !== undefined);
    expect(event.tags?.['output']).toEqual({ reasoning: 'redacted', reasoningBlocks: 1 });
  });

  it('redact, streaming: thinking deltas withheld, the SDK assembles the placeholder, indices consistent', async () => {
    const { final, events } = await streamChecked(anthropic.redact, ask('Stream about rivers'));
    const [block] = thinkingOf(final);
    expect(block?.thinking).toBe(NOTICE);
    expect(block?.signature.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
    const thinkingDeltas = events.flatMap((e) => (e.type === 'content_block_delta' && e.delta.type === 'thinking_delta' ? [e.delta.thinking] : []));
    expect(thinkingDeltas).toEqual([NOTICE]);
    expect(textOf(final)).toMatch(/^\[simulated\] /);
    expect(final.content.map((b) => b.type)).toEqual(['thinking', 'text']);
  });

  it('summarize: the first characters and a marker, whole and streamed alike', async () => {
    const original = thinkingOf(await anthropic.pass.messages.create(ask('Summarize volcanoes')))[0]!;
    const expected = original.thinking.slice(0, 40) + MARKER;
    const msg = await anthropic.summarize.messages.create(ask('Summarize volcanoes'));
    expect(thinkingOf(msg)[0]?.thinking).toBe(expected);
    expect(thinkingOf(msg)[0]?.signature.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
    const { final } = await streamChecked(anthropic.summarize, ask('Summarize volcanoes'));
    expect(thinkingOf(final)[0]?.thinking).toBe(expected);
  });

  it('multi-turn tool use: the placeholder sent back reaches the upstream as the original signed block', async () => {
    const tools: Anthropic.Tool[] = [{ name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }];
    const first: Anthropic.MessageCreateParamsNonStreaming = { model: 'warden-sim', max_tokens: 2048, thinking: THINK, tools, messages: [{ role: 'user', content: 'Find the tide table' }] };
    const original = thinkingOf(await anthropic.pass.messages.create(first))[0]!;
    for (const streamed of [false, true]) {
      const msg = streamed ? await anthropic.redact.messages.stream(first).finalMessage() : await anthropic.redact.messages.create(first);
      expect(msg.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
      const use = msg.content[1] as Anthropic.ToolUseBlock;
      const followUp = await anthropic.redact.messages.create({
        ...first,
        messages: [...first.messages, { role: 'assistant', content: msg.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'High tide 06:10' }] }],
      });
      expect(textOf(followUp)).toMatch(/^\[simulated\] /);
      const sent = (up.last()['messages'] as Array<{ content: unknown }>)[1]!.content as Array<Record<string, unknown>>;
      expect(sent[0]).toEqual({ type: 'thinking', thinking: original.thinking, signature: original.signature });
      expect(sent[1]).toMatchObject({ type: 'tool_use', id: use.id });
    }
    const event = await eventOf((e) => (e.tags?.['output'] as { restored?: number } | undefined)?.restored === 1);
    expect(event.account).toBe('acct-test');
  });

  it('a placeholder whose original is unknown, or belongs to another account, is dropped before forwarding', async () => {
    const msg = await anthropic.redact.messages.create(ask('Explain glaciers'));
    const forged = { type: 'thinking' as const, thinking: NOTICE, signature: `${PLACEHOLDER_PREFIX}nosuchtoken` };
    for (const [client, block] of [[anthropic.redact, forged], [anthropic.summarize, thinkingOf(msg)[0]!]] as const) {
      await client.messages.create({
        ...ask('Explain glaciers'),
        messages: [{ role: 'user', content: 'Explain glaciers' }, { role: 'assistant', content: [block, { type: 'text', text: 'Ice.' }] }, { role: 'user', content: 'More' }],
      });
      const sent = (up.last()['messages'] as Array<{ content: unknown }>)[1]!.content;
      expect(sent).toEqual([{ type: 'text', text: 'Ice.' }]);
    }
    await eventOf((e) => (e.tags?.['output'] as { restoreMissing?: number } | undefined)?.restoreMissing === 1);
  });

  it('caps the thinking budget of a request whose reasoning will be redacted', async () => {
    await anthropic.redact.messages.create({ ...ask('Budget'), max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 6000 } });
    expect(up.last()['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
    await anthropic.pass.messages.create({ ...ask('Budget'), max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 6000 } });
    expect(up.last()['thinking']).toEqual({ type: 'enabled', budget_tokens: 6000 });
  });
});

// The simulator and the real APIs add these fields; the SDK's types do not declare them.
type WithReasoning = { reasoning_content?: string };

describe('OpenAI reasoning_content', () => {
  const req = (content: string) => ({ model: 'warden-sim', reasoning_effort: 'medium' as const, messages: [{ role: 'user' as const, content }] });

  it('redacts the field, whole and streamed (every choice), and leaves content alone', async () => {
    const plain = await openai.pass.chat.completions.create(req('Reason about bridges'));
    const original = (plain.choices[0]!.message as WithReasoning).reasoning_content!;
    expect(original.length).toBeGreaterThan(40);
    const msg = await openai.redact.chat.completions.create(req('Reason about bridges'));
    expect((msg.choices[0]!.message as WithReasoning).reasoning_content).toBe(NOTICE);
    expect(msg.choices[0]!.message.content).toBe(plain.choices[0]!.message.content);

    const stream = await openai.redact.chat.completions.create({ ...req('Reason about bridges'), n: 2, stream: true });
    const reasoning = ['', ''];
    const content = ['', ''];
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        reasoning[c.index] += (c.delta as WithReasoning).reasoning_content ?? '';
        content[c.index] += c.delta.content ?? '';
      }
    }
    expect(reasoning).toEqual([NOTICE, NOTICE]);
    expect(content[0]).toBe(plain.choices[0]!.message.content);
    const event = await eventOf((e) => e.stream === true && (e.tags?.['output'] as { reasoningBlocks?: number } | undefined)?.reasoningBlocks === 2);
    expect(event.tags?.['output']).toMatchObject({ reasoning: 'redacted' });
  });

  it('summarizes to the configured characters and a marker, streamed', async () => {
    const plain = await openai.pass.chat.completions.create(req('Reason about kites'));
    const original = (plain.choices[0]!.message as WithReasoning).reasoning_content!;
    const stream = await openai.summarize.chat.completions.create({ ...req('Reason about kites'), stream: true });
    let reasoning = '';
    for await (const chunk of stream) reasoning += (chunk.choices[0]?.delta as WithReasoning | undefined)?.reasoning_content ?? '';
    expect(reasoning).toBe(original.slice(0, 40) + MARKER);
  });

  it('caps reasoning_effort for a redacted account', async () => {
    await openai.redact.chat.completions.create({ ...req('Effort'), reasoning_effort: 'high' });
    expect(up.last()['reasoning_effort']).toBe('low');
  });
});

describe('malformed input never breaks the stage', () => {
  it('odd content and thinking shapes are forwarded or refused in the API shape, and the gateway keeps serving', async () => {
    const headers = { 'x-api-key': gw.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
    const bodies = [
      { model: 'warden-sim', max_tokens: 50, thinking: 'yes', messages: [{ role: 'user', content: 'hi' }] },
      { model: 'warden-sim', max_tokens: 50, thinking: { type: 'enabled', budget_tokens: 'many' }, messages: [{ role: 'user', content: 'hi' }] },
      { model: 'warden-sim', max_tokens: 50, messages: [null, 7, { role: 'assistant', content: [null, 3, { type: 'thinking', signature: 42 }, { type: 'thinking', thinking: 5, signature: `${PLACEHOLDER_PREFIX}x` }] }, { role: 'user', content: 'hi' }] },
      { model: 'warden-sim', max_tokens: 50, messages: 'nope' },
    ];
    for (const body of bodies) {
      const res = await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    }
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'warden-sim', reasoning_effort: 7, reasoning: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    const ok = await anthropic.redact.messages.create(ask('Still there?'));
    expect(thinkingOf(ok)[0]?.thinking).toBe(NOTICE);
  });
});

describe('stricter treatments', () => {
  it('drop: thinking blocks vanish from streams and bodies, later blocks renumbered', async () => {
    const g = await startTestGateway({ config: { output: { reasoning: { default: 'redact', anthropicRedactAs: 'drop' } } } });
    try {
      const client = new Anthropic({ apiKey: g.key, baseURL: g.url, maxRetries: 0 });
      const tools: Anthropic.Tool[] = [{ name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }];
      const params = { model: 'warden-sim', max_tokens: 2048, thinking: THINK, tools, messages: [{ role: 'user' as const, content: 'Find it' }] };
      const { final } = await streamChecked(client, params);
      expect(final.content.map((b) => b.type)).toEqual(['tool_use']);
      const whole = await client.messages.create(params);
      expect(whole.content.map((b) => b.type)).toEqual(['tool_use']);
      expect((final.content[0] as Anthropic.ToolUseBlock).input).toEqual((whole.content[0] as Anthropic.ToolUseBlock).input);
    } finally {
      await g.close();
    }
  });

  it('reject: requests asking for reasoning get 400 in each API’s shape; an expired placeholder can be refused too', async () => {
    const g = await startTestGateway({ config: { output: { reasoning: { default: 'redact', requests: { redact: 'reject' }, restore: { onMissing: 'reject' } } } } });
    try {
      const client = new Anthropic({ apiKey: g.key, baseURL: g.url, maxRetries: 0 });
      const err = await client.messages.create(ask('Think')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', code: 'WARDEN_ERR_REASONING_NOT_ALLOWED' } });
      const oai = new OpenAI({ apiKey: g.key, baseURL: `${g.url}/v1`, maxRetries: 0 });
      const oerr = await oai.chat.completions.create({ model: 'warden-sim', reasoning_effort: 'low', messages: [{ role: 'user', content: 'Think' }] }).catch((e: unknown) => e);
      expect(oerr).toBeInstanceOf(OpenAI.BadRequestError);
      expect((oerr as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('WARDEN_ERR_REASONING_NOT_ALLOWED');
      // Without reasoning the same account is served.
      expect(textOf(await client.messages.create({ model: 'warden-sim', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }))).toMatch(/^\[simulated\]/);
      const stale = await client.messages
        .create({
          model: 'warden-sim',
          max_tokens: 50,
          messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: [{ type: 'thinking', thinking: NOTICE, signature: `${PLACEHOLDER_PREFIX}gone` }, { type: 'text', text: 'Hello' }] }, { role: 'user', content: 'Again' }],
        })
        .catch((e: unknown) => e);
      expect((stale as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ error: { code: 'WARDEN_ERR_REASONING_UNAVAILABLE' } });
    } finally {
      await g.close();
    }
  });
});

import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardenError } from '../src/errors.js';
import type { RequestEvent } from '../src/events/types.js';
import type { Outcome, RequestContext, Stage } from '../src/proxy/stages.js';
import { formatSse } from '../src/proxy/sse.js';
import { startTestGateway, waitFor, type TestGateway } from './helpers.js';

/** Test stages exercising each hook of the contract, switched on by the prompt text. */
const completions: Array<{ ctx: RequestContext; outcome: Outcome }> = [];

const limiter: Stage = {
  name: 'test-limiter',
  beforeForward(ctx) {
    ctx.responseHeaders['x-ratelimit-remaining-requests'] = '41';
    ctx.tags['limit'] = { remaining: 41 };
    if (JSON.stringify(ctx.clientBody).includes('reject-me')) {
      throw new WardenError('WARDEN_ERR_RATE_LIMITED', 'slow down', { headers: { 'retry-after': '7' } });
    }
  },
};

const capper: Stage = {
  name: 'test-capper',
  async beforeForward(ctx) {
    await new Promise((r) => setImmediate(r)); // stages may be async
    if (JSON.stringify(ctx.clientBody).includes('cap-me')) ctx.body = { ...ctx.body, max_tokens: 3 };
  },
};

const shouter: Stage = {
  name: 'test-shouter',
  transformResponse(ctx, body) {
    if (!JSON.stringify(ctx.clientBody).includes('shout')) return;
    const choices = body['choices'] as Array<{ message: { content: string } }>;
    return { ...body, choices: choices.map((c) => ({ ...c, message: { ...c.message, content: c.message.content.toUpperCase() } })) };
  },
  transformStreamEvent(ctx, event, json) {
    if (!JSON.stringify(ctx.clientBody).includes('shout') || !json) return;
    const choices = json['choices'] as Array<{ delta?: { content?: string } }> | undefined;
    if (!choices?.[0]?.delta?.content) return;
    const next = { ...json, choices: [{ ...choices[0], delta: { content: choices[0].delta.content.toUpperCase() } }] };
    return [{ event: undefined, data: JSON.stringify(next), raw: formatSse(JSON.stringify(next)) }];
  },
  endStream(ctx) {
    if (!JSON.stringify(ctx.clientBody).includes('shout')) return;
    const extra = { choices: [{ index: 0, delta: { content: ' [END]' }, finish_reason: null }] };
    return [{ event: undefined, data: JSON.stringify(extra), raw: formatSse(JSON.stringify(extra)) }];
  },
  afterCompletion(ctx, outcome) {
    completions.push({ ctx, outcome });
  },
};

const broken: Stage = {
  name: 'test-broken',
  afterCompletion() {
    throw new Error('stage bug');
  },
};

let gw: TestGateway;
let openai: OpenAI;

beforeAll(async () => {
  gw = await startTestGateway({ stages: [limiter, capper, shouter, broken] });
  openai = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(() => gw.close());

const lastEvent = () => gw.events.filter((e): e is RequestEvent => e.type === 'request').at(-1)!;

describe('request stage contract', () => {
  it('beforeForward can reject before any upstream cost, in each API’s shape, with its headers', async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content: 'reject-me' }] }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('41');
    expect(await res.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'WARDEN_ERR_RATE_LIMITED' } });
    const anthropic = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
    await expect(
      anthropic.messages.create({ model: 'warden-sim', max_tokens: 10, messages: [{ role: 'user', content: 'reject-me' }] }),
    ).rejects.toMatchObject({ status: 429, error: { type: 'error', error: { type: 'rate_limit_error' } } });
    await waitFor(() => lastEvent().status === 429);
    expect(lastEvent()).toMatchObject({ error_code: 'WARDEN_ERR_RATE_LIMITED', tags: { limit: { remaining: 41 } } });
    expect(lastEvent().response).toBeUndefined();
  });

  it('beforeForward can alter the forwarded body while the event keeps what the client sent', async () => {
    const res = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'cap-me [sim:tokens=50]' }], max_tokens: 100 });
    expect(res.usage?.completion_tokens).toBe(3);
    expect(res.choices[0]?.finish_reason).toBe('length');
    await waitFor(() => lastEvent().response?.usage.completion_tokens === 3);
    expect(lastEvent().body['max_tokens']).toBe(100);
  });

  it('stages add response headers to successful responses, buffered and streamed', async () => {
    const plain = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(plain.response.headers.get('x-ratelimit-remaining-requests')).toBe('41');
    const streamed = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'hi' }], stream: true }).withResponse();
    expect(streamed.response.headers.get('x-ratelimit-remaining-requests')).toBe('41');
    for await (const _ of streamed.data) void _;
  });

  it('transformResponse alters a buffered reply; the event records what the client got', async () => {
    const res = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'shout [sim:tokens=6]' }] });
    const text = res.choices[0]?.message.content ?? '';
    expect(text).toBe(text.toUpperCase());
    expect(text).toMatch(/^\[SIMULATED\]/);
    await waitFor(() => lastEvent().response?.text === text);
  });

  it('transformStreamEvent and endStream alter a stream; flushed events come before the end', async () => {
    const stream = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'shout [sim:tokens=10]' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.startsWith('[SIMULATED]')).toBe(true);
    expect(text.endsWith(' [END]')).toBe(true);
    expect(text.replace(' [END]', '')).toBe(text.replace(' [END]', '').toUpperCase());
  });

  it('afterCompletion sees the outcome of every request, and a throwing stage breaks nothing', async () => {
    const before = completions.length;
    const res = await openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'done [sim:tokens=7]' }] });
    expect(res.choices[0]?.message.content).toBeTruthy();
    await waitFor(() => completions.length === before + 1);
    const { ctx, outcome } = completions.at(-1)!;
    expect(outcome).toMatchObject({ status: 200, clientAborted: false, usage: { completion_tokens: 7 } });
    expect(ctx.principal.account.id).toBe('acct-test');
    expect(ctx.route.upstream.name).toBe('warden-sim');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/warden_stage_errors_total\{stage="test-broken"\} [1-9]/);
  });
});

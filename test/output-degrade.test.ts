import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import { PLACEHOLDER_PREFIX } from '../src/output/thinking-cache.js';
import { metricValue, startTestGateway, waitFor, type TestGateway } from './helpers.js';
import { startRecordingUpstream, upstreamConfig, type RecordingUpstream } from './recording-upstream.js';

/** Detection's action is `degrade` for every account (flag_at 0, one band, nobody trusted). */
const DEGRADE_ALL = { flag_at: 0, actions: [{ min_score: 0, action: 'degrade' }], trust: { tiers: [], kyc: [] } };
const DEGRADE = { maxTokens: 50, addedLatencyMs: 150 };
const HARVEST = { model: 'warden-sim', max_tokens: 500, n: 3, logprobs: true, top_logprobs: 2, messages: [{ role: 'user' as const, content: 'List facts' }] };

let up: RecordingUpstream;
beforeAll(async () => {
  up = await startRecordingUpstream();
});
afterAll(() => up.close());

function requestEvents(gw: TestGateway): RequestEvent[] {
  return gw.events.filter((e): e is RequestEvent => e.type === 'request');
}

async function lastEvent(gw: TestGateway, count: number): Promise<RequestEvent> {
  await waitFor(() => requestEvents(gw).length >= count);
  return requestEvents(gw)[count - 1] as RequestEvent;
}

describe('degrade mode from the detection engine', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ config: { ...upstreamConfig(up.url), detection: { policy: DEGRADE_ALL }, output: { degrade: DEGRADE } } });
    // The engine knows the account once its account event is processed.
    await waitFor(() => gw.warden.detection!.engine.decide('acct-test', false).action === 'degrade');
  });
  afterAll(() => gw.close());

  it('OpenAI: the upstream gets a capped max_tokens, n = 1 and no logprobs; the delay and every knob are on the event, no headers', async () => {
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions.create(HARVEST).withResponse();
    const sent = up.last();
    expect(sent['max_tokens']).toBe(50);
    expect(sent['n']).toBe(1);
    expect(sent).not.toHaveProperty('logprobs');
    expect(sent).not.toHaveProperty('top_logprobs');
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]!.logprobs ?? null).toBeNull();
    expect(response.headers.get('x-warden-degraded')).toBeNull();
    const event = await lastEvent(gw, 1);
    expect(event.tags?.['degrade']).toBe(true);
    expect(event.tags?.['output']).toEqual({ degradedBy: 'detection', degraded: ['max_tokens', 'n', 'logprobs', 'latency'] });
    expect(event.latency_ms).toBeGreaterThanOrEqual(145);
    // The event keeps what the client asked for.
    expect(event.body['n']).toBe(3);
    expect(await metricValue(gw.url, 'warden_output_degraded_total{by="detection"}')).toBeGreaterThanOrEqual(1);
  });

  it('OpenAI streaming: max_completion_tokens is capped in place; a request with no cap gets one', async () => {
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'warden-sim', max_completion_tokens: 400, stream: true, messages: [{ role: 'user', content: 'Go' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toMatch(/^\[simulated\]/);
    expect(up.last()['max_completion_tokens']).toBe(50);
    expect(up.last()).not.toHaveProperty('max_tokens');
    await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'Go' }] });
    expect(up.last()['max_completion_tokens']).toBe(50);
  });

  it('Anthropic: max_tokens capped, thinking that no longer fits turned off, reasoning redacted', async () => {
    const client = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
    const msg = await client.messages.create({ model: 'warden-sim', max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 }, messages: [{ role: 'user', content: 'Think' }] });
    expect(up.last()['max_tokens']).toBe(50);
    expect(up.last()['thinking']).toEqual({ type: 'disabled' });
    expect(msg.content.map((b) => b.type)).toEqual(['text']);
    const n = requestEvents(gw).length;
    const event = await lastEvent(gw, n);
    expect(event.tags?.['output']).toEqual({ degradedBy: 'detection', degraded: ['max_tokens', 'latency'], reasoningRequest: 'disabled' });
  });
});

describe('degrade mode set by an operator', () => {
  it('admin API and CLI switch an account into and out of degrade mode; headers only when exposeHeaders is on', async () => {
    const gw = await startTestGateway({
      config: { ...upstreamConfig(up.url), detection: { enabled: false }, output: { degrade: { maxTokens: 20, dropLogprobs: false }, exposeHeaders: true } },
    });
    try {
      const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
      const before = await client.chat.completions.create(HARVEST).withResponse();
      expect(before.data.choices).toHaveLength(3);
      expect(before.response.headers.get('x-warden-degraded')).toBeNull();

      const patch = await fetch(`${gw.url}/admin/accounts/acct-test`, { method: 'PATCH', headers: gw.adminHeaders, body: JSON.stringify({ outputMode: 'degraded' }) });
      expect(await patch.json()).toMatchObject({ id: 'acct-test', outputMode: 'degraded' });
      const during = await client.chat.completions.create(HARVEST).withResponse();
      expect(during.data.choices).toHaveLength(1);
      expect(up.last()).toMatchObject({ max_tokens: 20, n: 1, logprobs: true });
      expect(during.response.headers.get('x-warden-degraded')).toBe('max_tokens,n');
      const anthropic = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
      const { data: msg, response } = await anthropic.messages
        .create({ model: 'warden-sim', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Think' }] })
        .withResponse();
      expect(response.headers.get('x-warden-reasoning')).toBe('redact');
      expect(up.last()['thinking']).toEqual({ type: 'disabled' });
      expect(msg.content.every((b) => b.type !== 'thinking' || b.signature.startsWith(PLACEHOLDER_PREFIX))).toBe(true);
      await waitFor(() => requestEvents(gw).length >= 3);
      expect(requestEvents(gw)[1]?.tags?.['output']).toEqual({ degradedBy: 'operator', degraded: ['max_tokens', 'n'] });

      // The CLI against the running server's admin API.
      await cli(['accounts', 'update', 'acct-test', '--output-mode', 'normal', '--url', gw.url, '--admin-token', gw.adminHeaders.authorization!.slice(7)]);
      const after = await client.chat.completions.create(HARVEST);
      expect(after.choices).toHaveLength(3);
      expect(up.last()['n']).toBe(3);
    } finally {
      await gw.close();
    }
  });

  it('refuses an unknown output mode in the admin API’s error shape', async () => {
    const gw = await startTestGateway({ config: { detection: { enabled: false } } });
    try {
      const res = await fetch(`${gw.url}/admin/accounts/acct-test`, { method: 'PATCH', headers: gw.adminHeaders, body: JSON.stringify({ outputMode: 'slow' }) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'WARDEN_ERR_INVALID_REQUEST' } });
    } finally {
      await gw.close();
    }
  });
});

const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));

function cli(args: string[]): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.json\` first`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 15_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../src/engine/policy.js';
import type { Verdict } from '../src/engine/types.js';
import { replay } from '../src/replay/replay.js';
import { runLive } from '../src/traffic/live.js';
import { loadSimulation } from '../src/traffic/profiles.js';
import { ADMIN_TOKEN, metricValue, startTestGateway, waitFor } from './helpers.js';

const ASK = { model: 'warden-sim', messages: [{ role: 'user' as const, content: 'Say hello' }] };

describe('detection in the gateway', () => {
  it('gives the same verdicts online as `warden replay` of the gateway’s own log', async () => {
    const gw = await startTestGateway({ config: { server: { port: 0, trustProxy: true }, events: { file: 'events.jsonl' } } });
    const file = path.join(gw.dataDir, 'events.jsonl');
    try {
      const sent = await runLive({ sim: loadSimulation(), seed: 12, scale: 0.03, days: 2, url: gw.url, adminToken: ADMIN_TOKEN, rate: 2000, timeFactor: 1e7, concurrency: 8, limit: 600 });
      expect(sent.requests).toBe(600);
      await waitFor(() => gw.events.filter((e) => e.type === 'request').length >= 600);
      const res = await fetch(`${gw.url}/admin/detection/verdicts`, { headers: gw.adminHeaders });
      const online = ((await res.json()) as { data: Verdict[] }).data;
      expect(online.length).toBeGreaterThan(10);
      await gw.warden.close();
      const out = path.join(gw.dataDir, 'replay');
      const summary = await replay({ input: file, outDir: out, policy: DEFAULT_POLICY });
      expect(summary.invalid_lines).toBe(0);
      const offline = readFileSync(path.join(out, 'verdicts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Verdict);
      expect(offline).toEqual(online);
    } finally {
      await gw.close();
    }
  });

  it('blocks an account the policy blocks, in each API’s error shape with a reference id', async () => {
    const policy = { flag_at: 0, actions: [{ min_score: 0, action: 'block' }], trust: { tiers: [], kyc: [] } };
    const gw = await startTestGateway({ config: { detection: { policy } } });
    try {
      const openai = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
      // flag_at 0: any account the engine knows (from its account event) is blocked.
      await waitFor(() => gw.warden.detection!.engine.decide('acct-test', false).action === 'block');
      const err = await openai.chat.completions.create(ASK).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect((err as InstanceType<typeof OpenAI.PermissionDeniedError>).message).toMatch(/reference [0-9a-z-]+/i);
      const anthropic = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
      const aerr = await anthropic.messages.create({ model: 'warden-sim', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      expect(aerr).toBeInstanceOf(Anthropic.PermissionDeniedError);
      const account = await (await fetch(`${gw.url}/admin/detection/accounts/acct-test`, { headers: gw.adminHeaders })).json();
      expect(account).toMatchObject({ account: 'acct-test', action: 'block' });
      // Operators see the engine's actions in Prometheus.
      await waitFor(() => gw.events.filter((e) => e.type === 'request').length >= 2);
      expect(await metricValue(gw.url, 'warden_detection_actions_total{action="block",shadow="false"}')).toBe(2);
    } finally {
      await gw.close();
    }
  });

  it('throttles with 429 and Retry-After, queues review, and enforces nothing in shadow mode', async () => {
    const throttle = await startTestGateway({ config: { detection: { policy: { flag_at: 0, throttle_rpm: 2, actions: [{ min_score: 0, action: 'throttle' }], trust: { tiers: [], kyc: [] } } } } });
    try {
      const h = { authorization: `Bearer ${throttle.key}`, 'content-type': 'application/json' };
      const send = () => fetch(`${throttle.url}/v1/chat/completions`, { method: 'POST', headers: h, body: JSON.stringify(ASK) });
      await waitFor(() => throttle.warden.detection!.engine.decide('acct-test', false).action === 'throttle');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const r = await send();
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
        await r.arrayBuffer();
      }
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses.slice(2)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await throttle.close();
    }

    const review = await startTestGateway({ config: { detection: { policy: { flag_at: 0, actions: [{ min_score: 0, action: 'review' }] } } } });
    try {
      const openai = new OpenAI({ apiKey: review.key, baseURL: `${review.url}/v1`, maxRetries: 0 });
      await waitFor(() => review.warden.detection!.engine.decide('acct-test', false).action === 'review');
      await openai.chat.completions.create(ASK);
      const queue = (await (await fetch(`${review.url}/admin/detection/review`, { headers: review.adminHeaders })).json()) as { data: Array<{ account: string }> };
      expect(queue.data.map((q) => q.account)).toEqual(['acct-test']);
    } finally {
      await review.close();
    }

    const shadow = await startTestGateway({ config: { detection: { policy: { shadow: true, flag_at: 0, actions: [{ min_score: 0, action: 'block' }], trust: { tiers: [], kyc: [] } } } } });
    try {
      const openai = new OpenAI({ apiKey: shadow.key, baseURL: `${shadow.url}/v1`, maxRetries: 0 });
      await waitFor(() => shadow.warden.detection!.engine.decide('acct-test', false).shadow);
      await openai.chat.completions.create(ASK);
      await waitFor(() => shadow.events.filter((e) => e.type === 'request').length === 1);
      const last = shadow.events.filter((e) => e.type === 'request').at(-1) as { status: number; tags?: Record<string, unknown> };
      expect(last.status).toBe(200);
      expect(last.tags?.['detection']).toMatchObject({ action: 'allow', shadow: true });
    } finally {
      await shadow.close();
    }
  });
});

import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway } from './helpers.js';

describe('operations', () => {
  it('serves /healthz, /readyz and Prometheus /metrics that count requests and tokens', async () => {
    const gw = await startTestGateway();
    try {
      expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${gw.url}/readyz`)).json()).toEqual({ status: 'ready' });
      const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'm [sim:tokens=9]' }] });
      await expect(client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'x [sim:fail=reset]' }] })).rejects.toThrow();
      const res = await fetch(`${gw.url}/metrics`);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toMatch(/warden_requests_total\{api="openai",route="warden-sim",status="200"\} 1/);
      expect(text).toMatch(/warden_requests_total\{api="openai",route="warden-sim",status="502"\} 1/);
      expect(text).toMatch(/warden_tokens_total\{route="warden-sim",direction="output"\} 9/);
      expect(text).toMatch(/warden_upstream_errors_total\{upstream="warden-sim",kind="unavailable"\} 1/);
      expect(text).toMatch(/warden_request_duration_seconds_bucket/);
    } finally {
      await gw.close();
    }
  });

  it('never logs a raw API key, the admin token or prompt text, but logs who/what/how much', async () => {
    const gw = await startTestGateway();
    try {
      const secretPrompt = 'my-secret-prompt-4711 about my medical history';
      const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: secretPrompt }] });
      await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${gw.key}x` }, body: '{}' });
      const created = await fetch(`${gw.url}/admin/accounts/acct-test/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const { secret } = (await created.json()) as { secret: string };
      await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'x-api-key': secret }, body: '{bad json' });
      await gw.warden.close();
      const logs = gw.logs.text;
      expect(logs).not.toContain(gw.key);
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(gw.key.slice(17)); // the secret part alone
      expect(logs).not.toContain(ADMIN_TOKEN);
      expect(logs).not.toContain('my-secret-prompt-4711');
      const line = gw.logs.records().find((r) => r['msg'] === 'request' && r['status'] === 200)!;
      expect(line).toMatchObject({ account: 'acct-test', api: 'openai', model: 'warden-sim', ip: '127.0.0.1' });
      expect(line['key']).toMatch(/^wdn_[0-9a-f]{12}$/);
      expect(line['tokensIn']).toBeGreaterThan(0);
      expect(line['latencyMs']).toBeGreaterThanOrEqual(0);
      expect(gw.logs.records().some((r) => r['msg'] === 'admin action' && r['action'] === 'key.create')).toBe(true);
    } finally {
      await gw.close();
    }
  });

  it('graceful shutdown: new connections are refused while in-flight streams finish', async () => {
    const gw = await startTestGateway();
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'warden-sim',
      messages: [{ role: 'user', content: 'long [sim:tokens=40] [sim:chunk-delay=40]' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const collected = (async () => {
      let text = '';
      let completion = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        completion = chunk.usage?.completion_tokens ?? completion;
      }
      return { text, completion };
    })();
    await new Promise((r) => setTimeout(r, 100));
    const closing = gw.warden.close();
    // While the stream is still running, the listener is already closed to newcomers.
    await expect(fetch(`${gw.url}/readyz`)).rejects.toThrow();
    expect(gw.warden.app.server.listening).toBe(false);
    const { text, completion } = await collected;
    expect(text).toMatch(/^\[simulated\]/);
    expect(completion).toBe(40);
    await closing;
    await gw.close();
  });

  it('after the grace period, shutdown cuts remaining streams with an in-band error', async () => {
    const gw = await startTestGateway({ config: { server: { port: 0, shutdownGraceMs: 200 } } });
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'warden-sim', stream: true, messages: [{ role: 'user', content: 'slow [sim:tokens=200] [sim:chunk-delay=50]' }] }),
    });
    expect(res.status).toBe(200);
    const text = res.text();
    await new Promise((r) => setTimeout(r, 100));
    await gw.close();
    const body = await text;
    expect(body).toContain('WARDEN_ERR_UNAVAILABLE');
    expect(body).not.toContain('[DONE]');
  });
});

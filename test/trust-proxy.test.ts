import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import { startTestGateway, waitFor, type TestGateway } from './helpers.js';

/**
 * Behind trusted proxies the model endpoints are served through Fastify (its
 * client-address logic is needed) instead of the lean hot path: the same
 * behaviour must hold there.
 */
describe('behind a trusted proxy', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ config: { server: { port: 0, trustProxy: true, bodyLimitBytes: 2048 }, limits: { tiers: { paid: { key: { rpm: 3 } } } } } });
  });
  afterAll(() => gw.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('records the client address from X-Forwarded-For and proxies normally', async () => {
    const res = await post(JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content: 'hi' }] }), { 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('2');
    await waitFor(() => gw.events.some((e) => e.type === 'request'));
    expect((gw.events.find((e) => e.type === 'request') as RequestEvent).ip).toBe('203.0.113.9');
  });

  it('answers bad input in the same shapes', async () => {
    const bad = await post('{oops');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'WARDEN_ERR_INVALID_JSON' } });
    const big = await post(JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content: 'x'.repeat(4000) }] }));
    expect(big.status).toBe(413);
    const noKey = await fetch(`${gw.url}/v1/messages`, { method: 'POST', body: '{}' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('is metered the same way', async () => {
    const body = JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content: 'again' }] });
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(429);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import type { LimitsTag } from '../src/limits/stage.js';
import { ADMIN_TOKEN, startTestGateway, waitFor, type TestGateway } from './helpers.js';

const REDIS_URL = process.env['WARDEN_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const uniquePrefix = () => `warden:test:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}:`;

function chatBody(content: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content }], ...extra });
}
function post(gw: TestGateway, body: string, key = gw.key, path = '/v1/chat/completions') {
  return fetch(`${gw.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
}
const requestEvents = (gw: TestGateway) => gw.events.filter((e): e is RequestEvent => e.type === 'request');
const limitsTag = (e: RequestEvent) => e.tags?.['limits'] as LimitsTag | undefined;

describe.each([
  { backend: 'memory', redis: undefined },
  { backend: 'redis', redis: { url: REDIS_URL } },
])('request limits ($backend)', ({ backend, redis }) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      config: { limits: { backend, ...(redis ? { redis: { ...redis, keyPrefix: uniquePrefix() } } : {}), tiers: { paid: { account: { rpm: 10 } } } } },
    });
  });
  afterAll(() => gw.close());

  it('100 concurrent requests against 10 req/min yield exactly 10 successes', async () => {
    const statuses = await Promise.all(Array.from({ length: 100 }, () => post(gw, chatBody('hi [sim:tokens=3]')).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90);
  });

  it('429s carry Retry-After, the API’s rate-limit headers, its error shape, and land on the event', async () => {
    const res = await post(gw, chatBody('one more'));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('10');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(ms|s)$|^\d+m\d+s$/);
    expect(await res.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'WARDEN_ERR_RATE_LIMITED' } });
    const anth = await post(gw, JSON.stringify({ model: 'warden-sim', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }), gw.key, '/v1/messages');
    expect(anth.status).toBe(429);
    expect(anth.headers.get('anthropic-ratelimit-requests-limit')).toBe('10');
    expect(anth.headers.get('anthropic-ratelimit-requests-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await anth.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    await waitFor(() => requestEvents(gw).some((e) => e.status === 429 && e.endpoint === '/v1/messages'));
    const rejected = requestEvents(gw).find((e) => e.status === 429)!;
    expect(limitsTag(rejected)).toMatchObject({ backend, allowed: false, rejected_by: ['account:rpm'] });
  });
});

describe('token limits: reserve → reconcile', () => {
  let gw: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gw = await startTestGateway({ config: { limits: { tiers: { paid: { account: { tpm: 400, tpd: 100_000 } } } } } });
    client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(() => gw.close());

  it('refuses a request whose max_tokens alone exceeds the budget, before the upstream is called', async () => {
    // Were it forwarded, the simulator would answer 500.
    const res = await post(gw, chatBody('big [sim:fail=500]', { max_tokens: 1000 }));
    expect(res.status).toBe(429);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/needs up to \d+ tokens.*account:tpm limit of 400/);
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it('refunds what a reply did not use, so the next request fits', async () => {
    // Each reserves ~10 prompt + 300 max_tokens; two reservations (620) exceed 400, so the
    // second fits only because the first was reconciled down to its real ~15 tokens.
    const first = await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'short [sim:tokens=5]' }], max_tokens: 300 });
    const second = await client.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'short [sim:tokens=5]' }], max_tokens: 300 });
    expect(second.usage?.completion_tokens).toBe(5);
    await waitFor(() => requestEvents(gw).filter((e) => e.status === 200).length >= 2);
    const tag = limitsTag(requestEvents(gw).find((e) => e.status === 200)!)!;
    expect(tag.reserved_tokens).toBeGreaterThan(300);
    expect(tag.charged_tokens).toBe((first.usage?.prompt_tokens ?? 0) + 5);
    expect(tag.refunded_tokens).toBe(tag.reserved_tokens - tag.charged_tokens!);
  });

  it('counts streaming usage exactly once, whether or not the client asked for it', async () => {
    for (const includeUsage of [false, true]) {
      const before = requestEvents(gw).length;
      const stream = await client.chat.completions.create({
        model: 'warden-sim',
        messages: [{ role: 'user', content: 'stream [sim:tokens=20]' }],
        max_tokens: 50,
        stream: true,
        ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
      });
      for await (const _ of stream) void _;
      await waitFor(() => requestEvents(gw).length > before);
      const event = requestEvents(gw).at(-1)!;
      expect(limitsTag(event)?.charged_tokens).toBe(event.response!.usage.prompt_tokens + 20);
    }
    const usage = (await (await fetch(`${gw.url}/admin/usage/accounts/acct-test`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      limits: Array<{ rule: string; used: number }>;
    };
    const charged = requestEvents(gw).reduce((sum, e) => sum + (limitsTag(e)?.charged_tokens ?? 0), 0);
    const tpd = usage.limits.find((l) => l.rule === 'account:tpd')!;
    // tpd refills ~1.2 tokens/s; the whole test takes a few seconds.
    expect(tpd.used).toBeLessThanOrEqual(charged);
    expect(tpd.used).toBeGreaterThanOrEqual(charged - 12);
  });

  it('charges a client abort mid-stream for what was generated', async () => {
    const before = requestEvents(gw).length;
    const ac = new AbortController();
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      signal: ac.signal,
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: chatBody('slow [sim:tokens=200] [sim:chunk-delay=30]', { stream: true, max_tokens: 250 }),
    });
    const reader = res.body!.getReader();
    let seen = '';
    while ((seen.match(/"content"/g) ?? []).length < 6) seen += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    await waitFor(() => requestEvents(gw).length > before);
    const event = requestEvents(gw).at(-1)!;
    expect(event.status).toBe(499);
    const tag = limitsTag(event)!;
    expect(tag.charged_tokens).toBeGreaterThan(5);
    expect(tag.charged_tokens).toBeLessThan(150);
    expect(tag.refunded_tokens).toBe(tag.reserved_tokens - tag.charged_tokens!);
  });
});

describe('limits by scope and model group', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      config: {
        limits: {
          tiers: { paid: { key: { rpm: 3 }, account: { concurrent: 1 }, groups: { large: { account: { rpm: 1 } } } } },
        },
      },
    });
  });
  afterAll(() => gw.close());

  it('a stricter model-group limit counts only that group, and the tightest scope decides', async () => {
    const large = JSON.stringify({ model: 'warden-sim-large', messages: [{ role: 'user', content: 'x' }] });
    expect((await post(gw, large)).status).toBe(200);
    const refused = await post(gw, large);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('account:rpm@large');
    expect((await post(gw, chatBody('small model still fine'))).status).toBe(200);
    expect((await post(gw, chatBody('third for this key'))).status).toBe(200);
    const keyLimited = await post(gw, chatBody('fourth'));
    expect(keyLimited.status).toBe(429);
    expect(((await keyLimited.json()) as { error: { message: string } }).error.message).toContain('key:rpm');
  });

  it('concurrency: a second request while one streams is refused; the slot frees when it ends', async () => {
    const { secret } = await gw.warden.identity.createKey('acct-test', {});
    const slow = await post(gw, chatBody('long [sim:tokens=30] [sim:chunk-delay=20]', { stream: true }), secret);
    expect(slow.status).toBe(200);
    const second = await post(gw, chatBody('meanwhile'), secret);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain('account:concurrent');
    await slow.text();
    await waitFor(() => requestEvents(gw).some((e) => e.stream === true && e.status === 200));
    const third = await post(gw, chatBody('after'), secret);
    expect(third.status).toBe(200);
  });

  it('every proxied endpoint is limited: no bypass', async () => {
    const routes = gw.warden.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((l) => /(\/v1\/\S+) \((.*)\)/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && m[2]!.includes('POST'))
      .map((m) => m[1]!);
    expect(routes.sort()).toEqual(['/v1/chat/completions', '/v1/messages']);
    const bodies: Record<string, string> = {
      '/v1/chat/completions': chatBody('x'),
      '/v1/messages': JSON.stringify({ model: 'warden-sim', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
    };
    for (const route of routes) {
      const { secret } = await gw.warden.identity.createKey('acct-test', {});
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(gw, bodies[route]!, secret, route)).status);
      expect(statuses, route).toEqual([200, 200, 200, 429]);
    }
  });
});

describe('usage and remaining quota', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ config: { limits: { tiers: { paid: { key: { rpm: 5 }, account: { rpm: 50, rpd: 1000, tpd: 100_000 } } } } } });
  });
  afterAll(() => gw.close());

  it('the admin API and `warden usage show` report used and remaining per rule, without charging', async () => {
    for (let i = 0; i < 3; i++) expect((await post(gw, chatBody('count me [sim:tokens=4]'))).status).toBe(200);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['dist/src/cli/main.js', 'usage', 'show', '--account', 'acct-test', '--url', gw.url, '--admin-token', ADMIN_TOKEN, '--json'],
      { timeout: 30_000 },
    );
    const report = JSON.parse(stdout) as { account: string; backend: string; limits: Array<{ rule: string; subject: string; limit: number; used: number; remaining: number }> };
    expect(report).toMatchObject({ account: 'acct-test', backend: 'memory' });
    // Per-day buckets refill one request every 86 s here, so their counts are exact; per-minute ones
    // refill one every 1.2 s and may have given one back by now.
    expect(report.limits.find((l) => l.rule === 'account:rpd')).toMatchObject({ limit: 1000, used: 3, remaining: 997 });
    const rpm = report.limits.find((l) => l.rule === 'account:rpm')!;
    expect(rpm.limit).toBe(50);
    expect(rpm.used).toBeGreaterThanOrEqual(2);
    expect(rpm.used + rpm.remaining).toBe(50);
    const keyRpm = report.limits.find((l) => l.rule === 'key:rpm')!;
    expect(keyRpm.used).toBeGreaterThanOrEqual(2);
    expect(keyRpm.subject).toMatch(/^wdn_/);
    expect(report.limits.find((l) => l.rule === 'account:tpd')!.used).toBeGreaterThan(0);
    // Reading usage charged nothing.
    const again = (await (await fetch(`${gw.url}/admin/usage/accounts/acct-test`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as typeof report;
    expect(again.limits.find((l) => l.rule === 'account:rpd')!.used).toBe(3);
    const unknown = await fetch(`${gw.url}/admin/usage/accounts/nobody`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(unknown.status).toBe(404);
  });
});

import Anthropic from '@anthropic-ai/sdk';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import path from 'node:path';
import { accountTable, Keyring } from '../src/watermark/keys.js';
import { lexiconFor } from '../src/watermark/lexicon.js';
import { markText } from '../src/watermark/mark.js';
import { traceText } from '../src/watermark/trace.js';
import { ADMIN_TOKEN, metricValue, startTestGateway, waitFor, type TestGateway } from './helpers.js';

// acct-test (the helpers' account) is marked; acct-plain is exempt, so it sees the upstream's own text.
let gw: TestGateway;
const sdk = { marked: {} as { openai: OpenAI; anthropic: Anthropic }, plain: {} as { openai: OpenAI; anthropic: Anthropic } };

beforeAll(async () => {
  gw = await startTestGateway({ config: { watermark: { exemptAccounts: ['acct-plain'], exposeHeader: true } } });
  await gw.warden.identity.createAccount({ id: 'acct-plain', tier: 'paid' });
  const plainKey = (await gw.warden.identity.createKey('acct-plain')).secret;
  for (const [who, key] of [['marked', gw.key], ['plain', plainKey]] as const) {
    sdk[who] = { openai: new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 }), anthropic: new Anthropic({ apiKey: key, baseURL: gw.url, maxRetries: 0 }) };
  }
});
afterAll(() => gw.close());

/** The gateway's key, as `warden watermark detect` reads it from the data directory. */
const keyOf = () => Keyring.open(path.join(gw.dataDir, 'watermark-keys'), { create: false }).current;
const table = () => accountTable(keyOf(), 'acct-test');

const PROMPT = 'Explain how the gateway handles a request [sim:tokens=1200]';

async function openAiText(who: 'marked' | 'plain', stream: boolean): Promise<string> {
  const client = sdk[who].openai;
  const params = { model: 'warden-sim', max_tokens: 1500, messages: [{ role: 'user' as const, content: PROMPT }] };
  if (!stream) return (await client.chat.completions.create(params)).choices[0]!.message.content ?? '';
  let text = '';
  for await (const chunk of await client.chat.completions.create({ ...params, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

async function anthropicText(who: 'marked' | 'plain', stream: boolean): Promise<string> {
  const client = sdk[who].anthropic;
  const params = { model: 'warden-sim', max_tokens: 1500, messages: [{ role: 'user' as const, content: PROMPT }] };
  const message = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

describe('watermark through the gateway', () => {
  for (const [api, get] of [['openai', openAiText], ['anthropic', anthropicText]] as const) {
    it(`${api}: streamed and whole replies carry the same marks, exactly the marks of the account's table`, async () => {
      const plain = await get('plain', false);
      const whole = await get('marked', false);
      const streamed = await get('marked', true);
      expect(plain.length).toBeGreaterThan(1000);
      expect(whole).not.toBe(plain);
      expect(streamed).toBe(whole);
      expect(await get('plain', true)).toBe(plain);
      expect(whole).toBe(markText(plain, table()).text);
      // A leaked reply names its account among others.
      const trace = await traceText(whole, ['acct-plain', 'acct-other', 'acct-test', 'acct-x'], [keyOf()], 1e-6);
      expect(trace.best?.account).toBe('acct-test');
      expect(trace.attributed).toBe(true);
    });
  }

  it('tool calls and JSON-mode replies pass byte for byte', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'lookup', description: 'it is often used', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
    // Call ids differ per request; everything else must match.
    const call = async (who: 'marked' | 'plain') =>
      (await sdk[who].openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: 'find it' }], tools })).choices[0]!.message.tool_calls?.map((c) => ({ ...c, id: '' }));
    expect(JSON.stringify(await call('marked'))).toBe(JSON.stringify(await call('plain')));
    const atools = [{ name: 'lookup', description: 'it is often used', input_schema: { type: 'object' as const, properties: { query: { type: 'string' } } } }];
    const acall = async (who: 'marked' | 'plain') =>
      (await sdk[who].anthropic.messages.create({ model: 'warden-sim', max_tokens: 500, messages: [{ role: 'user', content: 'find it' }], tools: atools })).content.map((b) => (b.type === 'tool_use' ? { ...b, id: '' } : b));
    expect(JSON.stringify(await acall('marked'))).toBe(JSON.stringify(await acall('plain')));
    const json = async (who: 'marked' | 'plain') =>
      (await sdk[who].openai.chat.completions.create({ model: 'warden-sim', messages: [{ role: 'user', content: PROMPT }], response_format: { type: 'json_object' } })).choices[0]!.message.content;
    expect(await json('marked')).toBe(await json('plain'));
  });

  it('records the key version and the count of changed words on the request event, and says so in a header when asked', async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      // A long reply (as the other tests ask for): a short default-length one has few choices, and all of them may agree with the text as it came.
      body: JSON.stringify({ model: 'warden-sim', max_tokens: 1500, messages: [{ role: 'user', content: `${PROMPT} header` }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-warden-watermark')).toBe('v1');
    const id = res.headers.get('x-request-id');
    await res.json();
    const find = () => gw.events.find((e): e is RequestEvent => e.type === 'request' && e.id === id);
    await waitFor(() => find() !== undefined);
    const event = find()!;
    const tag = event.tags?.['watermark'] as { version: number; words: number; altered: number };
    expect(tag.version).toBe(1);
    expect(tag.words).toBeGreaterThan(500);
    expect(tag.altered).toBeGreaterThan(0);
    expect(tag.altered / tag.words).toBeLessThan(0.1);
  });
});

describe('metrics of marking and of the audit trail', () => {
  it('counts marked replies and the words marks changed, and the audit trail commits with nothing dropped', async () => {
    const before = (await metricValue(gw.url, 'warden_watermark_replies_total')) ?? 0;
    await openAiText('marked', false);
    await openAiText('plain', false);
    await waitFor(() => gw.events.filter((e) => e.type === 'request').length > 0);
    const after = async () => (await metricValue(gw.url, 'warden_watermark_replies_total')) ?? 0;
    // The exempt account's reply is not counted; the marked one is.
    for (let i = 0; (await after()) < before + 1 && i < 50; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await after()).toBe(before + 1);
    const seen = (await metricValue(gw.url, 'warden_watermark_words_total{kind="seen"}')) ?? 0;
    const altered = (await metricValue(gw.url, 'warden_watermark_words_total{kind="altered"}')) ?? 0;
    expect(seen).toBeGreaterThan(100);
    expect(altered).toBeGreaterThan(0);
    expect(altered / seen).toBeLessThan(0.05);
    for (let i = 0; ((await metricValue(gw.url, 'warden_audit_entries_total')) ?? 0) === 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await metricValue(gw.url, 'warden_audit_entries_total')).toBeGreaterThan(0);
    expect(await metricValue(gw.url, 'warden_audit_dropped_total')).toBe(0);
    expect(await metricValue(gw.url, 'warden_audit_log_size')).toBeGreaterThan(0);
  });
});

describe('leak tracing through the admin API', () => {
  const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env };
      delete env['WARDEN_URL'];
      execFile(process.execPath, [CLI, ...args], { env, timeout: 30_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
  const post = (route: string, body: unknown, headers = gw.adminHeaders) =>
    fetch(`${gw.url}/admin/watermark/${route}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('watermark detect --url asks the server, which tests every account and key version it has', async () => {
    await gw.warden.identity.createAccount({ id: 'acct-other', tier: 'free' });
    const leaked = await openAiText('marked', false);
    const file = path.join(gw.dataDir, 'leak-url.txt');
    writeFileSync(file, leaked);
    const r = await cli(['watermark', 'detect', file, '--url', gw.url, '--admin-token', ADMIN_TOKEN, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const remote = JSON.parse(r.stdout) as { attributed: boolean; tested: number; best: { account: string; pAdjusted: number } };
    const accounts = (await gw.warden.identity.listAccounts()).map((a) => a.id);
    const local = await traceText(leaked, accounts, [keyOf()], 1e-6);
    expect(remote).toMatchObject({ attributed: true, tested: accounts.length, best: { account: 'acct-test' } });
    expect(remote.best.pAdjusted).toBe(local.best?.pAdjusted);
    const one = JSON.parse((await cli(['watermark', 'detect', file, '--account', 'acct-other', '--url', gw.url, '--admin-token', ADMIN_TOKEN, '--json'])).stdout);
    expect(one).toMatchObject({ attributed: false, tested: 1 });
    const provenance = JSON.parse((await cli(['watermark', 'provenance', file, '--url', gw.url, '--admin-token', ADMIN_TOKEN, '--json'])).stdout);
    expect(provenance).toMatchObject({ tested: accounts.length });
    expect(provenance.trials).toBeGreaterThan(0);
  }, 60_000);

  it('rejects bad input and a missing token in the admin API error shape', async () => {
    const cases: [string, unknown, number, string][] = [
      ['detect', { text: '' }, 400, 'WARDEN_ERR_WATERMARK_INPUT'],
      ['detect', { text: 'a\u0000b' }, 400, 'WARDEN_ERR_WATERMARK_INPUT'],
      ['detect', {}, 400, 'WARDEN_ERR_WATERMARK_INPUT'],
      ['provenance', { text: 42 }, 400, 'WARDEN_ERR_WATERMARK_INPUT'],
      ['detect', { text: 'It is so.', alpha: 2 }, 400, 'WARDEN_ERR_INVALID_REQUEST'],
      ['provenance', { text: 'It is so.', account: '' }, 400, 'WARDEN_ERR_INVALID_REQUEST'],
    ];
    for (const [route, body, status, code] of cases) {
      const res = await post(route, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const noToken = await post('detect', { text: 'It is so.' }, {});
    expect(noToken.status).toBe(401);
    const notJson = await fetch(`${gw.url}/admin/watermark/detect`, { method: 'POST', headers: { ...gw.adminHeaders, 'content-type': 'application/json' }, body: '{"text": ' });
    expect(notJson.status).toBe(400);
    // Still serving after all of that.
    expect((await post('detect', { text: 'We do not know. It is so.', account: 'acct-test' })).status).toBe(200);
  });
});

describe('the opt-in code fence channel through the gateway', () => {
  // An upstream whose reply is mostly code blocks, as coding answers are.
  const CODE_REPLY = Array.from({ length: 10 }, (_, i) => `Step ${i + 1} does not change the file.\n\n\`\`\`js\nconst step${i} = require('./step-${i}');\n\`\`\`\n`).join('\n');
  const REPLY = CODE_REPLY;
  const ESCAPED_REPLY = Array.from({ length: 30 }, (_, i) => `The café ${i} does not open on Mondays; it is usually full. We don’t know why.`).join(' ');
  let upstream: http.Server;
  let upstreamUrl: string;
  /** One gateway per setting of watermark.fences, started on first use. */
  const gateways = new Map<boolean, TestGateway>();

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const request = JSON.parse(body) as { stream?: boolean; model: string };
        const stream = request.stream === true;
        // 'coder-escaped' answers with non-ASCII escaped as \u sequences, as some upstreams write JSON.
        const escaped = request.model === 'coder-escaped';
        const REPLY = escaped ? ESCAPED_REPLY : CODE_REPLY;
        const json = (v: unknown) => (escaped ? JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : JSON.stringify(v));
        const base = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'coder' };
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(json({ ...base, choices: [{ index: 0, message: { role: 'assistant', content: REPLY }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 200, total_tokens: 205 } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let i = 0; i < REPLY.length; i += 7) {
          res.write(`data: ${json({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: REPLY.slice(i, i + 7) }, finish_reason: null }] })}\n\n`);
        }
        res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 200, total_tokens: 205 } })}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await Promise.all([...gateways.values()].map((g) => g.close()));
    await new Promise((r) => upstream.close(r));
  });

  async function reply(fences: boolean, stream: boolean, model = 'coder'): Promise<{ text: string; gw: TestGateway }> {
    let gw = gateways.get(fences);
    if (!gw) {
      gw = await startTestGateway({ config: { upstreams: { up: { api: 'openai', baseUrl: upstreamUrl } }, models: [{ name: '*', upstream: 'up' }], watermark: { fences } } });
      gateways.set(fences, gw);
    }
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const params = { model, messages: [{ role: 'user' as const, content: 'write the steps' }] };
    if (!stream) return { text: (await client.chat.completions.create(params)).choices[0]!.message.content ?? '', gw };
    let text = '';
    for await (const chunk of await client.chat.completions.create({ ...params, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    return { text, gw };
  }

  it('lengthens fences only when watermark.fences is on, streamed exactly as whole, and the code inside is untouched', async () => {
    const plainFences = REPLY.split('\n').filter((l) => l.startsWith('```'));
    const off = await reply(false, false);
    expect(off.text.split('\n').filter((l) => l.startsWith('```'))).toEqual(plainFences);
    const on = await reply(true, false);
    const streamed = await reply(true, true);
    expect(streamed.text).toBe(on.text);
    const key = Keyring.open(path.join(on.gw.dataDir, 'watermark-keys'), { create: false }).current;
    expect(on.text).toBe(markText(REPLY, accountTable(key, 'acct-test'), lexiconFor({ fences: true })).text);
    expect(on.text.split('\n').filter((l) => l.startsWith('````')).length).toBeGreaterThan(0);
    const code = (t: string) => t.split('\n').filter((l) => l.startsWith('const '));
    expect(code(on.text)).toEqual(code(REPLY));
  }, 60_000);

  it('marks an upstream that escapes its JSON differently just the same (re-serialized rather than spliced)', async () => {
    const whole = await reply(false, false, 'coder-escaped');
    const streamed = await reply(false, true, 'coder-escaped');
    expect(streamed.text).toBe(whole.text);
    const key = Keyring.open(path.join(whole.gw.dataDir, 'watermark-keys'), { create: false }).current;
    expect(whole.text).toBe(markText(ESCAPED_REPLY, accountTable(key, 'acct-test')).text);
    expect(whole.text).not.toBe(ESCAPED_REPLY);
  }, 60_000);
});

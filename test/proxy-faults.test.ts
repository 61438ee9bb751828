import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../src/events/types.js';
import { startSimServer, type SimServer } from '../src/sim/server.js';
import { freePort, startTestGateway, waitFor, type TestGateway } from './helpers.js';

/** An upstream that streams on demand, so tests can watch what Warden does to it. */
class ControlledUpstream {
  readonly server: http.Server;
  closedRequests = 0;
  bytesWritten = 0;
  constructor(private readonly mode: 'slow' | 'flood') {
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.on('close', () => this.closedRequests++);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (this.mode === 'slow') this.#slow(res);
        else void this.#flood(res);
      });
    });
  }
  #slow(res: http.ServerResponse): void {
    const timer = setInterval(() => res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'tick ' } }] })}\n\n`), 50);
    res.on('close', () => clearInterval(timer));
  }
  /** Writes 64 MiB of events, honouring backpressure: it can only get ahead of a paused reader by the buffers in between. */
  async #flood(res: http.ServerResponse): Promise<void> {
    const event = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'x'.repeat(64 * 1024) } }] })}\n\n`;
    for (let i = 0; i < 1024 && !res.destroyed; i++) {
      this.bytesWritten += event.length;
      if (!res.write(event)) await new Promise((r) => res.once('drain', r));
    }
    res.end('data: [DONE]\n\n');
  }
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}


let gw: TestGateway;
let sim: SimServer;
const slow = new ControlledUpstream('slow');
const flood = new ControlledUpstream('flood');

beforeAll(async () => {
  sim = await startSimServer({ port: 0 });
  const [slowUrl, floodUrl, deadPort] = await Promise.all([slow.listen(), flood.listen(), freePort()]);
  const fast = { headersMs: 600, bodyIdleMs: 600, connectMs: 1000 };
  gw = await startTestGateway({
    config: {
      server: { port: 0, bodyLimitBytes: 4096 },
      upstreams: {
        sim: { api: 'both', baseUrl: `${sim.url}/v1`, timeouts: fast },
        slow: { api: 'openai', baseUrl: slowUrl },
        flood: { api: 'openai', baseUrl: floodUrl },
        dead: { api: 'both', baseUrl: `http://127.0.0.1:${deadPort}` },
      },
      models: [
        { name: 'warden-sim', upstream: 'sim' },
        { name: 'slow-model', upstream: 'slow' },
        { name: 'flood-model', upstream: 'flood' },
        { name: 'dead-model', upstream: 'dead' },
        { name: 'claude-only', upstream: 'dead' },
        { name: 'alias-model', upstream: 'sim', upstreamModel: 'warden-sim-large' },
      ],
    },
  });
});
afterAll(async () => {
  await gw.close();
  await Promise.all([sim.close(), slow.close(), flood.close()]);
});

function post(path: '/v1/chat/completions' | '/v1/messages', body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const chat = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'warden-sim', messages: [{ role: 'user', content }], ...extra });
const msg = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'warden-sim', max_tokens: 64, messages: [{ role: 'user', content }], ...extra });

async function expectOpenAiError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; type: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(typeof body.error.type).toBe('string');
}
async function expectAnthropicError(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { type: string; error: { type: string; message: string } };
  expect(body.type).toBe('error');
  expect(body.error.type).toBe(type);
  expect(typeof body.error.message).toBe('string');
}

describe('bad input gets a clear error in the caller API’s shape', () => {
  it('malformed JSON → 400', async () => {
    await expectOpenAiError(await post('/v1/chat/completions', '{"model": "warden-sim", '), 400, 'WARDEN_ERR_INVALID_JSON');
    await expectAnthropicError(await post('/v1/messages', '{not json'), 400, 'invalid_request_error');
  });

  it('a body that is not a request → 400', async () => {
    await expectOpenAiError(await post('/v1/chat/completions', '[1,2]'), 400, 'WARDEN_ERR_INVALID_REQUEST');
    await expectOpenAiError(await post('/v1/chat/completions', { messages: [] }), 400, 'WARDEN_ERR_INVALID_REQUEST');
    await expectOpenAiError(await post('/v1/chat/completions', { model: 'warden-sim', messages: 'hi' }), 400, 'WARDEN_ERR_INVALID_REQUEST');
    await expectAnthropicError(await post('/v1/messages', { model: 'warden-sim', messages: [], stream: 'yes' }), 400, 'invalid_request_error');
  });

  it('body over the limit → 413', async () => {
    const big = chat('x'.repeat(8000));
    await expectOpenAiError(await post('/v1/chat/completions', big), 413, 'WARDEN_ERR_BODY_TOO_LARGE');
    await expectAnthropicError(await post('/v1/messages', msg('x'.repeat(8000))), 413, 'request_too_large');
  });

  it('unknown model → 404; a model of the other API → 400', async () => {
    await expectOpenAiError(await post('/v1/chat/completions', { ...chat('hi'), model: 'gpt-nonexistent' }), 404, 'WARDEN_ERR_MODEL_NOT_FOUND');
    await expectAnthropicError(await post('/v1/messages', { ...msg('hi'), model: 'nope' }), 404, 'not_found_error');
    await expectAnthropicError(await post('/v1/messages', { ...msg('hi'), model: 'slow-model' }), 400, 'invalid_request_error');
  });

  it('unknown route → 404 in the OpenAI shape', async () => {
    const res = await fetch(`${gw.url}/v1/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${gw.key}` }, body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('upstream faults', () => {
  it('connection refused → 502', async () => {
    await expectOpenAiError(await post('/v1/chat/completions', { ...chat('hi'), model: 'dead-model' }), 502, 'WARDEN_ERR_UPSTREAM_UNAVAILABLE');
    await expectAnthropicError(await post('/v1/messages', { ...msg('hi'), model: 'dead-model' }), 502, 'api_error');
  });

  it('connection reset → 502', async () => {
    await expectOpenAiError(await post('/v1/chat/completions', chat('boom [sim:fail=reset]')), 502, 'WARDEN_ERR_UPSTREAM_UNAVAILABLE');
  });

  it('no response in time → 504', async () => {
    await expectOpenAiError(await post('/v1/chat/completions', chat('wait [sim:fail=hang]')), 504, 'WARDEN_ERR_UPSTREAM_TIMEOUT');
    await expectAnthropicError(await post('/v1/messages', msg('wait [sim:fail=hang]')), 504, 'api_error');
  });

  it('upstream error statuses pass through with their body', async () => {
    const res = await post('/v1/chat/completions', chat('limited [sim:fail=429]'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as { error: { type: string } };
    expect(body.error.type).toBeTruthy();
    const res2 = await post('/v1/messages', msg('overloaded [sim:fail=529]'));
    expect(res2.status).toBe(529);
    expect(((await res2.json()) as { type: string }).type).toBe('error');
  });

  it('an upstream that dies mid-stream ends the client stream with an error event (OpenAI)', async () => {
    const res = await post('/v1/chat/completions', chat('go [sim:fail=midstream]', { stream: true }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"delta"');
    const last = text.trim().split('\n\n').at(-1)!;
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ error: { code: 'WARDEN_ERR_UPSTREAM_UNAVAILABLE' } });
  });

  it('an upstream that dies mid-stream ends the client stream with an error event (Anthropic)', async () => {
    const res = await post('/v1/messages', msg('go [sim:fail=midstream]', { stream: true }));
    const text = await res.text();
    expect(text).toContain('event: message_start');
    const last = text.trim().split('\n\n').at(-1)!;
    expect(last.startsWith('event: error\n')).toBe(true);
    expect(JSON.parse(last.split('\ndata: ')[1]!)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('an upstream that stalls mid-stream past the idle timeout → error event, no hang', async () => {
    const res = await post('/v1/chat/completions', chat('stall [sim:chunk-delay=2000] [sim:tokens=50]', { stream: true }));
    const text = await res.text();
    expect(text).toContain('WARDEN_ERR_UPSTREAM_TIMEOUT');
  });

  it('a client that leaves mid-upload is shrugged off', async () => {
    const url = new URL(gw.url);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${gw.key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    expect((await post('/v1/chat/completions', chat('after the broken upload'))).status).toBe(200);
  });

  it('none of this crashed the process', async () => {
    const res = await fetch(`${gw.url}/healthz`);
    expect(res.status).toBe(200);
    const ok = await post('/v1/chat/completions', chat('still fine'));
    expect(ok.status).toBe(200);
  });
});

describe('routing', () => {
  it('sends the upstream its own model name, buffered and streamed', async () => {
    const res = await post('/v1/chat/completions', { ...chat('alias'), model: 'alias-model' });
    expect(((await res.json()) as { model: string }).model).toBe('warden-sim-large');
    const streamed = await (await post('/v1/chat/completions', { ...chat('alias'), model: 'alias-model', stream: true })).text();
    expect(streamed).toContain('"model":"warden-sim-large"');
    expect(streamed).not.toContain('"choices":[]');
  });
});

describe('streaming mechanics', () => {
  it('a client that disconnects aborts the upstream request', async () => {
    const before = slow.closedRequests;
    const ac = new AbortController();
    const res = await post('/v1/chat/completions', { ...chat('tick'), model: 'slow-model', stream: true }).then(async (r) => r);
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    await reader.cancel();
    await waitFor(() => slow.closedRequests > before, 3000);
    await waitFor(() => gw.events.some((e) => e.type === 'request' && e.model === 'slow-model' && e.status === 499), 3000);
    const event = gw.events.find((e): e is RequestEvent => e.type === 'request' && e.model === 'slow-model')!;
    expect(event.response?.text).toContain('tick');
  });

  it('backpressure: a client that stops reading stops the upstream (bounded buffering), and nothing is lost', async () => {
    const body = JSON.stringify({ ...chat('flood'), model: 'flood-model', stream: true });
    const url = new URL(`${gw.url}/v1/chat/completions`);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' } },
        resolve,
      );
      req.on('error', reject);
      req.end(body);
    });
    res.pause();
    await new Promise((r) => setTimeout(r, 1500));
    const total = 1024 * (64 * 1024 + 60);
    // Without backpressure the proxy would drain all 64 MiB from the upstream into its own memory.
    expect(flood.bytesWritten).toBeLessThan(total / 3);
    let received = 0;
    res.on('data', (c: Buffer) => (received += c.length));
    res.resume();
    await new Promise((r) => res.on('end', r));
    expect(flood.bytesWritten).toBeGreaterThan(total * 0.99);
    expect(received).toBeGreaterThanOrEqual(flood.bytesWritten);
  });
});

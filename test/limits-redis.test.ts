import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IdentityService } from '../src/identity/service.js';
import { openStore } from '../src/store/open.js';
import { ADMIN_TOKEN, freePort, startTestGateway, waitFor, type TestGateway } from './helpers.js';

const CLI = path.resolve('dist/src/cli/main.js');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});


async function untilHealthy(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startRedis(port: number): ChildProcess {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function redisUp(port: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write('PING\r\n');
      });
      s.on('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error('redis did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const chat = JSON.stringify({ model: 'warden-sim', messages: [{ role: 'user', content: 'hi [sim:tokens=2]' }] });
const post = (url: string, key: string) =>
  fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: chat });

describe('Redis limits are global across instances', () => {
  it('two Warden processes sharing Redis enforce one combined limit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-global-'));
    try {
      const config = path.join(dir, 'warden.yaml');
      const prefix = `warden:test:global:${process.pid}:${Date.now()}:`;
      writeFileSync(
        config,
        JSON.stringify({
          dataDir: dir,
          logging: { level: 'warn' },
          limits: { backend: 'redis', redis: { url: 'redis://127.0.0.1:6379', keyPrefix: prefix }, tiers: { free: { account: { rpm: 10 } } } },
        }),
      );
      const store = await openStore(`sqlite:${path.join(dir, 'warden.db')}`);
      const identity = new IdentityService(store);
      await identity.createAccount({ id: 'shared', tier: 'free' });
      const { secret } = await identity.createKey('shared', {});
      await store.close();

      const ports = [await freePort(), await freePort()];
      for (const port of ports) {
        const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--port', String(port)], {
          env: { ...process.env, WARDEN_ADMIN_TOKEN: ADMIN_TOKEN },
          stdio: 'ignore',
        });
        children.push(child);
      }
      const urls = ports.map((p) => `http://127.0.0.1:${p}`);
      await Promise.all(urls.map((u) => untilHealthy(`${u}/readyz`)));

      const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(urls[i % 2]!, secret).then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe('when Redis goes away', () => {
  let gw: TestGateway;
  afterAll(() => gw?.close());

  it('fail-closed tiers get 503, fail-open tiers keep working on local limits, and both recover', async () => {
    const port = await freePort();
    let redis = startRedis(port);
    await redisUp(port);
    gw = await startTestGateway({
      config: {
        limits: {
          backend: 'redis',
          redis: { url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 200 },
          tiers: { free: { account: { rpm: 1000 } }, verified: { account: { rpm: 3 } } },
        },
      },
    });
    const { identity } = gw.warden;
    await identity.createAccount({ id: 'free-1', tier: 'free' });
    await identity.createAccount({ id: 'verified-1', tier: 'verified' });
    const freeKey = (await identity.createKey('free-1', {})).secret;
    const verifiedKey = (await identity.createKey('verified-1', {})).secret;

    expect((await post(gw.url, freeKey)).status).toBe(200);
    expect((await post(gw.url, verifiedKey)).status).toBe(200);

    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));

    const closed = await post(gw.url, freeKey);
    expect(closed.status).toBe(503);
    expect(await closed.json()).toMatchObject({ error: { code: 'WARDEN_ERR_UNAVAILABLE' } });
    // The local fallback starts empty and enforces the same 3/min on its own.
    const open = [];
    for (let i = 0; i < 4; i++) open.push((await post(gw.url, verifiedKey)).status);
    expect(open).toEqual([200, 200, 200, 429]);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/warden_limiter_unavailable_total\{tier="free",mode="fail-closed"\} [1-9]/);
    expect(metrics).toMatch(/warden_limiter_unavailable_total\{tier="verified",mode="fail-open-local"\} [4-9]/);

    redis = startRedis(port);
    await redisUp(port);
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await post(gw.url, freeKey)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    // Back on Redis (empty after the restart): the verified account has its 3 again.
    expect((await post(gw.url, verifiedKey)).status).toBe(200);
  }, 30_000);
});

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, freePort, startTestGateway } from './helpers.js';

/**
 * The compiled CLI (dist/src/cli/main.js), run as a real process: never
 * through a shell, always with a timeout. Every spawn costs a Node start-up
 * (~0.6 s of CPU), so independent calls run in parallel pairs and the tests
 * themselves run one after another (more parallelism only thrashes small CI boxes).
 */

const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const KEY_LINE = /^wdn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;
const CHAT_BODY = { model: 'warden-sim', messages: [{ role: 'user', content: 'hi' }] };

/** The caller's environment minus anything that would silently retarget the CLI. */
const ENV: NodeJS.ProcessEnv = { ...process.env };
delete ENV['WARDEN_ADMIN_TOKEN'];
delete ENV['WARDEN_URL'];

let root: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.json\` first`);
  root = mkdtempSync(path.join(tmpdir(), 'warden-cli-'));
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (root) rmSync(root, { recursive: true, force: true });
});

function freshDir(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (cwd is the temp root, so a default ./data never lands in the repo). */
function cli(args: string[], timeoutMs = 15_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd: root, env: ENV, timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err === null) return resolve({ code: 0, signal: null, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals | null };
      if (typeof e.code === 'string') return reject(err); // could not start at all
      resolve({ code: e.code ?? null, signal: e.signal ?? null, stdout, stderr });
    });
  });
}

function ok(run: Run): Run {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.code, `exit ${run.code}; stderr: ${run.stderr}`).toBe(0);
  return run;
}

function json(run: Run): any {
  return JSON.parse(ok(run).stdout);
}

function failed(run: Run, code: number, errCode: string): void {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code);
  expect(run.stderr).toContain(errCode);
  expect(run.stdout).toBe('');
}


/** A long-running CLI process with its output collected. */
function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = async (timeoutMs = 10_000) => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, out, exited, stop };
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, alive?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = alive?.();
    if (dead !== undefined) throw new Error(`${what}: process exited early\n${dead}`);
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function chat(url: string, key: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(CHAT_BODY),
  });
  return { status: res.status, body: await res.json() };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Generous budget: each spawn is CPU-bound and CI boxes are often shared.
describe('warden CLI', { timeout: 60_000 }, () => {
  it('manages accounts and keys directly in the store', async () => {
    const data = freshDir('direct');
    const d = ['--data', data];

    // Also two processes migrating a fresh database at once.
    const [create, unknownAccount] = await Promise.all([
      cli(['accounts', 'create', '--id', 'a1', '--tier', 'paid', '--kyc', 'email', '--country', 'de', '--email-domain', 'example.com', ...d, '--json']),
      cli(['keys', 'create', '--account', 'nobody', ...d]),
    ]);
    expect(json(create)).toMatchObject({ id: 'a1', tier: 'paid', kyc: 'email', country: 'DE', emailDomain: 'example.com', status: 'active' });
    failed(unknownAccount, 1, 'WARDEN_ERR_NOT_FOUND');
    expect(unknownAccount.stderr).toContain('nobody');

    const [list, show, key, updated] = await Promise.all([
      cli(['accounts', 'list', '--json', ...d]),
      cli(['accounts', 'show', 'a1', ...d]),
      cli(['keys', 'create', '--account', 'a1', ...d]),
      cli(['accounts', 'update', 'a1', '--tier', 'verified', '--country', 'at', ...d, '--json']),
    ]);
    const accounts = json(list) as Array<{ id: string }>;
    expect(accounts).toEqual([expect.objectContaining({ id: 'a1', kyc: 'email', emailDomain: 'example.com' })]);
    expect(ok(show).stdout).toMatch(/^id\s+a1$/m);
    expect(show.stdout).toMatch(/^kyc\s+email$/m);
    expect(show.stdout).toMatch(/^country\s+(DE|AT)$/m); // racing the update
    expect(json(updated)).toMatchObject({ id: 'a1', tier: 'verified', kyc: 'email', country: 'AT', emailDomain: 'example.com' });

    // The secret, and only the secret, on stdout; the explanation on stderr.
    expect(ok(key).stdout.endsWith('\n')).toBe(true);
    const lines = key.stdout.split('\n').slice(0, -1);
    expect(lines).toHaveLength(1);
    const secret = lines[0] as string;
    expect(secret).toMatch(KEY_LINE);
    const keyId = secret.slice(0, 'wdn_'.length + 12);
    expect(key.stderr).toContain(keyId);
    expect(key.stderr).not.toContain(secret);

    const rotated = json(await cli(['keys', 'rotate', keyId, '--overlap', '0', ...d, '--json']));
    expect(rotated.secret).toMatch(KEY_LINE);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.key).toMatchObject({ accountId: 'a1', rotatedFrom: keyId, status: 'active' });
    expect(rotated.previous).toMatchObject({ id: keyId, status: 'expired' });
    const newId = rotated.key.id as string;
    expect(rotated.secret.startsWith(`${newId}_`)).toBe(true);

    const [revoked, keyList] = await Promise.all([
      cli(['keys', 'revoke', newId, ...d]),
      cli(['keys', 'list', '--account', 'a1', '--json', ...d]),
    ]);
    expect(ok(revoked).stdout).toMatch(new RegExp(`^id\\s+${newId}$`, 'm'));
    expect(revoked.stdout).toMatch(/^status\s+revoked$/m);
    expect(revoked.stdout).toMatch(new RegExp(`^rotatedFrom\\s+${keyId}$`, 'm'));

    const keys = json(keyList) as Array<{ id: string; status: string }>;
    expect(keys.map((k) => k.id).sort()).toEqual([keyId, newId].sort());
    expect(keys.find((k) => k.id === keyId)).toMatchObject({ accountId: 'a1', status: 'expired' });
    for (const s of [secret, rotated.secret as string]) {
      expect(keyList.stdout).not.toContain(s.slice('wdn_'.length + 13));
      expect(keyList.stdout).not.toContain(sha256(s));
    }
    expect(keyList.stdout).not.toMatch(/"(secret|hash)"/);
  });

  it('acts through a running server with --url and --admin-token', async () => {
    const gw = await startTestGateway();
    try {
      const remote = ['--url', gw.url, '--admin-token', ADMIN_TOKEN];
      const [created, wrongToken] = await Promise.all([
        cli(['accounts', 'create', '--id', 'cli-url', '--tier', 'paid', '--country', 'fr', ...remote, '--json']),
        cli(['accounts', 'list', '--url', gw.url, '--admin-token', 'wadm_not-the-admin-token-0123456789', '--json']),
      ]);
      expect(json(created)).toMatchObject({ id: 'cli-url', tier: 'paid', country: 'FR' });
      failed(wrongToken, 1, 'WARDEN_ERR_ADMIN_UNAUTHORIZED');

      const key = ok(await cli(['keys', 'create', '--account', 'cli-url', ...remote]));
      const secret = key.stdout.trim();
      expect(key.stdout).toBe(`${secret}\n`);
      expect(secret).toMatch(KEY_LINE);
      // The server really holds the account and key.
      expect((await gw.warden.identity.getAccount('cli-url')).country).toBe('FR');

      const res = await chat(gw.url, secret);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.choices[0].message.content).toMatch(/^\[simulated\]/);
      expect(gw.logs.text).not.toContain(secret.slice('wdn_'.length + 13));
    } finally {
      await gw.close();
    }
  });

  it.concurrent('refuses to serve with an invalid config, naming the field', async () => {
    const dir = freshDir('bad-config');
    const badPort = path.join(dir, 'bad-port.yaml');
    writeFileSync(badPort, 'server:\n  port: "abc"\n');
    const badRoute = path.join(dir, 'bad-route.yaml');
    writeFileSync(
      badRoute,
      [
        'server:',
        '  port: 0',
        'upstreams:',
        '  real:',
        '    api: openai',
        '    baseUrl: http://127.0.0.1:9',
        'models:',
        '  - name: gpt-4o',
        '    upstream: nowhere',
      ].join('\n'),
    );
    const badYaml = path.join(dir, 'bad-yaml.yaml');
    writeFileSync(badYaml, 'server:\n  port: [8080, \n  host: "x\n');

    // A server that started anyway would be killed by the timeout and show up as a signal.
    const serve = (file: string) => cli(['serve', '--config', file, '--data', dir], 15_000);
    const [port, route, yaml] = await Promise.all([serve(badPort), serve(badRoute), serve(badYaml)]);
    for (const run of [port, route, yaml]) {
      expect(run.signal, `killed (did not exit by itself): ${run.stderr}`).toBeNull();
      expect(run.code).not.toBe(0);
      expect(run.code).not.toBeNull();
      expect(run.stderr).toContain('WARDEN_ERR_CONFIG');
      // A clear message, not a stack trace.
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    expect(port.stderr).toContain('server.port');
    expect(port.stderr).toContain(badPort);
    expect(route.stderr).toContain('models.0.upstream');
    expect(route.stderr).toContain('nowhere');
    expect(yaml.stderr).toContain(badYaml);
    expect(yaml.stderr).toMatch(/not valid YAML/i);
    // Nothing was started: no admin token was generated for a server that never ran.
    expect(existsSync(path.join(dir, 'admin-token'))).toBe(false);
  });

  it.concurrent('runs the simulated upstream on its own', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sim = start(['upstream-sim', '--port', String(port)]);
    let exit: Awaited<ReturnType<typeof sim.stop>> | undefined;
    try {
      await waitUntil('upstream-sim URL on stdout', () => sim.out.stdout.includes(url), 15_000, () =>
        sim.child.exitCode !== null ? sim.out.stderr : undefined,
      );
      expect(sim.out.stdout).toMatch(/SIMULATED/);
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', simulated: true });
    } finally {
      // Stop in any case; assert afterwards so a failure above is not masked.
      exit = await sim.stop();
    }
    expect(exit, `stderr: ${sim.out.stderr}`).toEqual({ code: 0, signal: null });
  });

  it('serves with the built-in simulator, takes keys made by the CLI meanwhile, and stops on SIGTERM', async () => {
    const data = freshDir('serve');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = start(['serve', '--port', String(port), '--data', data]);
    let exit: Awaited<ReturnType<typeof server.stop>> | undefined;
    try {
      // The CLI works on the same data dir while the server starts and runs.
      ok(await cli(['accounts', 'create', '--id', 'srv', '--data', data]));
      await waitUntil('GET /healthz', async () => (await fetch(`${url}/healthz`)).status === 200, 15_000, () =>
        server.child.exitCode !== null ? server.out.stderr : undefined,
      );
      const key = ok(await cli(['keys', 'create', '--account', 'srv', '--data', data]));
      const secret = key.stdout.trim();
      expect(secret).toMatch(KEY_LINE);

      const res = await chat(url, secret);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.choices[0].message.content).toMatch(/^\[simulated\]/);
      expect(server.out.stderr).toContain(`Warden is listening on ${url}`);
    } finally {
      exit = await server.stop();
    }
    expect(exit, `stdout: ${server.out.stdout}\nstderr: ${server.out.stderr}`).toEqual({ code: 0, signal: null });
    // It really stopped listening.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    // The generated admin token is never printed...
    const tokenFile = path.join(data, 'admin-token');
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token).toMatch(/^wadm_/);
    expect(server.out.stdout + server.out.stderr).not.toContain(token);
    // ...but the operator is told where to find it. (Last on purpose: currently
    // fails because the logger redacts every `adminToken` field, see report.)
    const listening = server.out.stdout.split('\n').find((l) => l.includes('"warden listening"')) ?? '';
    expect(listening, 'startup log line').toContain(tokenFile);
  });
});

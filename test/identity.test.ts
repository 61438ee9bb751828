import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../src/errors.js';
import { Authenticator } from '../src/identity/authenticator.js';
import type { CreatedKey, KeyView } from '../src/identity/service.js';
import { IdentityService } from '../src/identity/service.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { startTestGateway, type TestGateway } from './helpers.js';

/**
 * Identity on the request path, end to end: a real gateway, real HTTP, keys
 * managed through the admin API (and, once, through a second process-like
 * store instance on the same SQLite file).
 */

const CHAT_BODY = { model: 'warden-sim', messages: [{ role: 'user', content: 'hi' }] };
const MESSAGES_BODY = { model: 'warden-sim', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
const KEY_SHAPE = /^wdn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

type Surface = 'chat' | 'messages';
type Via = 'bearer' | 'x-api-key' | 'none';

let gw: TestGateway;
let n = 0;
/** Every secret issued in this file, to check the logs never carry one. */
const issued: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway({ config: { auth: { lastUsedFlushMs: 100 } } });
});

afterAll(async () => {
  await gw?.close();
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function call(surface: Surface, key: string | undefined, via: Via = 'bearer'): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined && via === 'bearer') headers['authorization'] = `Bearer ${key}`;
  if (key !== undefined && via === 'x-api-key') headers['x-api-key'] = key;
  if (surface === 'messages') headers['anthropic-version'] = '2023-06-01';
  const res = await fetch(`${gw.url}/v1/${surface === 'chat' ? 'chat/completions' : 'messages'}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(surface === 'chat' ? CHAT_BODY : MESSAGES_BODY),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

async function admin(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gw.url}/admin${urlPath}`, {
    method,
    headers: gw.adminHeaders,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** A fresh account with one key, made through the admin API. */
async function freshKey(keyInput: Record<string, unknown> = {}): Promise<{ accountId: string; created: CreatedKey }> {
  const accountId = `acct-id-${process.pid}-${n++}`;
  const acct = await admin('POST', '/accounts', { id: accountId, tier: 'paid' });
  expect(acct.status).toBe(201);
  const key = await admin('POST', `/accounts/${accountId}/keys`, keyInput);
  expect(key.status).toBe(201);
  expect(key.body.secret).toMatch(KEY_SHAPE);
  issued.push(key.body.secret as string);
  return { accountId, created: key.body as CreatedKey };
}

function expectOk(res: { status: number; body: any }, surface: Surface = 'chat'): void {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  if (surface === 'chat') {
    expect(res.body.object).toBe('chat.completion');
    expect(res.body.choices[0].message.content).toMatch(/^\[simulated\]/);
  } else {
    expect(res.body.type).toBe('message');
    expect(res.body.content[0].text).toMatch(/^\[simulated\]/);
  }
}

/** Asserts the error in the shape the surface's clients parse, with the stable code. */
function expectError(res: { status: number; body: any }, surface: Surface, status: number, code: ErrorCode): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (surface === 'chat') {
    expect(res.body).toEqual({
      error: {
        message: expect.any(String),
        type: status === 403 ? 'permission_error' : 'invalid_request_error',
        param: null,
        code,
      },
    });
    expect(res.body.error.message.length).toBeGreaterThan(0);
  } else {
    expect(res.body).toMatchObject({
      type: 'error',
      error: { type: status === 403 ? 'permission_error' : 'authentication_error', message: expect.any(String) },
    });
    expect(res.body.error.message.length).toBeGreaterThan(0);
    // Warden adds its stable code next to Anthropic's fields.
    expect(res.body.error.code).toBe(code);
  }
}

describe('identity: presenting a key', () => {
  it('accepts a valid key as Bearer and as x-api-key on both APIs', async () => {
    expectOk(await call('chat', gw.key, 'bearer'));
    expectOk(await call('chat', gw.key, 'x-api-key'));
    expectOk(await call('messages', gw.key, 'x-api-key'), 'messages');
    expectOk(await call('messages', gw.key, 'bearer'), 'messages');
  });

  it('rejects a missing key with 401 WARDEN_ERR_MISSING_KEY', async () => {
    expectError(await call('chat', undefined, 'none'), 'chat', 401, 'WARDEN_ERR_MISSING_KEY');
    expectError(await call('messages', undefined, 'none'), 'messages', 401, 'WARDEN_ERR_MISSING_KEY');
    // An empty Bearer is still a missing key, not a crash.
    expectError(await call('chat', '', 'bearer'), 'chat', 401, 'WARDEN_ERR_MISSING_KEY');
  });

  it('rejects a malformed key with 401 WARDEN_ERR_INVALID_KEY', async () => {
    for (const bad of ['not-a-key', `${gw.key}x`, gw.key.slice(0, -1), gw.key.replace(/^wdn_/, 'sk-')]) {
      expectError(await call('chat', bad, 'bearer'), 'chat', 401, 'WARDEN_ERR_INVALID_KEY');
      expectError(await call('messages', bad, 'x-api-key'), 'messages', 401, 'WARDEN_ERR_INVALID_KEY');
    }
  });

  it('rejects a well-formed but unknown key with 401 WARDEN_ERR_INVALID_KEY', async () => {
    const unknownId = `wdn_${'0'.repeat(12)}_${'A'.repeat(43)}`;
    expect(unknownId).toMatch(KEY_SHAPE);
    // Right id, wrong secret part: must not authenticate either.
    const knownIdWrongSecret = `${gw.key.slice(0, 'wdn_'.length + 12)}_${'B'.repeat(43)}`;
    expect(knownIdWrongSecret).toMatch(KEY_SHAPE);
    for (const bad of [unknownId, knownIdWrongSecret]) {
      expectError(await call('chat', bad, 'bearer'), 'chat', 401, 'WARDEN_ERR_INVALID_KEY');
      expectError(await call('chat', bad, 'x-api-key'), 'chat', 401, 'WARDEN_ERR_INVALID_KEY');
      expectError(await call('messages', bad, 'x-api-key'), 'messages', 401, 'WARDEN_ERR_INVALID_KEY');
    }
    // The real key still works afterwards.
    expectOk(await call('chat', gw.key));
  });
});

describe('identity: key lifecycle takes effect at once', () => {
  it('revoking through the admin API rejects the very next request', async () => {
    const { created } = await freshKey();
    expectOk(await call('chat', created.secret)); // now cached
    const revoked = await admin('POST', `/keys/${created.key.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.key.id, status: 'revoked', revokedAt: expect.any(String) });
    expectError(await call('chat', created.secret), 'chat', 401, 'WARDEN_ERR_KEY_REVOKED');
    expectError(await call('messages', created.secret, 'x-api-key'), 'messages', 401, 'WARDEN_ERR_KEY_REVOKED');
  });

  it('rotation with an overlap keeps both keys working', async () => {
    const { created } = await freshKey({ name: 'ci' });
    expectOk(await call('chat', created.secret));
    const before = Date.now();
    const rotated = await admin('POST', `/keys/${created.key.id}/rotate`, { overlapSeconds: 60 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(KEY_SHAPE);
    expect(rotated.body.secret).not.toBe(created.secret);
    expect(rotated.body.key).toMatchObject({ rotatedFrom: created.key.id, name: 'ci', accountId: created.key.accountId });
    expect(rotated.body.previous).toMatchObject({ id: created.key.id, status: 'expiring' });
    const oldExpiry = Date.parse(rotated.body.previous.expiresAt as string);
    expect(oldExpiry).toBeGreaterThanOrEqual(before + 59_000);
    expect(oldExpiry).toBeLessThanOrEqual(Date.now() + 61_000);
    expectOk(await call('chat', created.secret));
    expectOk(await call('chat', rotated.body.secret as string));
    issued.push(rotated.body.secret as string);
  });

  it('rotation with overlap 0 expires the old key at once', async () => {
    const { created } = await freshKey();
    expectOk(await call('chat', created.secret)); // cached
    const rotated = await admin('POST', `/keys/${created.key.id}/rotate`, { overlapSeconds: 0 });
    expect(rotated.status).toBe(201);
    expectError(await call('chat', created.secret), 'chat', 401, 'WARDEN_ERR_KEY_EXPIRED');
    expectOk(await call('chat', rotated.body.secret as string));
    const old = await admin('GET', `/keys/${created.key.id}`);
    expect(old.body.status).toBe('expired');
  });

  it('refuses to rotate a revoked key with 409 WARDEN_ERR_CONFLICT', async () => {
    const { accountId, created } = await freshKey();
    expect((await admin('POST', `/keys/${created.key.id}/revoke`, {})).status).toBe(200);
    const res = await admin('POST', `/keys/${created.key.id}/rotate`, { overlapSeconds: 60 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WARDEN_ERR_CONFLICT');
    // No replacement key was issued.
    const keys = await admin('GET', `/accounts/${accountId}/keys`);
    expect(keys.body.data).toHaveLength(1);
    expectError(await call('chat', created.secret), 'chat', 401, 'WARDEN_ERR_KEY_REVOKED');
  });

  it('a key with expiresInSeconds stops working when it expires, even while cached', async () => {
    const { created } = await freshKey({ expiresInSeconds: 1 });
    expect(created.key.status).toBe('expiring');
    expectOk(await call('chat', created.secret)); // cached (cache TTL is far longer than 1 s)
    const expiresAt = Date.parse(created.key.expiresAt as string);
    await sleep(Math.max(0, expiresAt - Date.now()) + 100);
    expectError(await call('chat', created.secret), 'chat', 401, 'WARDEN_ERR_KEY_EXPIRED');
    expectError(await call('messages', created.secret, 'x-api-key'), 'messages', 401, 'WARDEN_ERR_KEY_EXPIRED');
  });

  it('suspending the account rejects its keys at once with 403; reactivating restores them', async () => {
    const { accountId, created } = await freshKey();
    expectOk(await call('chat', created.secret)); // cached
    const suspended = await admin('PATCH', `/accounts/${accountId}`, { status: 'suspended' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expectError(await call('chat', created.secret), 'chat', 403, 'WARDEN_ERR_ACCOUNT_SUSPENDED');
    expectError(await call('messages', created.secret, 'x-api-key'), 'messages', 403, 'WARDEN_ERR_ACCOUNT_SUSPENDED');
    // Other accounts are unaffected.
    expectOk(await call('chat', gw.key));
    const active = await admin('PATCH', `/accounts/${accountId}`, { status: 'active' });
    expect(active.status).toBe(200);
    expectOk(await call('chat', created.secret));
  });

  it('a revocation made by another process reaches the server within ~2 s', async () => {
    const { created } = await freshKey();
    expectOk(await call('chat', created.secret)); // cached by the server
    const other = await openStore(`sqlite:${path.join(gw.dataDir, 'warden.db')}`);
    try {
      // Not through the server: its in-process invalidation never fires.
      await new IdentityService(other).revokeKey(created.key.id);
    } finally {
      await other.close();
    }
    const deadline = Date.now() + 2_000;
    let last = await call('chat', created.secret);
    while (last.status === 200 && Date.now() < deadline) {
      await sleep(50);
      last = await call('chat', created.secret);
    }
    expectError(last, 'chat', 401, 'WARDEN_ERR_KEY_REVOKED');
  });
});

describe('identity: what is stored', () => {
  it('never stores the secret; the hash is its sha256 hex', async () => {
    const { created } = await freshKey({ name: 'stored' });
    expectOk(await call('chat', created.secret));
    const file = path.join(gw.dataDir, 'warden.db');
    const secretPart = created.secret.slice(created.key.id.length + 1);
    expect(secretPart).toHaveLength(43);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT * FROM api_keys WHERE id = ?').get(created.key.id) as Record<string, unknown> | undefined;
      expect(row).toBeDefined();
      for (const [column, value] of Object.entries(row ?? {})) {
        const text = String(value);
        expect(text, column).not.toBe(created.secret);
        expect(text.includes(created.secret), column).toBe(false);
        expect(text.includes(secretPart), column).toBe(false);
      }
      expect(row?.['hash']).toBe(createHash('sha256').update(created.secret).digest('hex'));
      // Nowhere else in the database either.
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      expect(tables).toContain('api_keys');
      for (const table of tables) {
        const rows = db.prepare(`SELECT * FROM "${table}"`).all();
        expect(JSON.stringify(rows).includes(secretPart), table).toBe(false);
      }
    } finally {
      db.close();
    }
    // Nor in the raw database files (including the WAL).
    for (const f of [file, `${file}-wal`]) {
      if (existsSync(f)) expect(readFileSync(f).includes(secretPart), f).toBe(false);
    }
  });

  it('records when a key was last used', async () => {
    const { created } = await freshKey();
    const initial = await admin('GET', `/keys/${created.key.id}`);
    expect(initial.body.lastUsedAt).toBeNull();
    const before = Date.now();
    expectOk(await call('chat', created.secret));
    const after = Date.now();
    const deadline = Date.now() + 3_000;
    let view: KeyView = initial.body as KeyView;
    while (view.lastUsedAt === null && Date.now() < deadline) {
      await sleep(50);
      view = (await admin('GET', `/keys/${created.key.id}`)).body as KeyView;
    }
    expect(view.lastUsedAt).not.toBeNull();
    const at = Date.parse(view.lastUsedAt as string);
    expect(at).toBeGreaterThanOrEqual(before - 5);
    expect(at).toBeLessThanOrEqual(after + 5);
    // And it is visible in the listing too.
    const list = await admin('GET', `/accounts/${created.key.accountId}/keys`);
    expect(list.body.data[0].lastUsedAt).toBe(view.lastUsedAt);
  });
});

describe('identity: logs', () => {
  // Runs after the tests above, which sent valid, revoked, expired and mangled keys.
  it('never writes a key secret to the logs, though it logs the rejections', async () => {
    expect(issued.length).toBeGreaterThan(5);
    const text = gw.logs.text;
    expect(text).toContain('WARDEN_ERR_KEY_REVOKED');
    expect(text).toContain('WARDEN_ERR_INVALID_KEY');
    for (const secret of [gw.key, ...issued]) {
      expect(text.includes(secret.slice('wdn_'.length + 13)), secret.slice(0, 16)).toBe(false);
    }
  });
});

describe('identity: authenticator cache consistency', () => {
  // Below the HTTP layer on purpose: the interleaving needs a store read that is
  // slow to come back (a Postgres round trip), which HTTP cannot pin down.
  it('does not cache a key record that was read before a revocation landed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-auth-race-'));
    const store = await openStore(`sqlite:${path.join(dir, 'warden.db')}`);
    let hold: Promise<void> | undefined;
    let release: () => void = () => undefined;
    let reads = 0;
    // getKey reads at once but answers only when released, like a query whose reply is still on the wire.
    const slow = new Proxy(store, {
      get(target, prop) {
        if (prop === 'getKey') {
          return async (id: string) => {
            const row = await target.getKey(id);
            reads++;
            if (hold) await hold;
            return row;
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const identity = new IdentityService(store);
    const auth = new Authenticator(slow, identity, { ttlMs: 60_000, maxEntries: 100, lastUsedFlushMs: 60_000 });
    try {
      await identity.createAccount({ id: 'acct-race' });
      const { key, secret } = await identity.createKey('acct-race');
      hold = new Promise<void>((r) => (release = r));
      const inFlight = auth.authenticate(secret).then(
        () => 'ok',
        () => 'rejected',
      );
      while (reads === 0) await sleep(1);
      await identity.revokeKey(key.id); // commits, then invalidates this process's cache
      hold = undefined;
      release();
      await inFlight; // the request already in flight may go either way
      await expect(auth.authenticate(secret)).rejects.toMatchObject({ code: 'WARDEN_ERR_KEY_REVOKED' });
    } finally {
      release();
      await auth.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../src/errors.js';
import { ADMIN_TOKEN, PG_URL, startTestGateway, type TestGateway } from './helpers.js';

/**
 * The admin API over real HTTP, on both storage backends.
 * The Postgres run uses its own schema of the test database (`?schema=` in
 * the storage URL) and drops it afterwards.
 */

const KEY_SHAPE = /^wdn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;
const CHAT_BODY = { model: 'warden-sim', messages: [{ role: 'user', content: 'hi' }] };

interface Backend {
  name: string;
  /** Extra gateway config (storage) and a cleanup for what it created. */
  setup(): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }>;
}

async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const BACKENDS: Backend[] = [
  { name: 'sqlite', setup: async () => ({ config: {}, cleanup: async () => undefined }) },
  {
    name: 'postgres',
    setup: async () => {
      const schema = `warden_admin_test_${process.pid}_${Date.now()}`;
      const url = new URL(PG_URL);
      url.searchParams.set('schema', schema);
      return {
        config: { storage: url.toString() },
        cleanup: () => withPgClient(PG_URL, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
      };
    },
  },
];

describe.each(BACKENDS)('admin API ($name)', (backend) => {
  let gw: TestGateway;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const { config, cleanup: c } = await backend.setup();
    cleanup = c;
    gw = await startTestGateway({ config });
    expect(gw.warden.store.kind).toBe(backend.name);
  });

  afterAll(async () => {
    await gw?.close();
    await cleanup?.();
  });

  async function admin(method: string, path: string, body?: unknown, headers: Record<string, string> = gw.adminHeaders) {
    const res = await fetch(`${gw.url}/admin${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as any };
  }

  function expectError(res: { status: number; body: any }, status: number, code: ErrorCode, mentions?: string): void {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    if (mentions !== undefined) expect(res.body.error.message).toContain(mentions);
  }

  describe('authentication', () => {
    it('rejects a missing, wrong or API-key admin token with 401 WARDEN_ERR_ADMIN_UNAUTHORIZED', async () => {
      const cases: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer wadm_wrong-token-0123456789abcdefghij' },
        { authorization: `Bearer ${ADMIN_TOKEN}x` },
        { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
        { authorization: `Bearer ${gw.key}` },
        // The admin API does not take the token as x-api-key.
        { 'x-api-key': ADMIN_TOKEN },
      ];
      for (const headers of cases) {
        for (const [method, path, body] of [
          ['GET', '/accounts', undefined],
          ['POST', '/accounts', { id: 'should-not-exist' }],
          ['GET', '/keys/wdn_000000000000', undefined],
        ] as const) {
          const res = await admin(method, path, body, { 'content-type': 'application/json', ...headers });
          expectError(res, 401, 'WARDEN_ERR_ADMIN_UNAUTHORIZED');
        }
      }
      // Nothing was created by the rejected requests.
      expectError(await admin('GET', '/accounts/should-not-exist'), 404, 'WARDEN_ERR_NOT_FOUND');
    });

    it('does not accept the admin token as an API key', async () => {
      const variants: Array<Record<string, string>> = [{ authorization: `Bearer ${ADMIN_TOKEN}` }, { 'x-api-key': ADMIN_TOKEN }];
      for (const headers of variants) {
        const res = await fetch(`${gw.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(CHAT_BODY),
        });
        expect(res.status).toBe(401);
        const body = (await res.json()) as any;
        expect(body.error.code).toBe('WARDEN_ERR_INVALID_KEY');
      }
    });
  });

  describe('orgs', () => {
    it('creates, gets and lists orgs', async () => {
      const created = await admin('POST', '/orgs', { id: 'org-acme', name: 'Acme', tier: 'enterprise' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: 'org-acme', name: 'Acme', tier: 'enterprise', createdAt: expect.any(String) });
      expect(Math.abs(Date.parse(created.body.createdAt as string) - Date.now())).toBeLessThan(60_000);

      const generated = await admin('POST', '/orgs', { name: 'No id' });
      expect(generated.status).toBe(201);
      expect(generated.body.id).toMatch(/^org_[0-9a-f]{16}$/);
      expect(generated.body.tier).toBeNull();

      const got = await admin('GET', '/orgs/org-acme');
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);

      const list = await admin('GET', '/orgs');
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual(expect.arrayContaining([created.body, generated.body]));

      expectError(await admin('POST', '/orgs', { id: 'org-acme', name: 'Again' }), 409, 'WARDEN_ERR_CONFLICT');
      expectError(await admin('GET', '/orgs/org-missing'), 404, 'WARDEN_ERR_NOT_FOUND');
      expectError(await admin('POST', '/orgs', { id: 'org-x' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'name');
    });
  });

  describe('accounts', () => {
    const full = {
      id: 'acct-full',
      name: 'Full Account',
      org: 'org-accts',
      tier: 'verified',
      kyc: 'document',
      country: 'de',
      emailDomain: 'example.org',
      paymentFingerprint: 'fp_0123456789',
      signupIp: '203.0.113.7',
    };

    beforeAll(async () => {
      const org = await admin('POST', '/orgs', { id: 'org-accts', name: 'Accounts Org' });
      expect(org.status).toBe(201);
    });

    it('creates an account with every field and normalises the country', async () => {
      const res = await admin('POST', '/accounts', full);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...full,
        country: 'DE',
        status: 'active',
        outputMode: 'normal',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.body.updatedAt).toBe(res.body.createdAt);
      const got = await admin('GET', '/accounts/acct-full');
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('applies defaults to a minimal account', async () => {
      const res = await admin('POST', '/accounts', {});
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ org: null, tier: 'free', kyc: 'none', country: null, status: 'active' });
      expect(res.body.id).toMatch(/^acct_[0-9a-f]{16}$/);
      expect(res.body.name).toBe(res.body.id);
    });

    it('lists accounts filtered by org and tier, with limit and after', async () => {
      const ids = ['acct-l3', 'acct-l1', 'acct-l4', 'acct-l2'];
      const tiers = ['paid', 'free', 'paid', 'paid'];
      for (const [i, id] of ids.entries()) {
        const r = await admin('POST', '/accounts', { id, org: 'org-accts', tier: tiers[i] });
        expect(r.status).toBe(201);
      }
      const list = async (qs: string) => {
        const r = await admin('GET', `/accounts${qs}`);
        expect(r.status, r.text).toBe(200);
        return (r.body.data as Array<{ id: string }>).map((a) => a.id);
      };
      expect(await list('?org=org-accts')).toEqual(['acct-full', 'acct-l1', 'acct-l2', 'acct-l3', 'acct-l4']);
      expect(await list('?org=org-accts&tier=paid')).toEqual(['acct-l2', 'acct-l3', 'acct-l4']);
      expect(await list('?org=org-accts&limit=2')).toEqual(['acct-full', 'acct-l1']);
      expect(await list('?org=org-accts&limit=2&after=acct-l1')).toEqual(['acct-l2', 'acct-l3']);
      expect(await list('?org=org-accts&tier=paid&after=acct-l3')).toEqual(['acct-l4']);
      expect(await list('?org=org-nobody')).toEqual([]);
      const all = await list('');
      expect(all).toEqual(expect.arrayContaining(['acct-test', 'acct-full', 'acct-l1']));
      expect(all).toEqual([...all].sort());
      const full = (await admin('GET', '/accounts?org=org-accts&limit=1')).body.data[0];
      expect(full).toMatchObject({ id: 'acct-full', country: 'DE', emailDomain: 'example.org' });

      expectError(await admin('GET', '/accounts?tier=gold'), 400, 'WARDEN_ERR_INVALID_REQUEST', 'tier');
      expectError(await admin('GET', '/accounts?limit=0'), 400, 'WARDEN_ERR_INVALID_REQUEST', 'limit');
      expectError(await admin('GET', '/accounts?limit=abc'), 400, 'WARDEN_ERR_INVALID_REQUEST', 'limit');
    });

    it('updates an account with PATCH, keeping other fields', async () => {
      await admin('POST', '/accounts', { id: 'acct-patch', tier: 'free', country: 'nl', emailDomain: 'a.example' });
      const before = await admin('GET', '/accounts/acct-patch');
      const res = await admin('PATCH', '/accounts/acct-patch', { tier: 'enterprise', country: 'sg', org: 'org-accts' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...before.body,
        tier: 'enterprise',
        country: 'SG',
        org: 'org-accts',
        updatedAt: expect.any(String),
      });
      expect(Date.parse(res.body.updatedAt as string)).toBeGreaterThanOrEqual(Date.parse(before.body.updatedAt as string));
      // Explicit null clears a field.
      const cleared = await admin('PATCH', '/accounts/acct-patch', { emailDomain: null, org: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ emailDomain: null, org: null, tier: 'enterprise', country: 'SG' });
      expect((await admin('GET', '/accounts/acct-patch')).body).toEqual(cleared.body);

      expectError(await admin('PATCH', '/accounts/acct-patch', {}), 400, 'WARDEN_ERR_INVALID_REQUEST');
      expectError(await admin('PATCH', '/accounts/acct-patch', { tier: 'gold' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'tier');
      expectError(await admin('PATCH', '/accounts/acct-patch', { id: 'renamed' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'id');
      expectError(await admin('PATCH', '/accounts/acct-patch', { org: 'org-ghost' }), 404, 'WARDEN_ERR_NOT_FOUND', 'org-ghost');
      expectError(await admin('PATCH', '/accounts/acct-ghost', { tier: 'paid' }), 404, 'WARDEN_ERR_NOT_FOUND', 'acct-ghost');
    });

    it('rejects duplicates, unknown orgs and invalid input', async () => {
      expectError(await admin('POST', '/accounts', { id: 'acct-full' }), 409, 'WARDEN_ERR_CONFLICT', 'acct-full');
      expectError(await admin('POST', '/accounts', { id: 'acct-orphan', org: 'org-ghost' }), 404, 'WARDEN_ERR_NOT_FOUND', 'org-ghost');
      expectError(await admin('POST', '/accounts', { id: 'acct-bad', tier: 'gold' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'tier');
      expectError(await admin('POST', '/accounts', { id: 'acct-bad', kyc: 'passport' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'kyc');
      expectError(await admin('POST', '/accounts', { id: 'acct-bad', country: 'DEU' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'country');
      expectError(await admin('POST', '/accounts', { id: 'acct-bad', country: '1x' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'country');
      expectError(await admin('POST', '/accounts', { id: 'acct-bad', signupIp: 'not-an-ip' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'signupIp');
      expectError(await admin('POST', '/accounts', { id: 'acct-bad', bogusField: 1 }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'bogusField');
      expectError(await admin('POST', '/accounts', { id: 'bad id with spaces' }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'id');
      expectError(await admin('POST', '/accounts', '{"id": "acct-bad",'), 400, 'WARDEN_ERR_INVALID_JSON');
      expectError(await admin('PATCH', '/accounts/acct-full', 'not json'), 400, 'WARDEN_ERR_INVALID_JSON');
      expectError(await admin('GET', '/accounts/acct-bad'), 404, 'WARDEN_ERR_NOT_FOUND', 'acct-bad');
      expectError(await admin('GET', '/accounts/acct-orphan'), 404, 'WARDEN_ERR_NOT_FOUND');
      expectError(await admin('GET', '/accounts/acct-nope/keys'), 404, 'WARDEN_ERR_NOT_FOUND');
      expectError(await admin('POST', '/accounts/acct-nope/keys', {}), 404, 'WARDEN_ERR_NOT_FOUND');
    });
  });

  describe('keys', () => {
    it('shows the secret once and never the secret or hash afterwards', async () => {
      expect((await admin('POST', '/accounts', { id: 'acct-keys' })).status).toBe(201);
      const created = await admin('POST', '/accounts/acct-keys/keys', { name: 'laptop', expiresInSeconds: 3600 });
      expect(created.status).toBe(201);
      const secret = created.body.secret as string;
      expect(secret).toMatch(KEY_SHAPE);
      expect(secret.startsWith(`${created.body.key.id}_`)).toBe(true);
      expect(created.body.key).toEqual({
        id: expect.stringMatching(/^wdn_[0-9a-f]{12}$/),
        accountId: 'acct-keys',
        name: 'laptop',
        status: 'expiring',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        revokedAt: null,
        lastUsedAt: null,
        rotatedFrom: null,
      });
      const keyId = created.body.key.id as string;
      const secretPart = secret.slice(keyId.length + 1);
      const hash = (await gw.warden.store.getKey(keyId))?.hash;
      expect(hash).toMatch(/^[0-9a-f]{64}$/);

      // The key works.
      const ok = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(CHAT_BODY),
      });
      expect(ok.status).toBe(200);

      const rotated = await admin('POST', `/keys/${keyId}/rotate`, { overlapSeconds: 30 });
      expect(rotated.status).toBe(201);
      expect(rotated.body.secret).toMatch(KEY_SHAPE);
      expect(JSON.stringify(rotated.body.previous)).not.toContain(secretPart);
      const revoked = await admin('POST', `/keys/${rotated.body.key.id}/revoke`, {});
      expect(revoked.status).toBe(200);
      const rotatedPart = (rotated.body.secret as string).slice((rotated.body.key.id as string).length + 1);

      const reads = [
        await admin('GET', '/accounts/acct-keys/keys'),
        await admin('GET', `/keys/${keyId}`),
        await admin('GET', `/keys/${rotated.body.key.id}`),
        revoked,
      ];
      for (const r of reads) {
        expect(r.status).toBe(200);
        expect(r.text).not.toContain(secretPart);
        expect(r.text).not.toContain(rotatedPart);
        expect(r.text).not.toContain(hash);
        expect(r.text).not.toMatch(/"secret"/);
        expect(r.text).not.toMatch(/"hash"/);
      }
      const list = reads[0]?.body.data as Array<{ id: string; status: string }>;
      expect(list.map((k) => [k.id, k.status])).toEqual(
        expect.arrayContaining([
          [keyId, 'expiring'],
          [rotated.body.key.id, 'revoked'],
        ]),
      );
      expect(list).toHaveLength(2);

      expectError(await admin('GET', '/keys/wdn_000000000000'), 404, 'WARDEN_ERR_NOT_FOUND');
      expectError(await admin('POST', '/keys/wdn_000000000000/revoke', {}), 404, 'WARDEN_ERR_NOT_FOUND');
      expectError(await admin('POST', '/keys/wdn_000000000000/rotate', {}), 404, 'WARDEN_ERR_NOT_FOUND');
      expectError(await admin('POST', '/accounts/acct-keys/keys', { expiresInSeconds: -1 }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'expiresInSeconds');
      expectError(await admin('POST', `/keys/${keyId}/rotate`, { overlapSeconds: -5 }), 400, 'WARDEN_ERR_INVALID_REQUEST', 'overlapSeconds');

      // Neither the secrets nor the admin token ever reach the logs (which did record the admin actions).
      const logs = gw.logs.text;
      expect(logs).toContain('key.create');
      expect(logs).toContain(keyId);
      expect(logs).not.toContain(secretPart);
      expect(logs).not.toContain(rotatedPart);
      expect(logs).not.toContain(hash);
      expect(logs).not.toContain(ADMIN_TOKEN);
      expect(logs).not.toContain(gw.key.slice('wdn_'.length + 12 + 1));
    });
  });
});

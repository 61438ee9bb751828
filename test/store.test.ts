import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardenError, type ErrorCode } from '../src/errors.js';
import type { Account, ApiKey, NewAccount } from '../src/identity/types.js';
import { LATEST_VERSION } from '../src/store/migrations.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

/**
 * Same behavioural suite for every backend. Postgres is not optional: when it
 * is unreachable, opening the store in beforeAll throws and the suite fails.
 */
const PG_URL = process.env.WARDEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  name: string;
  /** Opens (and migrates) another store instance on the same database. */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'warden-store-'));
  // Nested so the store has to create the parent directory itself.
  const file = join(dir, 'nested', 'warden.db');
  let n = 0;
  return {
    name: 'sqlite',
    // Alternate both accepted spellings of a SQLite location.
    open: () => openStore(n++ % 2 === 0 ? `sqlite:${file}` : file),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresBackend(): Backend {
  const schema = `warden_test_${process.pid}_${Date.now()}`;
  return {
    name: 'postgres',
    open: () => openStore(PG_URL, { schema }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

const BACKENDS: { name: string; make: () => Backend }[] = [
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
];

async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<WardenError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WardenError);
  expect((err as WardenError).code).toBe(code);
  return err as WardenError;
}

function account(id: string, over: Partial<NewAccount> = {}): NewAccount {
  return {
    id,
    name: `Account ${id}`,
    orgId: null,
    tier: 'free',
    kyc: 'none',
    country: 'NL',
    emailDomain: 'example.com',
    paymentFingerprint: null,
    signupIp: '192.0.2.1',
    outputMode: 'normal',
    status: 'active',
    createdAt: 1_700_000_000_000,
    ...over,
  };
}

function key(id: string, accountId: string, over: Partial<ApiKey> = {}): ApiKey {
  return {
    id,
    accountId,
    name: null,
    hash: `${id}`.padEnd(64, '0'),
    createdAt: 1_700_000_000_000,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    rotatedFrom: null,
    ...over,
  };
}

describe.each(BACKENDS)('store: $name', ({ make }) => {
  let backend: Backend;
  let store: Store;
  let other: Store;

  beforeAll(async () => {
    backend = make();
    // Two instances migrating a fresh database at once: the second must wait
    // for the first rather than fail on already-existing tables.
    [store, other] = await Promise.all([backend.open(), backend.open()]);
  });

  afterAll(async () => {
    await store?.close();
    await other?.close();
    await backend?.cleanup();
  });

  it('migrates idempotently', async () => {
    expect(await store.schemaVersion()).toBe(LATEST_VERSION);
    await store.migrate();
    await other.migrate();
    expect(await store.schemaVersion()).toBe(LATEST_VERSION);
    expect(await other.schemaVersion()).toBe(LATEST_VERSION);
  });

  it('creates, gets and lists orgs', async () => {
    const org = await store.createOrg({ id: 'org-a', name: 'A', tier: 'enterprise', createdAt: 10 });
    expect(org).toEqual({ id: 'org-a', name: 'A', tier: 'enterprise', createdAt: 10 });
    await store.createOrg({ id: 'org-b', name: 'B', tier: null, createdAt: 11 });
    expect(await store.getOrg('org-a')).toEqual(org);
    expect(await store.getOrg('org-missing')).toBeNull();
    const ids = (await store.listOrgs()).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['org-a', 'org-b']));
    expect(ids).toEqual([...ids].sort());
    await rejectsWith(store.createOrg({ id: 'org-a', name: 'again', tier: null, createdAt: 12 }), 'WARDEN_ERR_CONFLICT');
  });

  it('creates and gets accounts with numeric timestamps', async () => {
    await store.createOrg({ id: 'org-acc', name: 'Acc', tier: null, createdAt: 1 });
    const created = await store.createAccount(account('acc-1', { orgId: 'org-acc', createdAt: 1_700_000_000_123 }));
    const expected: Account = { ...account('acc-1', { orgId: 'org-acc', createdAt: 1_700_000_000_123 }), updatedAt: 1_700_000_000_123 };
    expect(created).toEqual(expected);
    const got = await store.getAccount('acc-1');
    expect(got).toEqual(expected);
    expect(typeof got?.createdAt).toBe('number');
    expect(await store.getAccount('acc-missing')).toBeNull();
  });

  it('rejects duplicate account ids with WARDEN_ERR_CONFLICT', async () => {
    await store.createAccount(account('acc-dup'));
    const err = await rejectsWith(store.createAccount(account('acc-dup')), 'WARDEN_ERR_CONFLICT');
    expect(err.message).toContain('acc-dup');
  });

  // Documented choice: a dangling reference is the caller's mistake, so it is
  // WARDEN_ERR_INVALID_REQUEST (400) naming the missing record.
  it('rejects an account in an unknown org with WARDEN_ERR_INVALID_REQUEST', async () => {
    const err = await rejectsWith(store.createAccount(account('acc-orphan', { orgId: 'org-nope' })), 'WARDEN_ERR_INVALID_REQUEST');
    expect(err.message).toBe('org org-nope does not exist');
    expect(await store.getAccount('acc-orphan')).toBeNull();
  });

  it('lists accounts by org and tier with limit and keyset pagination', async () => {
    await store.createOrg({ id: 'org-list', name: 'L', tier: null, createdAt: 1 });
    for (const [id, tier] of [['l-3', 'paid'], ['l-1', 'free'], ['l-4', 'free'], ['l-2', 'paid'], ['l-5', 'paid']] as const) {
      await store.createAccount(account(id, { orgId: 'org-list', tier }));
    }
    await store.createAccount(account('l-0-elsewhere', { tier: 'paid' }));

    const ids = async (f: Parameters<Store['listAccounts']>[0]) => (await store.listAccounts(f)).map((a) => a.id);
    expect(await ids({ orgId: 'org-list' })).toEqual(['l-1', 'l-2', 'l-3', 'l-4', 'l-5']);
    expect(await ids({ orgId: 'org-list', tier: 'paid' })).toEqual(['l-2', 'l-3', 'l-5']);
    expect(await ids({ orgId: 'org-list', limit: 2 })).toEqual(['l-1', 'l-2']);
    expect(await ids({ orgId: 'org-list', limit: 2, after: 'l-2' })).toEqual(['l-3', 'l-4']);
    expect(await ids({ orgId: 'org-list', tier: 'paid', after: 'l-3' })).toEqual(['l-5']);
    expect(await ids({ orgId: 'org-list', after: 'l-5' })).toEqual([]);
    expect(await ids({ orgId: 'org-none' })).toEqual([]);
    expect(await ids({ tier: 'paid' })).toEqual(expect.arrayContaining(['l-0-elsewhere', 'l-2', 'l-3', 'l-5']));
    const all = await ids(undefined);
    expect(all).toEqual([...all].sort());
    expect(all.length).toBeGreaterThanOrEqual(6);
  });

  it('updates accounts, keeping omitted fields and clearing explicit nulls', async () => {
    await store.createOrg({ id: 'org-upd', name: 'U', tier: null, createdAt: 1 });
    await store.createAccount(account('acc-upd', { createdAt: 100 }));
    const updated = await store.updateAccount('acc-upd', { tier: 'verified', country: null, orgId: 'org-upd' }, 200);
    expect(updated).toEqual({
      ...account('acc-upd', { createdAt: 100 }),
      tier: 'verified',
      country: null,
      orgId: 'org-upd',
      updatedAt: 200,
    });
    expect(await store.getAccount('acc-upd')).toEqual(updated);
    const again = await store.updateAccount('acc-upd', { status: 'suspended', name: undefined }, 300);
    expect(again).toMatchObject({ status: 'suspended', name: 'Account acc-upd', orgId: 'org-upd', updatedAt: 300 });
    expect(await store.updateAccount('acc-unknown', { tier: 'paid' }, 400)).toBeNull();
    const err = await rejectsWith(store.updateAccount('acc-upd', { orgId: 'org-gone' }, 500), 'WARDEN_ERR_INVALID_REQUEST');
    expect(err.message).toBe('org org-gone does not exist');
    expect((await store.getAccount('acc-upd'))?.updatedAt).toBe(300);
  });

  it('creates, gets and lists keys', async () => {
    await store.createAccount(account('acc-keys'));
    const k1 = key('wdn_000000000001', 'acc-keys', { name: 'ci', createdAt: 2, expiresAt: 9_999_999_999_999 });
    const k2 = key('wdn_000000000002', 'acc-keys', { createdAt: 1, rotatedFrom: 'wdn_000000000001' });
    expect(await store.createKey(k1)).toEqual(k1);
    expect(await store.createKey(k2)).toEqual(k2);
    expect(await store.getKey(k1.id)).toEqual(k1);
    expect(await store.getKey('wdn_missing')).toBeNull();
    expect(await store.listKeys('acc-keys')).toEqual([k2, k1]);
    expect(await store.listKeys('acc-nobody')).toEqual([]);

    await rejectsWith(store.createKey({ ...k1, hash: 'f'.repeat(64) }), 'WARDEN_ERR_CONFLICT');
    const clash = await rejectsWith(store.createKey({ ...k1, id: 'wdn_000000000003' }), 'WARDEN_ERR_CONFLICT');
    expect(clash.message).not.toContain(k1.hash);
    const orphan = await rejectsWith(store.createKey(key('wdn_000000000004', 'acc-ghost')), 'WARDEN_ERR_INVALID_REQUEST');
    expect(orphan.message).toBe('account acc-ghost does not exist');
  });

  it('revokes a key once, keeping the first revocation time', async () => {
    await store.createAccount(account('acc-rev'));
    await store.createKey(key('wdn_rev000000001', 'acc-rev'));
    expect((await store.revokeKey('wdn_rev000000001', 1000))?.revokedAt).toBe(1000);
    expect((await store.revokeKey('wdn_rev000000001', 2000))?.revokedAt).toBe(1000);
    expect((await store.getKey('wdn_rev000000001'))?.revokedAt).toBe(1000);
    expect(await store.revokeKey('wdn_missing', 1000)).toBeNull();
  });

  it('only moves expiry earlier', async () => {
    await store.createAccount(account('acc-exp'));
    await store.createKey(key('wdn_exp000000001', 'acc-exp'));
    expect((await store.expireKeyBy('wdn_exp000000001', 5000))?.expiresAt).toBe(5000);
    expect((await store.expireKeyBy('wdn_exp000000001', 6000))?.expiresAt).toBe(5000);
    expect((await store.expireKeyBy('wdn_exp000000001', 4000))?.expiresAt).toBe(4000);
    expect((await store.getKey('wdn_exp000000001'))?.expiresAt).toBe(4000);
    expect(await store.expireKeyBy('wdn_missing', 1000)).toBeNull();
  });

  it('touches keys forward only and ignores unknown ids', async () => {
    await store.createAccount(account('acc-touch'));
    await store.createKey(key('wdn_tch000000001', 'acc-touch'));
    await store.createKey(key('wdn_tch000000002', 'acc-touch', { lastUsedAt: 500 }));
    await store.touchKeys(new Map());
    await store.touchKeys(new Map([['wdn_tch000000001', 100], ['wdn_tch000000002', 400], ['wdn_unknown', 100]]));
    expect((await store.getKey('wdn_tch000000001'))?.lastUsedAt).toBe(100);
    expect((await store.getKey('wdn_tch000000002'))?.lastUsedAt).toBe(500);
    await store.touchKeys(new Map([['wdn_tch000000001', 50], ['wdn_tch000000002', 600]]));
    expect((await store.getKey('wdn_tch000000001'))?.lastUsedAt).toBe(100);
    expect((await store.getKey('wdn_tch000000002'))?.lastUsedAt).toBe(600);
    expect(await store.getKey('wdn_unknown')).toBeNull();
  });

  it('notifies listeners when another instance revokes a key', async () => {
    await store.createAccount(account('acc-notify'));
    await store.createKey(key('wdn_ntf000000001', 'acc-notify'));
    let calls = 0;
    const unsubscribe = store.onExternalChange(() => {
      calls++;
    });
    try {
      // The Postgres LISTEN connection comes up asynchronously, so repeat the
      // (idempotent) revoke until the change is seen instead of sleeping blind.
      const deadline = Date.now() + 5000;
      let at = 1000;
      while (calls === 0 && Date.now() < deadline) {
        await other.revokeKey('wdn_ntf000000001', at++);
        for (let i = 0; i < 8 && calls === 0; i++) await sleep(100);
      }
      expect(calls).toBeGreaterThan(0);
      expect((await store.getKey('wdn_ntf000000001'))?.revokedAt).toBe(1000);
    } finally {
      unsubscribe();
    }
  });

  it('closes idempotently', async () => {
    const extra = await backend.open();
    extra.onExternalChange(() => undefined);
    await extra.close();
    await extra.close();
    await expect(extra.getOrg('org-a')).rejects.toMatchObject({ code: 'WARDEN_ERR_STORE' });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

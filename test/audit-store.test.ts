import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRecord } from '../src/audit/admin-recorder.js';
import { encodeRecord, toStoredEntry, type AuditRecord, type StoredEntry } from '../src/audit/entry.js';
import { Frontier, type TreeNode } from '../src/audit/frontier.js';
import { AuditLog, type AuditLogOptions } from '../src/audit/log.js';
import { verifyInclusion, verifyConsistency } from '../src/audit/merkle.js';
import { consistencyProofView, inclusionProofView, rootAt } from '../src/audit/proofs.js';
import { matchingEntries, queryEntries, type AuditQuery } from '../src/audit/query.js';
import { accountReport } from '../src/audit/report.js';
import { applyRetention } from '../src/audit/retention.js';
import { HeadSigner, verifyHeadSignature } from '../src/audit/signer.js';
import type { AuditStore } from '../src/audit/store/audit-store.js';
import { AUDIT_MIGRATIONS } from '../src/audit/store/schema.js';
import { openAuditStore } from '../src/audit/store/open.js';
import { PostgresAuditStore } from '../src/audit/store/postgres.js';
import { SqliteAuditStore } from '../src/audit/store/sqlite.js';
import { verifyLog } from '../src/audit/verify.js';
import { PG_URL, tempDirs } from './helpers.js';

/** One behavioural suite for every audit backend (like test/store.test.ts); Postgres is not optional. */
const tempDir = tempDirs('warden-audit-store-');

interface Backend {
  name: string;
  open(): Promise<AuditStore>;
  /** Runs raw SQL on the backend's audit tables: the tamperer's tool. */
  tamper(store: AuditStore, sql: string, params?: unknown[]): Promise<void>;
  /** Runs raw SQL (several statements when there are no params) on the audit database before any store opened it. */
  raw(sql: string, params?: unknown[]): Promise<void>;
  /** The dialect of `raw`. */
  dialect: 'sqlite' | 'postgres';
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  const file = join(tempDir(), 'audit.db');
  return {
    name: 'sqlite',
    open: () => openAuditStore(`sqlite:${file}`),
    tamper: async (store, sql, params = []) => {
      (store as SqliteAuditStore).database.prepare(sql.replace(/\$\d+/g, '?')).run(...(params as never[]));
    },
    raw: async (sql, params) => {
      const db = new Database(file);
      try {
        if (params) db.prepare(sql.replace(/\$\d+/g, '?')).run(...(params as never[]));
        else db.exec(sql);
      } finally {
        db.close();
      }
    },
    dialect: 'sqlite',
    cleanup: async () => undefined,
  };
}

function postgresBackend(): Backend {
  const schema = `warden_audit_${process.pid}_${Date.now()}`;
  return {
    name: 'postgres',
    open: () => openAuditStore(PG_URL, { schema }),
    tamper: (store, sql, params = []) => (store as PostgresAuditStore).raw(sql, params),
    raw: async (sql, params) => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await c.query(`SET search_path TO "${schema}"`);
        await c.query(sql, params);
      } finally {
        await c.end();
      }
    },
    dialect: 'postgres',
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = new HeadSigner(privateKey, publicKey);
const OPTS: AuditLogOptions = { durability: 'sync', batchSize: 64, flushMs: 1, maxQueue: 10_000, headIntervalMs: 0 };

const T0 = Date.parse('2026-01-10T12:00:00Z');
function request(i: number, over: Partial<AuditRecord> = {}): AuditRecord {
  const account = `acct-${i % 3}`;
  const action = i % 10 === 7 ? 'block' : 'allow';
  return {
    ts: T0 + i * 60_000,
    kind: 'request',
    ref: `req-${i}`,
    account,
    org: i % 3 === 0 ? 'org-a' : null,
    action,
    ip: i % 2 === 0 ? `192.0.2.${i % 250}` : `2001:db8::${i}`,
    payload: {
      kind: 'request', id: `req-${i}`, account, org: i % 3 === 0 ? 'org-a' : null, model: i % 4 === 0 ? 'warden-sim-large' : 'warden-sim',
      country: 'NL', status: 200, tokensIn: 10 + i, tokensOut: 5, engine: action === 'block' ? { action, score: 0.9, reasons: ['templated sweep'] } : { action },
    },
    ...over,
  };
}

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('audit store: $name', ({ make }) => {
  let backend: Backend;
  let store: AuditStore;
  let log: AuditLog;

  beforeAll(async () => {
    backend = make();
    // Two openers at once: migrations must serialise, not collide.
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await b.close();
    store = a;
    log = await AuditLog.open(store, signer, OPTS);
  });
  afterAll(async () => {
    await log?.close();
    await store?.close();
    await backend?.cleanup();
  });

  it('appends in order, acknowledging sync appends with their sequence number once committed', async () => {
    const seqs = await Promise.all(Array.from({ length: 150 }, (_, i) => log.append(request(i))));
    expect(seqs).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(await store.size()).toBe(150);
    const e = await store.entry(42);
    expect(e).toMatchObject({ seq: 42, ref: 'req-42', account: 'acct-0', org: 'org-a', kind: 'request', ip: '192.0.2.42' });
    expect(JSON.parse(e?.payload as string)).toMatchObject({ id: 'req-42', tokensIn: 52 });
    expect((await store.entryByRef('req-43'))?.seq).toBe(43);
    expect(await store.entry(10_000)).toBeNull();
  });

  it('signs heads that verify and proves inclusion and consistency from stored nodes', async () => {
    const h1 = await log.signHead();
    expect(h1.size).toBe(150);
    expect(verifyHeadSignature(h1, publicKey)).toBe(true);
    expect(h1.root.equals(log.root())).toBe(true);
    expect((await log.signHead()).signature.equals(h1.signature)).toBe(true);
    for (let i = 150; i < 233; i++) await log.append(request(i));
    const h2 = await log.signHead();
    expect((await store.heads()).map((h) => h.size)).toEqual([150, 233]);

    for (const seq of [0, 1, 149, 150, 232]) {
      const p = await inclusionProofView(store, (await store.entry(seq))!, h2);
      expect(verifyInclusion(seq, 233, Buffer.from(p.leafHash, 'hex'), p.path.map((x) => Buffer.from(x, 'hex')), h2.root)).toBe(true);
    }
    const c = await consistencyProofView(store, 150, 233);
    expect(c.oldHead?.size).toBe(150);
    expect(verifyConsistency(150, 233, h1.root, h2.root, c.path.map((x) => Buffer.from(x, 'hex')))).toBe(true);
    expect((await rootAt(store, 150)).equals(h1.root)).toBe(true);
    await expect(consistencyProofView(store, 10, 9999)).rejects.toMatchObject({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' });
    await expect(consistencyProofView(store, 20, 10)).rejects.toMatchObject({ code: 'WARDEN_ERR_AUDIT_BAD_PROOF' });
  });

  it('reopens at the committed size and continues the same tree', async () => {
    const root = log.root();
    await log.close();
    log = await AuditLog.open(store, signer, OPTS);
    expect(log.size).toBe(233);
    expect(log.root().equals(root)).toBe(true);
    await log.append(adminRecord({ action: 'key.revoke', target: 'wdn_000000000001', admin: 'admin:abc', ip: '198.51.100.7', requestId: 'adm-1', account: 'acct-1' }));
    expect((await verifyLog(store, publicKey)).problems).toEqual([]);
  });

  it('queries by account, org, CIDR, time and action, paging in log order', async () => {
    const ids = async (q: Parameters<typeof queryEntries>[1]) => (await queryEntries(store, q)).map((e) => e.seq);
    expect((await ids({ account: 'acct-1', limit: 1000 })).every((s) => s % 3 === 1 || s === 233)).toBe(true);
    expect(await ids({ org: 'org-a', limit: 3 })).toEqual([0, 3, 6]);
    expect(await ids({ action: 'block', limit: 4 })).toEqual([7, 17, 27, 37]);
    expect(await ids({ ip: '192.0.2.0/29', limit: 100 })).toEqual([0, 2, 4, 6]);
    expect(await ids({ ip: '2001:db8::/120', limit: 3 })).toEqual([1, 3, 5]);
    expect(await ids({ ip: '198.51.100.7' })).toEqual([233]);
    expect(await ids({ since: T0 + 10 * 60_000, until: T0 + 13 * 60_000 })).toEqual([10, 11, 12]);
    expect(await ids({ kind: 'admin' })).toEqual([233]);
    expect(await ids({ account: 'acct-0', after: 200, limit: 2 })).toEqual([201, 204]);
  });

  it('reports an account’s usage', async () => {
    const r = await accountReport(store, 'acct-0');
    expect(r.requests).toBe(78);
    expect(r.org).toBe('org-a');
    expect(r.models).toEqual({ 'warden-sim-large': 20, 'warden-sim': 58 });
    expect(r.countries).toEqual({ NL: 78 });
    expect(r.actions['block']).toBe(7);
    expect(r.reasons).toEqual({ 'templated sweep': 7 });
    expect(r.tokensIn).toBe(Array.from({ length: 78 }, (_, k) => 10 + 3 * k).reduce((a, b) => a + b, 0));
    expect(r.days.map((d) => d.day)).toEqual(['2026-01-10']);
  });

  it('detects and pinpoints each kind of edit', async () => {
    const tamper = (sql: string, params: unknown[] = []) => backend.tamper(store, sql, params);
    const codes = async () => (await verifyLog(store, publicKey)).problems.map((p) => `${p.code}@${p.seq ?? p.size}`);
    expect(await codes()).toEqual([]);

    // A flipped byte in a payload.
    const e5 = (await store.entry(5))!;
    await tamper('UPDATE audit_entries SET payload = $1 WHERE seq = $2', [e5.payload!.replace('"tokensIn":15', '"tokensIn":16'), 5]);
    expect(await codes()).toEqual(['payload_mismatch@5']);
    await tamper('UPDATE audit_entries SET payload = $1 WHERE seq = $2', [e5.payload, 5]);

    // An edited IP and an edited index column.
    await tamper('UPDATE audit_entries SET ip = $1 WHERE seq = $2', ['203.0.113.9', 8]);
    await tamper('UPDATE audit_entries SET account = $1 WHERE seq = $2', ['acct-9', 9]);
    expect(await codes()).toEqual(['ip_mismatch@8', 'index_mismatch@9']);
    await tamper('UPDATE audit_entries SET ip = $1 WHERE seq = $2', ['192.0.2.8', 8]);
    await tamper('UPDATE audit_entries SET account = $1 WHERE seq = $2', ['acct-0', 9]);

    // A rewritten entry with a consistent payload hash: the leaf and the signed heads no longer match.
    const e20 = (await store.entry(20))!;
    await tamper('UPDATE audit_entries SET ts = $1 WHERE seq = $2', [e20.ts + 1, 20]);
    const rewritten = await codes();
    expect(rewritten).toContain('node_mismatch@20');
    expect(rewritten).toContain('root_mismatch@150');
    await tamper('UPDATE audit_entries SET ts = $1 WHERE seq = $2', [e20.ts, 20]);

    // Two entries swapped (reordered).
    const [a, b] = [(await store.entry(30))!, (await store.entry(31))!];
    const swap = 'UPDATE audit_entries SET ts = $1, ref = $2, account = $3, org = $4, action = $5, ip = $6, payload = $7, payload_hash = $8, ip_hash = $9 WHERE seq = $10';
    const cols = (e: typeof a) => [e.ts, e.ref, e.account, e.org, e.action, e.ip, e.payload, e.payloadHash, e.ipHash];
    await tamper(swap, [...cols(b), 30]);
    await tamper(swap, [...cols(a), 31]);
    const swapped = await codes();
    expect(swapped).toEqual(expect.arrayContaining(['node_mismatch@30', 'node_mismatch@31', 'root_mismatch@150']));
    await tamper(swap, [...cols(a), 30]);
    await tamper(swap, [...cols(b), 31]);
    expect(await codes()).toEqual([]);

    // A deleted entry, then a truncated log.
    const e40 = (await store.entry(40))!;
    await tamper('DELETE FROM audit_entries WHERE seq = $1', [40]);
    expect((await codes())[0]).toBe('missing_entries@40');
    await tamper(
      'INSERT INTO audit_entries (seq, ts, kind, ref, account, org, action, ip, ip_truncated, payload, payload_hash, ip_hash, leaf) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
      [40, e40.ts, e40.kind, e40.ref, e40.account, e40.org, e40.action, e40.ip, store.kind === 'sqlite' ? 0 : false, e40.payload, e40.payloadHash, e40.ipHash, e40.leaf],
    );
    expect(await codes()).toEqual([]);
    await tamper('DELETE FROM audit_entries WHERE seq >= $1', [200]);
    expect(await codes()).toContain('truncated@200');
  });

  it('keeps every leaf verifiable after retention truncates IPs and deletes payloads', async () => {
    const fresh = make();
    const s = await fresh.open();
    try {
      const l = await AuditLog.open(s, signer, OPTS);
      for (let i = 0; i < 40; i++) await l.append(request(i));
      const head = await l.signHead();
      // Entries 0..19 are older than 30 days at `now`; 0..9 older than 35.
      const now = T0 + 19.5 * 60_000 + 30 * 86_400_000;
      const res = await applyRetention(s, { truncateIpsAfterDays: 30, payloadDays: 30 }, now);
      expect(res).toEqual({ ipsTruncated: 20, payloadsRedacted: 20 });
      expect(await applyRetention(s, { truncateIpsAfterDays: 30, payloadDays: 30 }, now)).toEqual({ ipsTruncated: 0, payloadsRedacted: 0 });
      const e2 = (await s.entry(2))!;
      expect(e2).toMatchObject({ ip: '192.0.2.0', ipTruncated: true, payload: null });
      expect((await s.entry(1))!.ip).toBe('2001:db8:0::');
      const v = await verifyLog(s, publicKey);
      expect(v).toMatchObject({ ok: true, redactedPayloads: 20, truncatedIps: 20 });
      const p = await inclusionProofView(s, e2, head);
      expect(verifyInclusion(2, 40, Buffer.from(p.leafHash, 'hex'), p.path.map((x) => Buffer.from(x, 'hex')), head.root)).toBe(true);
      const r = await accountReport(s, 'acct-0');
      expect(r.requests).toBe(14);
      expect(r.summarizedRequests).toBe(7);
      expect(r.tokensIn).toBe(Array.from({ length: 14 }, (_, k) => 10 + 3 * k).reduce((x, y) => x + y, 0));
      await l.close();
    } finally {
      await s.close();
      await fresh.cleanup();
    }
  });

  it('lets two writers share one log: a writer that lost the race renumbers its batch', async () => {
    const fresh = make();
    const [s1, s2] = [await fresh.open(), await fresh.open()];
    try {
      const [l1, l2] = [await AuditLog.open(s1, signer, OPTS), await AuditLog.open(s2, signer, OPTS)];
      const acks = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? l1 : l2).append(request(i))));
      expect(new Set(acks).size).toBe(60);
      await l1.signHead();
      await l2.signHead();
      expect(l1.stats.resequenced + l2.stats.resequenced).toBeGreaterThan(0);
      const refs = (await s1.scan(0, 100)).map((e) => e.ref).sort();
      expect(refs).toEqual(Array.from({ length: 60 }, (_, i) => `req-${i}`).sort());
      expect(await verifyLog(s1, publicKey)).toMatchObject({ ok: true, entriesChecked: 60 });
      await l1.close();
      await l2.close();
    } finally {
      await s1.close();
      await s2.close();
      await fresh.cleanup();
    }
  });

  it('verifies from a signed size onward, and refuses a start no head vouches for', async () => {
    const fresh = make();
    const s = await fresh.open();
    try {
      const l = await AuditLog.open(s, signer, OPTS);
      for (let i = 0; i < 30; i++) await l.append(request(i));
      await l.signHead();
      for (let i = 30; i < 50; i++) await l.append(request(i));
      await l.signHead();
      expect(await verifyLog(s, publicKey, { fromSize: 35 })).toMatchObject({ ok: true, entriesChecked: 15 });
      expect((await verifyLog(s, publicKey, { fromSize: 20 })).problems.map((p) => p.code)).toEqual(['bad_start']);
      expect((await verifyLog(s, publicKey, { fromSize: 99 })).problems.map((p) => p.code)).toEqual(['bad_start']);
      const other = generateKeyPairSync('ed25519').publicKey;
      expect((await verifyLog(s, other)).problems.map((p) => p.code)).toEqual(['bad_signature', 'bad_signature']);
      await l.close();
    } finally {
      await s.close();
      await fresh.cleanup();
    }
  });

  it('answers queries with exactly the matching entries, in log order, across the index blocks of a long log', async () => {
    const fresh = make();
    const s = await fresh.open();
    try {
      const l = await AuditLog.open(s, signer, { ...OPTS, durability: 'async', batchSize: 2_000, maxQueue: 50_000 });
      const n = 40_000;
      for (let i = 0; i < n; i++) {
        // Times that are not in log order, accounts that are rare or absent, orgs only on some entries.
        const over: Partial<AuditRecord> = { ts: T0 + i * 1_000 + (i % 7) * 5_000, account: i % 997 === 0 ? 'acct-rare' : i % 50 === 1 ? null : `acct-${i % 3}` };
        l.enqueue(request(i, over));
      }
      await l.flush();
      const all = await s.scan(0, n + 1);
      expect(all).toHaveLength(n);
      const matches = (q: AuditQuery, e: StoredEntry) =>
        (q.account === undefined || e.account === q.account) && (q.org === undefined || e.org === q.org) && (q.action === undefined || e.action === q.action) &&
        (q.since === undefined || e.ts >= q.since) && (q.until === undefined || e.ts < q.until) && (q.after === undefined || e.seq > q.after);
      const queries: AuditQuery[] = [
        { account: 'acct-1' },
        { account: 'acct-rare' },
        { account: 'acct-none' },
        { org: 'org-a' },
        { org: 'org-a', account: 'acct-0', action: 'block' },
        { account: 'acct-2', since: T0 + 16_000_000, until: T0 + 17_000_000 },
        { account: 'acct-rare', after: 16_383 },
        { org: 'org-a', after: 32_767, until: T0 + 34_000_000 },
        { since: T0 + 20_000_000, until: T0 + 20_010_000 },
      ];
      for (const q of queries) {
        const got: number[] = [];
        for await (const e of matchingEntries(s, q)) got.push(e.seq);
        expect(got, JSON.stringify(q)).toEqual(all.filter((e) => matches(q, e)).map((e) => e.seq));
        expect((await queryEntries(s, { ...q, limit: 7 })).map((e) => e.seq)).toEqual(got.slice(0, 7));
      }
      await l.close();
    } finally {
      await s.close();
      await fresh.cleanup();
    }
  });

  it('upgrades a version 1 log (leaves stored as nodes) without breaking a leaf, head or proof', async () => {
    const fresh = make();
    const v1 = AUDIT_MIGRATIONS[0] as (typeof AUDIT_MIGRATIONS)[number];
    expect(v1.version).toBe(1);
    const bool = (b: boolean) => (fresh.dialect === 'sqlite' ? Number(b) : b);
    // Written as version 1 did: entries without a leaf column, every node (leaves included) in audit_nodes.
    await fresh.raw(`CREATE TABLE audit_schema (version INTEGER PRIMARY KEY); ${fresh.dialect === 'sqlite' ? v1.sqlite : v1.postgres}; INSERT INTO audit_schema (version) VALUES (1);`);
    const frontier = new Frontier();
    const nodes: TreeNode[] = [];
    for (let i = 0; i < 100; i++) {
      const { entry: e, leaf } = toStoredEntry(i, encodeRecord(request(i)));
      frontier.append(leaf, (node) => nodes.push(node));
      await fresh.raw(
        'INSERT INTO audit_entries (seq, ts, kind, ref, account, org, action, ip, ip_truncated, payload, payload_hash, ip_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
        [e.seq, e.ts, e.kind, e.ref, e.account, e.org, e.action, e.ip, bool(false), e.payload, e.payloadHash, e.ipHash],
      );
    }
    for (const node of nodes) await fresh.raw('INSERT INTO audit_nodes (id, hash) VALUES ($1, $2)', [node.id, node.hash]);
    const h1 = signer.sign(100, frontier.root(), T0);
    await fresh.raw('INSERT INTO audit_heads (size, ts, root, key_id, signature) VALUES ($1, $2, $3, $4, $5)', [h1.size, h1.ts, h1.root, h1.keyId, h1.signature]);

    const s = await fresh.open();
    try {
      expect((await s.nodeRange(0, 0, 100)).size).toBe(100);
      expect(await verifyLog(s, publicKey)).toMatchObject({ ok: true, entriesChecked: 100, headsChecked: 1 });
      for (const seq of [0, 37, 99]) {
        const p = await inclusionProofView(s, (await s.entry(seq))!, h1);
        expect(verifyInclusion(seq, 100, Buffer.from(p.leafHash, 'hex'), p.path.map((x) => Buffer.from(x, 'hex')), h1.root)).toBe(true);
      }
      expect((await queryEntries(s, { account: 'acct-1', limit: 3 })).map((e) => e.seq)).toEqual([1, 4, 7]);
      const l = await AuditLog.open(s, signer, OPTS);
      expect(l.root().equals(h1.root)).toBe(true);
      for (let i = 100; i < 130; i++) await l.append(request(i));
      const h2 = await l.signHead();
      expect(await verifyLog(s, publicKey)).toMatchObject({ ok: true, entriesChecked: 130, headsChecked: 2 });
      expect(verifyConsistency(100, 130, h1.root, h2.root, (await consistencyProofView(s, 100, 130)).path.map((x) => Buffer.from(x, 'hex')))).toBe(true);
      await l.close();
    } finally {
      await s.close();
      await fresh.cleanup();
    }
  });
});

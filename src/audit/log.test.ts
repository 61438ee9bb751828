import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WardenError } from '../errors.js';
import type { AuditRecord } from './entry.js';
import { AuditLog, type AuditLogOptions } from './log.js';
import { HeadSigner } from './signer.js';
import type { AuditStore } from './store/audit-store.js';
import { openAuditStore } from './store/open.js';
import { SqliteAuditStore } from './store/sqlite.js';
import { verifyLog } from './verify.js';
import { ThreadTreeWriter } from './writer-thread.js';

const dir = mkdtempSync(path.join(tmpdir(), 'warden-audit-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = new HeadSigner(privateKey, publicKey);
let n = 0;

const record = (i: number): AuditRecord => ({
  ts: 1_700_000_000_000 + i, kind: 'admin', ref: `r${i}`, account: null, org: null, action: 'key.revoke', ip: null,
  payload: { kind: 'admin', action: 'key.revoke', requestId: `r${i}`, account: null, org: null },
});

/** A real SQLite store whose commits are slow, or fail the first `failures` times. */
async function flakyStore(opts: { delayMs?: number; failures?: number }): Promise<AuditStore> {
  const store = await openAuditStore(`sqlite:${path.join(dir, `log-${n++}.db`)}`);
  let failures = opts.failures ?? 0;
  const append = store.append.bind(store);
  store.append = async (entries, nodes) => {
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (failures-- > 0) throw new WardenError('WARDEN_ERR_AUDIT_STORE', 'disk on fire');
    return append(entries, nodes);
  };
  return store;
}

const OPTS: AuditLogOptions = { durability: 'async', batchSize: 8, flushMs: 1, maxQueue: 10, headIntervalMs: 0 };

describe('audit log writer', () => {
  it('applies back-pressure when the queue is full instead of dropping entries', async () => {
    const store = await flakyStore({ delayMs: 5 });
    const log = await AuditLog.open(store, signer, OPTS);
    for (let i = 0; i < 100; i++) {
      await log.append(record(i));
      expect(log.queued).toBeLessThanOrEqual(10);
    }
    await log.flush();
    expect(log.stats).toMatchObject({ appended: 100, dropped: 0 });
    expect(log.stats.waitedForSpace).toBeGreaterThan(0);
    expect(await store.size()).toBe(100);
    await log.close();
    await store.close();
  });

  it('retries a failed commit with the same entries and loses nothing', async () => {
    const store = await flakyStore({ failures: 2 });
    const errors: unknown[] = [];
    const log = await AuditLog.open(store, signer, { ...OPTS, durability: 'sync', onError: (e) => errors.push(e) });
    const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(record(i))));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(log.stats.failures).toBe(2);
    expect(errors.map((e) => (e as WardenError).code)).toEqual(['WARDEN_ERR_AUDIT_STORE', 'WARDEN_ERR_AUDIT_STORE']);
    await log.signHead();
    expect(await verifyLog(store, publicKey)).toMatchObject({ ok: true, entriesChecked: 20 });
    await log.close();
    await expect(log.append(record(99))).rejects.toMatchObject({ code: 'WARDEN_ERR_AUDIT_CLOSED' });
    await store.close();
  });

  it('signs a head at close over what was committed', async () => {
    const store = await flakyStore({});
    const log = await AuditLog.open(store, signer, OPTS);
    for (let i = 0; i < 5; i++) log.enqueue(record(i));
    await log.close();
    expect((await store.latestHead())?.size).toBe(5);
    await store.close();
  });
});

describe('audit log writer on a writer thread', () => {
  const threaded = async (store: AuditStore, opts: AuditLogOptions, script?: string) => {
    const s = store as SqliteAuditStore;
    return AuditLog.open(store, signer, opts, await ThreadTreeWriter.open({ file: s.file, synchronous: s.synchronous }, script));
  };

  /**
   * A writer thread that dies once, on its second commit: before committing
   * (the batch never landed) or after committing and before answering (it
   * landed, but the log was not told). Then the real one, restarted.
   */
  function dyingWorker(when: 'before' | 'after'): string {
    const real = pathToFileURL(path.resolve('dist/src/audit/writer-thread-worker.js')).href;
    const flag = path.join(dir, `died-${when}-${n}`);
    const pre = path.join(dir, `dying-pre-${when}-${n}.mjs`);
    const script = path.join(dir, `dying-${when}-${n}.mjs`);
    // Evaluated before the real worker (static imports run in order): wraps the listener it registers and its replies.
    writeFileSync(
      pre,
      `import { parentPort } from 'node:worker_threads';
import { existsSync, writeFileSync } from 'node:fs';
if (!existsSync(${JSON.stringify(flag)})) {
  let commits = 0;
  let dieOnReply = false;
  const on = parentPort.on.bind(parentPort);
  parentPort.on = (event, listener) => on(event, (m) => {
    if (m.op === 'commit' && ++commits === 2) {
      writeFileSync(${JSON.stringify(flag)}, '1');
      if (${JSON.stringify(when)} === 'before') process.exit(1);
      dieOnReply = true;
    }
    listener(m);
  });
  const send = parentPort.postMessage.bind(parentPort);
  parentPort.postMessage = (reply) => (dieOnReply ? process.exit(1) : send(reply));
}
`,
    );
    writeFileSync(script, `import ${JSON.stringify(pathToFileURL(pre).href)};
import ${JSON.stringify(real)};
`);
    return script;
  }

  for (const when of ['before', 'after'] as const) {
    it(`a writer thread that dies ${when} committing is restarted, and the batch lands exactly once`, async () => {
      const store = await openAuditStore(`sqlite:${path.join(dir, `dying-${when}-${n++}.db`)}`, { fsync: true });
      const errors: unknown[] = [];
      const log = await threaded(store, { ...OPTS, durability: 'sync', onError: (e) => errors.push(e) }, dyingWorker(when));
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++) seqs.push(await log.append(record(i)));
      expect(seqs).toEqual([0, 1, 2, 3, 4]);
      expect(errors).toHaveLength(1);
      expect(String((errors[0] as Error).message)).toMatch(/writer thread stopped/);
      expect(log.stats.failures).toBe(1);
      expect(await store.size()).toBe(5);
      const refs = (await store.scan(0, 10)).map((e) => e.ref);
      expect(refs).toEqual([0, 1, 2, 3, 4].map((i) => record(i).ref));
      await log.signHead();
      expect(await verifyLog(store, publicKey)).toMatchObject({ ok: true, entriesChecked: 5 });
      await log.close();
      await store.close();
    });
  }

  it('acknowledges sync appends once committed, in order, and keeps the tree the store verifies', async () => {
    const store = await openAuditStore(`sqlite:${path.join(dir, `thread-${n++}.db`)}`, { fsync: true });
    const log = await threaded(store, { ...OPTS, durability: 'sync' });
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(record(i)).then(async (seq) => [seq, await store.size()] as const)));
    for (const [i, [seq, committed]] of seqs.entries()) {
      expect(seq).toBe(i);
      expect(committed).toBeGreaterThan(i);
    }
    const head = await log.signHead();
    expect(head.size).toBe(50);
    expect(await verifyLog(store, publicKey)).toMatchObject({ ok: true, entriesChecked: 50 });
    await log.close();
    await store.close();
  });

  it('holds appends when the queue is full and drops nothing', async () => {
    const store = await openAuditStore(`sqlite:${path.join(dir, `thread-${n++}.db`)}`);
    const log = await threaded(store, OPTS);
    for (let i = 0; i < 200; i++) {
      await log.append(record(i));
      expect(log.queued).toBeLessThanOrEqual(10);
    }
    await log.close();
    expect(log.stats).toMatchObject({ appended: 200, dropped: 0 });
    expect(await store.size()).toBe(200);
    expect((await store.latestHead())?.size).toBe(200);
    await store.close();
  });

  it('shares a log with another writer: the one that lost a commit race renumbers its batch', async () => {
    const file = path.join(dir, `thread-${n++}.db`);
    const [s1, s2] = [await openAuditStore(`sqlite:${file}`), await openAuditStore(`sqlite:${file}`)];
    const [l1, l2] = [await threaded(s1, { ...OPTS, durability: 'sync' }), await AuditLog.open(s2, signer, { ...OPTS, durability: 'sync' })];
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? l1 : l2).append(record(i))));
    expect(new Set(acks).size).toBe(40);
    await l1.close();
    await l2.close();
    expect(await s1.size()).toBe(40);
    expect(await verifyLog(s1, publicKey)).toMatchObject({ ok: true, entriesChecked: 40 });
    await s1.close();
    await s2.close();
  });
});

describe('sqlite audit store under another process’s write lock', () => {
  it('waits for the lock without blocking the event loop, then commits', async () => {
    const file = path.join(dir, 'locked.db');
    const store = await openAuditStore(`sqlite:${file}`);
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const log = await AuditLog.open(store, signer, { ...OPTS, durability: 'sync' });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const appended = log.append(record(1));
    await new Promise((r) => setTimeout(r, 150));
    expect(await store.size()).toBe(0);
    other.exec('COMMIT');
    other.close();
    expect(await appended).toBe(0);
    clearInterval(timer);
    // The loop kept turning while the lock was held (a blocking busy wait would have frozen it).
    expect(ticks).toBeGreaterThan(10);
    expect(log.stats.failures).toBe(0);
    await log.close();
    await store.close();
  });
});

describe('audit key files', () => {
  it('are created once, whole, by concurrent starters, with mode 0600', async () => {
    const { spawn } = await import('node:child_process');
    const { statSync, readdirSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const keysJs = fileURLToPath(new URL('../../dist/src/audit/keys.js', import.meta.url));
    const keyDir = path.join(dir, 'keys-race');
    const script = `const k = await import(${JSON.stringify(keysJs)}); const s = k.loadOrCreateSigningKey(${JSON.stringify(keyDir)}); k.loadOrCreateHmacKey(${JSON.stringify(keyDir)}); process.stdout.write(s.publicKeyPem);`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const c = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        c.stdout.on('data', (d: Buffer) => (out += d.toString()));
        c.stderr.on('data', (d: Buffer) => (err += d.toString()));
        c.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
      });
    const keys = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toContain('BEGIN PUBLIC KEY');
    for (const f of ['audit-signing-key.pem', 'audit-hmac-key']) expect(statSync(path.join(keyDir, f)).mode & 0o777).toBe(0o600);
    expect(readdirSync(keyDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

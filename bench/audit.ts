/**
 * Audit trail benchmark (`npm run bench:audit`), one run:
 *
 *   1. appends/s, batched, on SQLite: 1M request entries built by the gateway's
 *      recorder from realistic request events (HMAC of the prompt included),
 *      through the real writer in `async` mode with a bounded queue and
 *      back-pressure, committing on its writer thread (the server's default);
 *      counted drops must be 0. Then, in the same run, the inline writer (commits
 *      on the event loop) over fewer entries, `sync` mode with each writer (256
 *      appends in flight, each acknowledged after an fsynced commit) and Postgres
 *      async. Each reports the event loop's busy time per entry too: what the
 *      trail takes from the request path.
 *   2. inclusion and consistency proof generation at 1M (that log) and at 10M
 *      (a tree of 10M leaves written straight into a temp SQLite audit store:
 *      interior nodes, and leaves in minimal entry rows without payloads).
 *   3. `audit verify` time per million entries (the 1M log, every check on).
 *
 * Targets: ≥ 20,000 appends/s sustained on SQLite; proofs < 1 ms at 10M.
 *
 *   npm run bench:audit [-- --entries N] [-- --big N] [-- --no-postgres]
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Frontier, type TreeNode } from '../src/audit/frontier.js';
import { AuditLog, type AuditLogOptions } from '../src/audit/log.js';
import { consistencyProof, inclusionProof, isLeafId, leafHash, rootHash, verifyConsistency, verifyInclusion } from '../src/audit/merkle.js';
import { overStoredNodes } from '../src/audit/proofs.js';
import { queryEntries } from '../src/audit/query.js';
import { RequestRecorder } from '../src/audit/request-recorder.js';
import { HeadSigner } from '../src/audit/signer.js';
import type { AuditStore } from '../src/audit/store/audit-store.js';
import { openAuditStore } from '../src/audit/store/open.js';
import type { SqliteAuditStore } from '../src/audit/store/sqlite.js';
import { verifyLog } from '../src/audit/verify.js';
import { ThreadTreeWriter } from '../src/audit/writer-thread.js';
import type { TreeWriter } from '../src/audit/tree-writer.js';
import type { RequestEvent } from '../src/events/types.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    big: { type: 'string', default: '10000000' },
    'no-postgres': { type: 'boolean', default: false },
    /** Entries of the inline-writer comparison run (a fraction of --entries keeps the run short). */
    'inline-entries': { type: 'string', default: '300000' },
  },
});
const ENTRIES = Number(values.entries);
const BIG = Number(values.big);
const INLINE_ENTRIES = Math.min(ENTRIES, Number(values['inline-entries']));
const PG_URL = process.env['WARDEN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const MIN_APPENDS_PER_S = 20_000;
const MAX_PROOF_MS = 1;

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = new HeadSigner(privateKey, publicKey);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'warden-bench-audit-'));
const result: Record<string, unknown> = { entries: ENTRIES, big: BIG, cpus: os.cpus().length };

function event(i: number): RequestEvent {
  return {
    type: 'request',
    ts: new Date(Date.now() + i).toISOString(),
    id: `req-${i.toString(36)}-${(i * 2654435761) % 1e9}`,
    account: `acct-${i % 5000}`,
    key: `wdn_${(i % 9000).toString(16).padStart(12, '0')}`,
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    user_agent: 'openai-python/1.51.0',
    endpoint: '/v1/chat/completions',
    body: { model: 'warden-sim', messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: `Summarize item ${i} of the quarterly report in three bullet points, citing figures.` }] },
    response: { text: 'ok', usage: { prompt_tokens: 40 + (i % 200), completion_tokens: 120 + (i % 300) } },
    org: i % 3 === 0 ? `org-${i % 100}` : undefined,
    model: 'warden-sim',
    upstream: 'openai',
    stream: i % 2 === 0,
    status: 200,
    latency_ms: 12,
    tags: { limits: { backend: 'memory', allowed: true, reserved_tokens: 4200, tightest: { rule: 'account:tpm', remaining: 38000, limit: 40000 } } },
  } as RequestEvent;
}

function opts(durability: 'async' | 'sync', over: Partial<AuditLogOptions> = {}): AuditLogOptions {
  return { durability, batchSize: 2_000, flushMs: 5, maxQueue: 100_000, headIntervalMs: 10_000, ...over };
}

type WriterMode = 'thread' | 'inline';

/** The server's choice: SQLite commits on a writer thread, Postgres inline. */
async function writerFor(store: AuditStore, mode: WriterMode): Promise<TreeWriter | undefined> {
  if (mode === 'inline' || store.kind !== 'sqlite') return undefined;
  const s = store as SqliteAuditStore;
  return ThreadTreeWriter.open({ file: s.file, synchronous: s.synchronous });
}

/** Busy time of this thread's event loop per entry, in µs: what a writer leaves on the request path. */
function loopUsPerEntry(since: ReturnType<typeof performance.eventLoopUtilization>, n: number): number {
  return (performance.eventLoopUtilization(since).active * 1000) / n;
}

/** Feeds `n` recorder-built entries as fast as the writer takes them (waiting when the queue is full). */
/** Commit rate over each fifth of the run, from (time, committed) samples: whether the rate holds up as the file grows. */
function fifthRates(started: number, samples: ReadonlyArray<readonly [number, number]>, n: number): number[] {
  const rates: number[] = [];
  let from = started;
  for (let k = 1; k <= 5; k++) {
    const at = samples.find(([, done]) => done >= (k * n) / 5)?.[0] ?? from;
    rates.push(n / 5 / ((at - from) / 1000));
    from = at;
  }
  return rates;
}

async function appendAsync(store: AuditStore, n: number, mode: WriterMode): Promise<{ perS: number; perCpuS: number; loopUsPerEntry: number; dropped: number; waits: number; seconds: number; fifths: number[] }> {
  const log = await AuditLog.open(store, signer, opts('async'), await writerFor(store, mode));
  const recorder = new RequestRecorder(log, { hmacKey: randomBytes(32), storePromptTiers: [] });
  const base = log.size;
  const samples: Array<readonly [number, number]> = [];
  const sampler = setInterval(() => samples.push([performance.now(), log.size - base]), 20);
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    if (log.full) await log.space();
    recorder.emit(event(i));
  }
  await log.flush();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const loop = loopUsPerEntry(elu, n);
  clearInterval(sampler);
  samples.push([performance.now(), n]);
  await log.close();
  // Per CPU-second of the whole process (both threads) as well: the steadier figure on a shared machine.
  return {
    perS: n / seconds,
    perCpuS: n / ((used.user + used.system) / 1e6),
    loopUsPerEntry: loop,
    dropped: log.stats.dropped,
    waits: log.stats.waitedForSpace,
    seconds,
    fifths: fifthRates(started, samples, n),
  };
}

async function appendSync(store: AuditStore, n: number, inFlight: number, mode: WriterMode): Promise<{ perS: number; seconds: number }> {
  const log = await AuditLog.open(store, signer, opts('sync', { flushMs: 1 }), await writerFor(store, mode));
  const recorder = new RequestRecorder(log, { hmacKey: randomBytes(32), storePromptTiers: [] });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await log.append(recorder.record(event(next++)));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await log.close();
  return { perS: n / seconds, seconds };
}

/** Mean and worst time of `count` random proofs of each kind, each checked once against the root. */
async function proofTimes(store: AuditStore, size: number, count = 2_000) {
  const root = await overStoredNodes(store, (read) => rootHash(read, size));
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const time = async (one: () => Promise<void>) => {
    for (let i = 0; i < 200; i++) await one();
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await one();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    return { mean_ms: samples.reduce((a, b) => a + b, 0) / count, p99_ms: samples[Math.floor(count * 0.99)] as number, max_ms: samples[count - 1] as number };
  };
  // Correctness on a sample, outside the timing.
  for (let i = 0; i < 20; i++) {
    const m = rand(size);
    const [leaf, path] = await overStoredNodes(store, (read) => [read(0, m), inclusionProof(read, m, size)] as const);
    if (!verifyInclusion(m, size, leaf, path, root)) throw new Error(`inclusion proof for ${m} does not verify`);
    const old = 1 + rand(size - 1);
    const [oldRoot, c] = await overStoredNodes(store, (read) => [rootHash(read, old), consistencyProof(read, old, size)] as const);
    if (!verifyConsistency(old, size, oldRoot, root, c)) throw new Error(`consistency proof ${old}..${size} does not verify`);
  }
  const inclusion = await time(async () => {
    const m = rand(size);
    await overStoredNodes(store, (read) => inclusionProof(read, m, size));
  });
  const consistency = await time(async () => {
    const old = 1 + rand(size - 1);
    await overStoredNodes(store, (read) => consistencyProof(read, old, size));
  });
  return { inclusion, consistency };
}

/** Mean ms of each kind of query over the log built by appendAsync (its events' accounts, orgs, times and ids). */
async function queryTimes(store: AuditStore, size: number, count = 20): Promise<Record<string, number>> {
  const first = (await store.entry(0))?.ts ?? 0;
  let seed = 777;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const kinds: Record<string, () => Promise<unknown>> = {
    account: () => queryEntries(store, { account: `acct-${rand(5000)}`, limit: 100 }),
    org: () => queryEntries(store, { org: `org-${rand(100)}`, limit: 100 }),
    window: () => {
      const since = first + rand(size);
      return queryEntries(store, { since, until: since + 60_000, limit: 100 });
    },
    'account+window': () => {
      const since = first + rand(size);
      return queryEntries(store, { account: `acct-${rand(5000)}`, since, until: since + 3_600_000, limit: 100 });
    },
    'request id': async () => {
      const i = rand(size);
      if (!(await store.entryByRef(event(i).id))) throw new Error(`no entry for request ${i}`);
    },
  };
  const out: Record<string, number> = {};
  for (const [name, run] of Object.entries(kinds)) {
    await run();
    const t = performance.now();
    for (let i = 0; i < count; i++) await run();
    out[name] = (performance.now() - t) / count;
  }
  return out;
}

/**
 * A tree of `n` leaves bulk-written into a fresh SQLite audit store: interior
 * nodes, and each leaf in a minimal entry row (proofs read leaves from there).
 */
async function buildBigTree(file: string, n: number): Promise<{ store: AuditStore; seconds: number }> {
  const store = await openAuditStore(`sqlite:${file}`);
  const db = (store as SqliteAuditStore).database;
  db.pragma('synchronous = OFF');
  const insert = db.prepare<[number, Buffer]>('INSERT INTO audit_nodes (id, hash) VALUES (?, ?)');
  const insertLeaf = db.prepare<[number, Buffer]>("INSERT INTO audit_entries (seq, ts, kind, action, payload_hash, leaf) VALUES (?, 0, 'request', 'allow', zeroblob(32), ?)");
  const started = performance.now();
  const frontier = new Frontier();
  const CHUNK = 200_000;
  const buf = Buffer.alloc(16);
  for (let start = 0; start < n; start += CHUNK) {
    const nodes: TreeNode[] = [];
    const end = Math.min(n, start + CHUNK);
    for (let i = start; i < end; i++) {
      buf.writeDoubleBE(i, 0);
      buf.writeDoubleBE(i * 7, 8);
      frontier.append(leafHash(buf), (node) => nodes.push(node));
    }
    db.transaction(() => {
      for (const node of nodes) (isLeafId(node.id) ? insertLeaf : insert).run(node.id, node.hash);
    })();
  }
  return { store, seconds: (performance.now() - started) / 1000 };
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

try {
  // 1. appends
  const sqliteFile = path.join(tmp, 'audit.db');
  const sqlite = await openAuditStore(`sqlite:${sqliteFile}`);
  const a = await appendAsync(sqlite, ENTRIES, 'thread');
  result['sqlite_async'] = a;
  const line = (what: string, r: { perS: number; perCpuS: number; loopUsPerEntry: number; seconds: number }, n: number) =>
    `${what}: ${fmt(r.perS)} appends/s over ${fmt(n)} entries (${fmt(r.seconds, 1)} s; ${fmt(r.perCpuS)} per CPU-second; event loop busy ${fmt(r.loopUsPerEntry, 1)} µs per entry, ` +
    `process CPU ${fmt(1e6 / r.perCpuS, 1)} µs per entry)`;
  process.stdout.write(`${line('SQLite async, writer thread', a, ENTRIES)}, dropped ${a.dropped}, back-pressure waits ${a.waits}\n`);
  process.stdout.write(`  committed per second over each fifth of the run: ${a.fifths.map((r) => fmt(r)).join(' / ')}\n`);

  const inlineStore = await openAuditStore(`sqlite:${path.join(tmp, 'audit-inline.db')}`);
  const ai = await appendAsync(inlineStore, INLINE_ENTRIES, 'inline');
  await inlineStore.close();
  result['sqlite_async_inline'] = ai;
  process.stdout.write(`${line('SQLite async, inline writer', ai, INLINE_ENTRIES)}, dropped ${ai.dropped}\n`);

  for (const mode of ['thread', 'inline'] as const) {
    const syncStore = await openAuditStore(`sqlite:${path.join(tmp, `audit-sync-${mode}.db`)}`, { fsync: true });
    const s = await appendSync(syncStore, Math.min(ENTRIES, 100_000), 256, mode);
    await syncStore.close();
    result[mode === 'thread' ? 'sqlite_sync' : 'sqlite_sync_inline'] = s;
    process.stdout.write(`SQLite sync (fsync per batch, 256 in flight), ${mode === 'thread' ? 'writer thread' : 'inline writer'}: ${fmt(s.perS)} appends/s\n`);
  }

  if (!values['no-postgres']) {
    const schema = `warden_bench_${process.pid}`;
    const pgStore = await openAuditStore(PG_URL, { schema });
    try {
      const p = await appendAsync(pgStore, Math.min(ENTRIES, 200_000), 'inline');
      result['postgres_async'] = p;
      process.stdout.write(`Postgres async: ${fmt(p.perS)} appends/s over ${fmt(Math.min(ENTRIES, 200_000))} entries, dropped ${p.dropped}\n`);
    } finally {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
      await pgStore.close();
    }
  }

  // 2. proofs at 1M (the real log) …
  const p1 = await proofTimes(sqlite, ENTRIES);
  result['proofs_at_entries'] = p1;
  process.stdout.write(`proofs at ${fmt(ENTRIES)}: inclusion mean ${fmt(p1.inclusion.mean_ms, 3)} ms (p99 ${fmt(p1.inclusion.p99_ms, 3)}), consistency mean ${fmt(p1.consistency.mean_ms, 3)} ms (p99 ${fmt(p1.consistency.p99_ms, 3)})\n`);

  // … query cost on that log (what `warden audit query` and the admin API pay).
  const q = await queryTimes(sqlite, ENTRIES);
  result['queries_at_entries'] = q;
  process.stdout.write(`queries at ${fmt(ENTRIES)} (first 100 matches, mean ms): ${Object.entries(q).map(([k, v]) => `${k} ${fmt(v, 2)}`).join(', ')}\n`);

  // 3. verify
  const vcpu = process.cpuUsage();
  const v = await verifyLog(sqlite, publicKey);
  const vused = process.cpuUsage(vcpu);
  if (!v.ok) throw new Error(`verify failed: ${JSON.stringify(v.problems.slice(0, 3))}`);
  const verifyPerM = v.durationMs / 1000 / (ENTRIES / 1e6);
  const verifyCpuPerM = (vused.user + vused.system) / 1e6 / (ENTRIES / 1e6);
  result['verify'] = { seconds: v.durationMs / 1000, seconds_per_million: verifyPerM, cpu_seconds_per_million: verifyCpuPerM };
  process.stdout.write(`verify: ${fmt(v.durationMs / 1000, 1)} s for ${fmt(ENTRIES)} entries = ${fmt(verifyPerM, 1)} s per million (${fmt(verifyCpuPerM, 1)} CPU-s)\n`);
  await sqlite.close();
  rmSync(sqliteFile, { force: true });

  // … and at 10M (interior nodes and leaf-only entry rows).
  const big = await buildBigTree(path.join(tmp, 'big.db'), BIG);
  result['big_tree_build_s'] = big.seconds;
  process.stdout.write(`built a ${fmt(BIG)}-leaf tree (nodes and leaf rows) in ${fmt(big.seconds, 1)} s\n`);
  const p10 = await proofTimes(big.store, BIG);
  result['proofs_at_big'] = p10;
  process.stdout.write(`proofs at ${fmt(BIG)}: inclusion mean ${fmt(p10.inclusion.mean_ms, 3)} ms (p99 ${fmt(p10.inclusion.p99_ms, 3)}), consistency mean ${fmt(p10.consistency.mean_ms, 3)} ms (p99 ${fmt(p10.consistency.p99_ms, 3)})\n`);
  await big.store.close();

  const checks = [
    { name: `SQLite appends/s ≥ ${MIN_APPENDS_PER_S}`, pass: a.perS >= MIN_APPENDS_PER_S },
    { name: `SQLite appends/s ≥ ${MIN_APPENDS_PER_S} in the slowest fifth of the run`, pass: Math.min(...a.fifths) >= MIN_APPENDS_PER_S },
    { name: 'no dropped entries', pass: a.dropped === 0 },
    { name: `inclusion proof < ${MAX_PROOF_MS} ms at ${fmt(BIG)}`, pass: p10.inclusion.mean_ms < MAX_PROOF_MS },
    { name: `consistency proof < ${MAX_PROOF_MS} ms at ${fmt(BIG)}`, pass: p10.consistency.mean_ms < MAX_PROOF_MS },
  ];
  for (const c of checks) process.stdout.write(`${c.pass ? 'PASS' : 'FAIL'} ${c.name}\n`);
  result['all_targets_met'] = checks.every((c) => c.pass);
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(result)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

import { WardenError } from '../errors.js';
import { encodeRecord, type AuditRecord, type EncodedRecord } from './entry.js';
import type { Hash } from './merkle.js';
import type { HeadSigner } from './signer.js';
import type { AuditStore, SignedHead } from './store/audit-store.js';
import { InlineTreeWriter, type TreeWriter } from './tree-writer.js';

export type Durability = 'sync' | 'async';

export interface AuditLogOptions {
  /** `sync`: append() resolves once the entry is committed; `async`: once it is queued. */
  durability: Durability;
  /** Most entries per commit. */
  batchSize: number;
  /** Longest an entry waits in the queue before a commit starts. */
  flushMs: number;
  /** Queue bound: beyond it appends wait (back-pressure), never drop. */
  maxQueue: number;
  /** Sign a head this often when there are new entries (0: only on demand). */
  headIntervalMs: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

interface Pending {
  /**
   * Serialized when queued: under load entries wait in the queue long enough
   * to be promoted to the old generation, and one string per entry costs the
   * garbage collector far less there than the payload's tree of objects.
   */
  record: EncodedRecord;
  resolve?: (seq: number) => void;
  reject?: (err: unknown) => void;
}

const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 5_000;

/**
 * The log writer: appends are queued and committed in batches off the caller's
 * path, each batch with its tree nodes in one transaction, so a crash leaves a
 * complete prefix. A failed commit is retried with the same sequence numbers
 * (entries stay queued); nothing is dropped. One writer per log.
 */
export class AuditLog {
  readonly #store: AuditStore;
  readonly #signer: HeadSigner;
  readonly #opts: AuditLogOptions;
  readonly #now: () => number;
  readonly #writer: TreeWriter;
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #headTimer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #retryMs = RETRY_MIN_MS;
  #spaceWaiters: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];
  #closed = false;
  #lastHeadSize: number;
  /** Counters for metrics and the benchmark. */
  readonly stats = { appended: 0, batches: 0, failures: 0, dropped: 0, waitedForSpace: 0, resequenced: 0 };

  private constructor(store: AuditStore, signer: HeadSigner, writer: TreeWriter, lastHeadSize: number, opts: AuditLogOptions) {
    this.#store = store;
    this.#signer = signer;
    this.#writer = writer;
    this.#lastHeadSize = lastHeadSize;
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    if (opts.headIntervalMs > 0) {
      this.#headTimer = setInterval(() => {
        if (this.#writer.size > this.#lastHeadSize) this.signHead().catch((err: unknown) => this.#opts.onError?.(err));
      }, opts.headIntervalMs);
      this.#headTimer.unref();
    }
  }

  /**
   * Opens the log at the store's committed size, rebuilding the right edge from
   * its stored nodes. The writer commits on this thread unless one is given.
   */
  static async open(store: AuditStore, signer: HeadSigner, opts: AuditLogOptions, writer?: TreeWriter): Promise<AuditLog> {
    const w = writer ?? (await InlineTreeWriter.open(store));
    const head = await store.latestHead();
    return new AuditLog(store, signer, w, head?.size ?? 0, opts);
  }

  get size(): number {
    return this.#writer.size;
  }

  get queued(): number {
    return this.#queue.length;
  }

  get durability(): Durability {
    return this.#opts.durability;
  }

  get store(): AuditStore {
    return this.#store;
  }

  /** True when the queue is at its bound: callers that can wait should await `space()`. */
  get full(): boolean {
    return this.#queue.length >= this.#opts.maxQueue;
  }

  /** Resolves when the queue is below its bound. */
  space(): Promise<void> {
    if (!this.full) return Promise.resolve();
    this.stats.waitedForSpace++;
    return new Promise((resolve) => this.#spaceWaiters.push(resolve));
  }

  /**
   * Appends one record. Resolves with its sequence number once acknowledged
   * under the durability mode (sync: committed; async: queued, after waiting
   * for queue space if the queue is full). `durable` waits for the commit in
   * either mode (admin actions: rare, and worth the wait).
   */
  async append(record: AuditRecord, opts: { durable?: boolean } = {}): Promise<number | undefined> {
    if (this.#closed) throw new WardenError('WARDEN_ERR_AUDIT_CLOSED', 'the audit log is closed');
    if (this.#opts.durability === 'async' && !opts.durable) {
      await this.space();
      this.enqueue(record);
      return undefined;
    }
    await this.space();
    return new Promise<number>((resolve, reject) => {
      this.#queue.push({ record: encodeRecord(record), resolve, reject });
      this.#schedule(false, true);
    });
  }

  /**
   * Queues a record without waiting, for callers that cannot (event sinks).
   * The queue may then pass its bound; the request path's stage holds new
   * requests until it is back under it, so the overshoot is bounded by the
   * requests already in flight.
   */
  enqueue(record: AuditRecord): void {
    if (this.#closed) {
      this.stats.dropped++;
      this.#opts.onError?.(new WardenError('WARDEN_ERR_AUDIT_CLOSED', 'audit entry after close was not recorded'));
      return;
    }
    this.#queue.push({ record: encodeRecord(record) });
    this.#schedule();
  }

  /** Resolves when everything queued so far is committed. */
  async flush(): Promise<void> {
    if (this.#queue.length === 0 && !this.#writing) return;
    await new Promise<void>((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#schedule(true);
    });
  }

  /** Commits what is queued, then signs a head over the whole log (on demand). */
  async signHead(): Promise<SignedHead> {
    await this.flush();
    const size = this.#writer.size;
    if (size === this.#lastHeadSize) {
      const latest = await this.#store.latestHead();
      if (latest && latest.size === size) return latest;
    }
    const head = this.#signer.sign(size, this.#writer.root(), this.#now());
    await this.#store.putHead(head);
    this.#lastHeadSize = Math.max(this.#lastHeadSize, size);
    return (await this.#store.headAt(size)) ?? head;
  }

  root(): Hash {
    return this.#writer.root();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    if (this.#headTimer) clearInterval(this.#headTimer);
    if (this.#writer.size > this.#lastHeadSize) await this.signHead().catch((err: unknown) => this.#opts.onError?.(err));
    this.#closed = true;
    await this.#writer.close();
  }

  /**
   * Starts a commit now (a full batch, a flush), on the next turn of the event
   * loop when a caller waits for it (group commit: whatever arrives in the same
   * turn, or while a commit is running, goes in one transaction), or after
   * `flushMs` when nobody waits (async: fewer, larger commits cost less per entry).
   */
  #schedule(now = false, someoneWaits = false): void {
    if (this.#writing) return;
    if (now || this.#queue.length >= this.#opts.batchSize) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#writing = this.#writeLoop();
      return;
    }
    if (this.#timer && someoneWaits && !this.#timerIsImmediate) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (!this.#timer && this.#queue.length > 0) {
      this.#timerIsImmediate = someoneWaits;
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (!this.#writing) this.#writing = this.#writeLoop();
      }, someoneWaits ? 0 : this.#opts.flushMs);
    }
  }
  #timerIsImmediate = false;

  async #writeLoop(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.slice(0, this.#opts.batchSize);
        const first = this.#writer.size;
        try {
          await this.#writer.commit(batch.map((p) => p.record));
        } catch (err) {
          if ((err as { code?: string }).code === 'WARDEN_ERR_CONFLICT') {
            // Another process shares this log: take up the tree where it left it and renumber the batch.
            this.stats.resequenced++;
            await this.#writer.reload().catch(() => undefined);
            continue;
          }
          this.stats.failures++;
          this.#opts.onError?.(err);
          await new Promise((r) => setTimeout(r, this.#retryMs).unref());
          this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
          if (await this.#landedAnyway(batch, first)) this.#committed(batch, first);
          continue;
        }
        this.#retryMs = RETRY_MIN_MS;
        this.#committed(batch, first);
        // What arrived during the commit waits for company (flushMs) unless someone waits for it: a commit's
        // fixed costs (a message to the writer thread, the transaction, the WAL write) then spread over a
        // batch rather than the handful of entries one commit's time lets in.
        if (this.#queue.length < this.#opts.batchSize && this.#idleWaiters.length === 0 && !this.#queue.some((p) => p.resolve !== undefined)) break;
      }
    } finally {
      this.#writing = undefined;
      const idle = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of idle) w();
      if (this.#queue.length > 0) this.#schedule();
    }
  }

  #committed(batch: readonly Pending[], first: number): void {
    this.#queue.splice(0, batch.length);
    this.stats.appended += batch.length;
    this.stats.batches++;
    for (let i = 0; i < batch.length; i++) batch[i]?.resolve?.(first + i);
    this.#wakeSpaceWaiters();
  }

  /**
   * A commit can fail after the store has it: a writer thread that dies
   * between its commit and its answer. Takes up the tree as stored and tells
   * whether the batch's entries are there, first and last, so that a retry
   * neither loses nor repeats them.
   */
  async #landedAnyway(batch: readonly Pending[], first: number): Promise<boolean> {
    try {
      await this.#writer.reload();
      if (this.#writer.size < first + batch.length) return false;
      const same = (e: { ts: number; payload: string | null } | null, p: Pending | undefined) => e !== null && p !== undefined && e.ts === p.record.ts && e.payload === p.record.payload;
      return same(await this.#store.entry(first), batch[0]) && same(await this.#store.entry(first + batch.length - 1), batch[batch.length - 1]);
    } catch {
      // The store is still failing: the retry will say so.
      return false;
    }
  }

  #wakeSpaceWaiters(): void {
    while (this.#spaceWaiters.length > 0 && !this.full) this.#spaceWaiters.shift()?.();
  }
}

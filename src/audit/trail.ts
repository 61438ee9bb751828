import type { KeyObject } from 'node:crypto';
import type { AuditConfig } from './config.js';
import { WardenError } from '../errors.js';
import type { StoredEntry } from './entry.js';
import { loadOrCreateSigningKey, loadPublicKey } from './keys.js';
import { AuditLog } from './log.js';
import { consistencyProofView, inclusionProofView, rootAt, type ConsistencyProofView, type InclusionProofView } from './proofs.js';
import { queryEntries, type AuditQuery } from './query.js';
import { accountReport, type UsageReport } from './report.js';
import { applyRetention, type RetentionResult } from './retention.js';
import { HeadSigner, keyIdOf } from './signer.js';
import type { AuditStore, SignedHead } from './store/audit-store.js';
import { openAuditStore } from './store/open.js';
import { SqliteAuditStore } from './store/sqlite.js';
import { ThreadTreeWriter } from './writer-thread.js';
import { verifyLog, type VerifyReport } from './verify.js';

/**
 * The audit trail's read and control surface over one store, shared by the
 * admin API and the CLI. In the server it also owns the writer (`log`); the
 * CLI opens it without one and signs heads from the stored tree.
 */
export class AuditTrail {
  readonly store: AuditStore;
  readonly log: AuditLog | undefined;
  readonly #signer: HeadSigner | undefined;
  readonly #publicKey: KeyObject | undefined;
  readonly #publicKeyPem: string | undefined;
  readonly #retention: AuditConfig['retention'];
  #retentionTimer: NodeJS.Timeout | undefined;

  private constructor(store: AuditStore, log: AuditLog | undefined, signer: HeadSigner | undefined, publicKey: KeyObject | undefined, pem: string | undefined, retention: AuditConfig['retention']) {
    this.store = store;
    this.log = log;
    this.#signer = signer;
    this.#publicKey = publicKey;
    this.#publicKeyPem = pem;
    this.#retention = retention;
  }

  /** The server's trail: writer, signing key (created on first start), periodic heads and retention. */
  static async openWriter(storage: string, dataDir: string, cfg: AuditConfig, onError: (err: unknown) => void): Promise<AuditTrail> {
    const keys = loadOrCreateSigningKey(dataDir);
    const signer = new HeadSigner(keys.privateKey, keys.publicKey);
    const store = await openAuditStore(storage, { fsync: cfg.durability === 'sync' });
    let writer: ThreadTreeWriter | undefined;
    try {
      if (cfg.writer === 'thread' && store instanceof SqliteAuditStore && store.file !== ':memory:' && store.file !== '') {
        writer = await ThreadTreeWriter.open({ file: store.file, synchronous: store.synchronous });
      }
      const log = await AuditLog.open(store, signer, {
        durability: cfg.durability,
        batchSize: cfg.batchSize,
        flushMs: cfg.flushMs,
        maxQueue: cfg.maxQueue,
        headIntervalMs: cfg.headIntervalMs,
        onError,
      }, writer);
      const trail = new AuditTrail(store, log, signer, keys.publicKey, keys.publicKeyPem, cfg.retention);
      if (cfg.retention.truncateIpsAfterDays !== undefined || cfg.retention.payloadDays !== undefined) {
        trail.#retentionTimer = setInterval(() => void trail.applyRetention().catch(onError), cfg.retention.intervalMs);
        trail.#retentionTimer.unref();
      }
      return trail;
    } catch (err) {
      await writer?.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      throw err;
    }
  }

  /** For the CLI: no writer; signs with the data dir's key when it is there, verifies with its public key. */
  static async openReader(storage: string, dataDir: string, cfg: AuditConfig): Promise<AuditTrail> {
    const store = await openAuditStore(storage);
    let signer: HeadSigner | undefined;
    let publicKey: KeyObject | undefined;
    let pem: string | undefined;
    try {
      const keys = loadOrCreateSigningKey(dataDir);
      signer = new HeadSigner(keys.privateKey, keys.publicKey);
      publicKey = keys.publicKey;
      pem = keys.publicKeyPem;
    } catch {
      publicKey = loadPublicKey(dataDir);
      pem = publicKey?.export({ type: 'spki', format: 'pem' }) as string | undefined;
    }
    return new AuditTrail(store, undefined, signer, publicKey, pem, cfg.retention);
  }

  get publicKeyPem(): string {
    if (!this.#publicKeyPem) throw new WardenError('WARDEN_ERR_AUDIT_KEY', 'no audit signing key in the data directory');
    return this.#publicKeyPem;
  }

  get keyId(): string | undefined {
    return this.#publicKey ? keyIdOf(this.#publicKey) : undefined;
  }

  query(q: AuditQuery): Promise<StoredEntry[]> {
    return queryEntries(this.store, q);
  }

  report(account: string, range: { since?: number; until?: number } = {}): Promise<UsageReport> {
    return accountReport(this.store, account, range);
  }

  async latestHead(): Promise<SignedHead | null> {
    return this.store.latestHead();
  }

  /** Signs a head over everything committed now (after flushing the queue, in the server). */
  async signHead(): Promise<SignedHead> {
    if (this.log) return this.log.signHead();
    if (!this.#signer) throw new WardenError('WARDEN_ERR_AUDIT_KEY', 'no audit signing key in the data directory: heads can only be signed where the key is');
    const size = await this.store.size();
    const existing = await this.store.headAt(size);
    if (existing) return existing;
    const head = this.#signer.sign(size, await rootAt(this.store, size));
    await this.store.putHead(head);
    return (await this.store.headAt(size)) ?? head;
  }

  /** An entry by sequence number or by request id. */
  async entry(ref: string): Promise<StoredEntry> {
    const e = /^\d+$/.test(ref) ? await this.store.entry(Number(ref)) : await this.store.entryByRef(ref);
    if (!e) throw new WardenError('WARDEN_ERR_AUDIT_NOT_FOUND', `no audit entry ${ref}`);
    return e;
  }

  /** Inclusion of an entry in a signed head: the given size's, or the latest (signing a new one when the entry is newer). */
  async inclusionProof(ref: string, size?: number): Promise<InclusionProofView> {
    const e = await this.entry(ref);
    let head: SignedHead | null;
    if (size !== undefined) {
      head = await this.store.headAt(size);
      if (!head) throw new WardenError('WARDEN_ERR_AUDIT_NOT_FOUND', `no signed head at size ${size}`);
    } else {
      head = await this.store.latestHead();
      if (!head || head.size <= e.seq) head = await this.signHead();
    }
    return inclusionProofView(this.store, e, head);
  }

  consistencyProof(oldSize: number, newSize: number): Promise<ConsistencyProofView> {
    return consistencyProofView(this.store, oldSize, newSize);
  }

  async verify(fromSize = 0): Promise<VerifyReport> {
    await this.log?.flush();
    return verifyLog(this.store, this.#publicKey, { fromSize, ...(this.keyId ? { keyId: this.keyId } : {}) });
  }

  applyRetention(now = Date.now()): Promise<RetentionResult> {
    return applyRetention(this.store, this.#retention, now);
  }

  async close(): Promise<void> {
    if (this.#retentionTimer) clearInterval(this.#retentionTimer);
    await this.log?.close();
    await this.store.close();
  }
}

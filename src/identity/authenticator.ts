import { WardenError } from '../errors.js';
import type { Store } from '../store/store.js';
import { hashSecret, hashesEqual, parseKeyId } from './keys.js';
import type { IdentityService } from './service.js';
import type { Account, ApiKey } from './types.js';

export interface Principal {
  key: ApiKey;
  account: Account;
}

interface CacheEntry {
  principal: Principal;
  loadedAt: number;
}

export interface AuthenticatorOptions {
  ttlMs: number;
  maxEntries: number;
  lastUsedFlushMs: number;
  now?: () => number;
  onFlushError?: (err: unknown) => void;
}

/**
 * Resolves a presented API key to its account without touching the store on
 * the hot path: entries are cached by the key's hash for `ttlMs`, dropped at
 * once when this process changes a key or account, and dropped wholesale when
 * the store reports a change made by another process. Revocation and expiry
 * are checked against the cached record on every request, so an expiry time
 * passing takes effect immediately.
 */
export class Authenticator {
  readonly #store: Store;
  readonly #opts: AuthenticatorOptions;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #lastUsed = new Map<string, number>();
  readonly #unsubscribe: Array<() => void> = [];
  #flushTimer: NodeJS.Timeout | undefined;
  /** Bumped by every invalidation, so a lookup that raced one is not cached. */
  #generation = 0;

  constructor(store: Store, identity: IdentityService, opts: AuthenticatorOptions) {
    this.#store = store;
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#unsubscribe.push(identity.onChange((change) => this.#invalidate(change)));
    this.#unsubscribe.push(
      store.onExternalChange(() => {
        this.#generation++;
        this.#cache.clear();
      }),
    );
    this.#flushTimer = setInterval(() => void this.flushLastUsed(), opts.lastUsedFlushMs);
    this.#flushTimer.unref();
  }

  /**
   * The principal for a key whose record is cached and fresh, checked as
   * `authenticate` would; undefined when the store must be asked.
   */
  fromCache(presented: string | undefined): Principal | undefined {
    if (!presented) return undefined;
    const now = this.#now();
    const entry = this.#cache.get(hashSecret(presented));
    if (entry === undefined || now - entry.loadedAt > this.#opts.ttlMs) return undefined;
    return this.#admit(entry.principal, now);
  }

  async authenticate(presented: string | undefined): Promise<Principal> {
    if (!presented) {
      throw new WardenError('WARDEN_ERR_MISSING_KEY', 'missing API key: send it as "Authorization: Bearer <key>" or "x-api-key: <key>"');
    }
    const hash = hashSecret(presented);
    const now = this.#now();
    let entry = this.#cache.get(hash);
    if (entry === undefined || now - entry.loadedAt > this.#opts.ttlMs) {
      const generation = this.#generation;
      entry = { principal: await this.#load(presented, hash), loadedAt: now };
      // A change that landed while we read may not be in what we read: use it once, don't keep it.
      if (generation === this.#generation) this.#remember(hash, entry);
    }
    return this.#admit(entry.principal, now);
  }

  /** Revocation, expiry and suspension are checked on every request, cached or not. */
  #admit(principal: Principal, now: number): Principal {
    const { key, account } = principal;
    if (key.revokedAt !== null && key.revokedAt <= now) {
      throw new WardenError('WARDEN_ERR_KEY_REVOKED', `API key ${key.id} has been revoked`);
    }
    if (key.expiresAt !== null && key.expiresAt <= now) {
      throw new WardenError('WARDEN_ERR_KEY_EXPIRED', `API key ${key.id} expired at ${new Date(key.expiresAt).toISOString()}`);
    }
    if (account.status !== 'active') {
      throw new WardenError('WARDEN_ERR_ACCOUNT_SUSPENDED', `account ${account.id} is ${account.status}`);
    }
    this.#lastUsed.set(key.id, now);
    return principal;
  }

  async #load(presented: string, hash: string): Promise<Principal> {
    const id = parseKeyId(presented);
    const key = id === null ? null : await this.#store.getKey(id);
    if (!key || !hashesEqual(key.hash, hash)) {
      throw new WardenError('WARDEN_ERR_INVALID_KEY', 'invalid API key');
    }
    const account = await this.#store.getAccount(key.accountId);
    if (!account) throw new WardenError('WARDEN_ERR_INVALID_KEY', 'invalid API key');
    return { key, account };
  }

  #remember(hash: string, entry: CacheEntry): void {
    if (this.#cache.size >= this.#opts.maxEntries) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(hash, entry);
  }

  #invalidate(change: { accountId?: string; keyId?: string }): void {
    this.#generation++;
    for (const [hash, entry] of this.#cache) {
      const { key, account } = entry.principal;
      if (key.id === change.keyId || account.id === change.accountId) this.#cache.delete(hash);
    }
  }

  /** Writes last-used times in one batch; called on a timer and at shutdown. */
  async flushLastUsed(): Promise<void> {
    if (this.#lastUsed.size === 0) return;
    const batch = new Map(this.#lastUsed);
    this.#lastUsed.clear();
    try {
      await this.#store.touchKeys(batch);
    } catch (err) {
      this.#opts.onFlushError?.(err);
    }
  }

  get cacheSize(): number {
    return this.#cache.size;
  }

  async close(): Promise<void> {
    clearInterval(this.#flushTimer);
    this.#flushTimer = undefined;
    for (const off of this.#unsubscribe) off();
    await this.flushLastUsed();
  }
}

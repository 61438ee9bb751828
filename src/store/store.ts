import type { Account, AccountFilter, AccountPatch, ApiKey, NewAccount, NewOrg, Org } from '../identity/types.js';

/**
 * The repository interface every backend implements. Small on purpose: the
 * identity service holds the rules (rotation, expiry, validation); a store only
 * persists and fetches. All methods reject with WardenError codes
 * WARDEN_ERR_CONFLICT (duplicate id), WARDEN_ERR_INVALID_REQUEST (a reference
 * to a missing org or account, a bad limit) or WARDEN_ERR_STORE (anything else).
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Latest applied migration version. */
  schemaVersion(): Promise<number>;

  createOrg(org: NewOrg): Promise<Org>;
  getOrg(id: string): Promise<Org | null>;
  listOrgs(): Promise<Org[]>;

  createAccount(account: NewAccount): Promise<Account>;
  getAccount(id: string): Promise<Account | null>;
  listAccounts(filter?: AccountFilter): Promise<Account[]>;
  /** Returns the updated account, or null when it does not exist. */
  updateAccount(id: string, patch: AccountPatch, now: number): Promise<Account | null>;

  createKey(key: ApiKey): Promise<ApiKey>;
  getKey(id: string): Promise<ApiKey | null>;
  listKeys(accountId: string): Promise<ApiKey[]>;
  /** Sets revokedAt when not already revoked; returns the key (or null if unknown). */
  revokeKey(id: string, at: number): Promise<ApiKey | null>;
  /** Sets expiresAt to min(existing, at); returns the key (or null if unknown). */
  expireKeyBy(id: string, at: number): Promise<ApiKey | null>;
  /** Batched last-used updates; only moves lastUsedAt forward. */
  touchKeys(lastUsed: ReadonlyMap<string, number>): Promise<void>;

  /**
   * Calls `listener` when another process may have changed keys or accounts,
   * so caches can drop what they hold. Returns an unsubscribe function.
   */
  onExternalChange(listener: () => void): () => void;
  close(): Promise<void>;
}

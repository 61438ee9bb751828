import Database from 'better-sqlite3';
import { WardenError } from '../errors.js';
import type { Account, AccountFilter, AccountPatch, ApiKey, NewAccount, NewOrg, Org } from '../identity/types.js';
import { migrateSqlite, sqliteSchemaVersion } from './migrations.js';
import { openSqlite } from './sqlite-open.js';
import type { Store } from './store.js';

/** How often to look for commits made by other processes. */
const POLL_MS = 500;

// Columns are aliased to the camelCase shape so rows come back as domain
// objects without a mapping layer.
const ORG_COLS = 'id, name, tier, created_at AS createdAt';
const ACCOUNT_COLS = `id, name, org_id AS orgId, tier, kyc, country, email_domain AS emailDomain,
  payment_fingerprint AS paymentFingerprint, signup_ip AS signupIp, status, output_mode AS outputMode,
  created_at AS createdAt, updated_at AS updatedAt`;
const KEY_COLS = `id, account_id AS accountId, name, hash, created_at AS createdAt, expires_at AS expiresAt,
  revoked_at AS revokedAt, last_used_at AS lastUsedAt, rotated_from AS rotatedFrom`;

/** Patchable account fields and their columns; updateAccount is built from this. */
const PATCH_COLUMNS = {
  name: 'name',
  orgId: 'org_id',
  tier: 'tier',
  kyc: 'kyc',
  country: 'country',
  emailDomain: 'email_domain',
  paymentFingerprint: 'payment_fingerprint',
  status: 'status',
  outputMode: 'output_mode',
} as const satisfies Record<keyof AccountPatch, string>;
const PATCH_FIELDS = Object.keys(PATCH_COLUMNS) as (keyof AccountPatch)[];

type Params = Record<string, string | number | null>;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmts;
  /** listAccounts shapes vary by filter; each shape is prepared once. */
  private readonly listCache = new Map<string, Database.Statement<Params, Account>>();
  private readonly listeners = new Set<() => void>();
  private pollTimer: NodeJS.Timeout | undefined;
  private lastDataVersion = 0;
  private closed = false;

  constructor(path: string) {
    this.db = openSqlite(path, ['synchronous = NORMAL', 'foreign_keys = ON'], 'WARDEN_ERR_STORE', 'sqlite database');
    // Prepared lazily on first use, since the tables only exist after migrate().
    this.stmts = lazyStatements(this.db, {
      insertOrg: `INSERT INTO orgs (id, name, tier, created_at) VALUES (@id, @name, @tier, @createdAt)
        RETURNING ${ORG_COLS}`,
      getOrg: `SELECT ${ORG_COLS} FROM orgs WHERE id = ?`,
      listOrgs: `SELECT ${ORG_COLS} FROM orgs ORDER BY id`,
      insertAccount: `INSERT INTO accounts (id, name, org_id, tier, kyc, country, email_domain, payment_fingerprint,
          signup_ip, status, output_mode, created_at, updated_at)
        VALUES (@id, @name, @orgId, @tier, @kyc, @country, @emailDomain, @paymentFingerprint,
          @signupIp, @status, @outputMode, @createdAt, @createdAt)
        RETURNING ${ACCOUNT_COLS}`,
      getAccount: `SELECT ${ACCOUNT_COLS} FROM accounts WHERE id = ?`,
      // One fixed statement for every patch shape: set_<field> says whether to
      // overwrite, because null is a legitimate new value for most fields.
      updateAccount: `UPDATE accounts SET
          ${PATCH_FIELDS.map((f) => `${PATCH_COLUMNS[f]} = CASE WHEN @set_${f} THEN @${f} ELSE ${PATCH_COLUMNS[f]} END`).join(',\n')},
          updated_at = @now
        WHERE id = @id
        RETURNING ${ACCOUNT_COLS}`,
      insertKey: `INSERT INTO api_keys (id, account_id, name, hash, created_at, expires_at, revoked_at, last_used_at,
          rotated_from)
        VALUES (@id, @accountId, @name, @hash, @createdAt, @expiresAt, @revokedAt, @lastUsedAt, @rotatedFrom)
        RETURNING ${KEY_COLS}`,
      getKey: `SELECT ${KEY_COLS} FROM api_keys WHERE id = ?`,
      listKeys: `SELECT ${KEY_COLS} FROM api_keys WHERE account_id = ? ORDER BY created_at, id`,
      revokeKey: `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id RETURNING ${KEY_COLS}`,
      expireKeyBy: `UPDATE api_keys
        SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > @at THEN @at ELSE expires_at END
        WHERE id = @id RETURNING ${KEY_COLS}`,
      touchKey: `UPDATE api_keys SET last_used_at = @at
        WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)`,
      dataVersion: 'PRAGMA data_version',
    });
  }

  async migrate(): Promise<void> {
    this.guard(() => migrateSqlite(this.db));
  }

  async schemaVersion(): Promise<number> {
    return this.guard(() => sqliteSchemaVersion(this.db));
  }

  async createOrg(org: NewOrg): Promise<Org> {
    return this.guard(() => this.stmts.insertOrg.get(org) as Org, { conflict: `org ${org.id} already exists` });
  }

  async getOrg(id: string): Promise<Org | null> {
    return this.guard(() => (this.stmts.getOrg.get(id) as Org | undefined) ?? null);
  }

  async listOrgs(): Promise<Org[]> {
    return this.guard(() => this.stmts.listOrgs.all() as Org[]);
  }

  async createAccount(account: NewAccount): Promise<Account> {
    return this.guard(() => this.stmts.insertAccount.get(account) as Account, {
      conflict: `account ${account.id} already exists`,
      missingRef: `org ${account.orgId} does not exist`,
    });
  }

  async getAccount(id: string): Promise<Account | null> {
    return this.guard(() => (this.stmts.getAccount.get(id) as Account | undefined) ?? null);
  }

  async listAccounts(filter: AccountFilter = {}): Promise<Account[]> {
    const { sql, params } = listAccountsQuery(filter);
    return this.guard(() => {
      let stmt = this.listCache.get(sql);
      if (!stmt) {
        stmt = this.db.prepare<Params, Account>(sql);
        this.listCache.set(sql, stmt);
      }
      return stmt.all(params);
    });
  }

  async updateAccount(id: string, patch: AccountPatch, now: number): Promise<Account | null> {
    const params: Params = { id, now };
    for (const f of PATCH_FIELDS) {
      const value = patch[f];
      params[`set_${f}`] = value === undefined ? 0 : 1;
      params[f] = value ?? null;
    }
    return this.guard(() => (this.stmts.updateAccount.get(params) as Account | undefined) ?? null, {
      missingRef: `org ${patch.orgId} does not exist`,
    });
  }

  async createKey(key: ApiKey): Promise<ApiKey> {
    return this.guard(() => this.stmts.insertKey.get(key) as ApiKey, {
      // Deliberately vague for the hash clash: never echo key material.
      conflict: `key ${key.id} already exists or its hash is already in use`,
      missingRef: `account ${key.accountId} does not exist`,
    });
  }

  async getKey(id: string): Promise<ApiKey | null> {
    return this.guard(() => (this.stmts.getKey.get(id) as ApiKey | undefined) ?? null);
  }

  async listKeys(accountId: string): Promise<ApiKey[]> {
    return this.guard(() => this.stmts.listKeys.all(accountId) as ApiKey[]);
  }

  async revokeKey(id: string, at: number): Promise<ApiKey | null> {
    return this.guard(() => (this.stmts.revokeKey.get({ id, at }) as ApiKey | undefined) ?? null);
  }

  async expireKeyBy(id: string, at: number): Promise<ApiKey | null> {
    return this.guard(() => (this.stmts.expireKeyBy.get({ id, at }) as ApiKey | undefined) ?? null);
  }

  async touchKeys(lastUsed: ReadonlyMap<string, number>): Promise<void> {
    if (lastUsed.size === 0) return;
    this.guard(() =>
      this.db.transaction(() => {
        for (const [id, at] of lastUsed) this.stmts.touchKey.run({ id, at });
      })(),
    );
  }

  onExternalChange(listener: () => void): () => void {
    if (this.closed) return () => undefined;
    this.listeners.add(listener);
    if (!this.pollTimer) {
      // Baseline now, so a commit landing before the first tick still counts.
      this.lastDataVersion = this.readDataVersion() ?? 0;
      this.pollTimer = setInterval(() => this.poll(), POLL_MS);
      this.pollTimer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.stopPolling();
    this.db.close();
  }

  /**
   * data_version only changes when another connection commits, which is
   * exactly "someone else changed the data". It cannot tell identity writes
   * from last-used bookkeeping, so caches may be dropped a little more often
   * than strictly necessary.
   */
  private poll(): void {
    const version = this.readDataVersion();
    if (version === undefined || version === this.lastDataVersion) return;
    this.lastDataVersion = version;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A faulty cache must not stop the others from being invalidated.
      }
    }
  }

  private readDataVersion(): number | undefined {
    try {
      return this.stmts.dataVersion.pluck().get() as number;
    } catch {
      return undefined;
    }
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private guard<T>(fn: () => T, msgs: ErrorMessages = {}): T {
    try {
      return fn();
    } catch (err) {
      throw mapSqliteError(err, msgs);
    }
  }
}

interface ErrorMessages {
  conflict?: string;
  missingRef?: string;
}

function mapSqliteError(err: unknown, msgs: ErrorMessages): WardenError {
  if (err instanceof WardenError) return err;
  const code = err instanceof Database.SqliteError ? err.code : undefined;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new WardenError('WARDEN_ERR_CONFLICT', msgs.conflict ?? 'record already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new WardenError('WARDEN_ERR_INVALID_REQUEST', msgs.missingRef ?? 'referenced record does not exist');
  }
  return new WardenError('WARDEN_ERR_STORE', 'sqlite store operation failed', { cause: err });
}

function listAccountsQuery(filter: AccountFilter): { sql: string; params: Params } {
  const where: string[] = [];
  const params: Params = {};
  if (filter.orgId !== undefined) {
    where.push('org_id = @orgId');
    params.orgId = filter.orgId;
  }
  if (filter.tier !== undefined) {
    where.push('tier = @tier');
    params.tier = filter.tier;
  }
  if (filter.after !== undefined) {
    where.push('id > @after');
    params.after = filter.after;
  }
  let sql = `SELECT ${ACCOUNT_COLS} FROM accounts`;
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  sql += ' ORDER BY id';
  if (filter.limit !== undefined) {
    sql += ' LIMIT @limit';
    params.limit = checkLimit(filter.limit);
  }
  return { sql, params };
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new WardenError('WARDEN_ERR_INVALID_REQUEST', `limit must be a non-negative integer, got ${limit}`);
  }
  return limit;
}

/** An object of statements, each prepared on first access and then reused. */
function lazyStatements<K extends string>(
  db: Database.Database,
  sql: Record<K, string>,
): Record<K, Database.Statement<unknown[]>> {
  const cache = new Map<K, Database.Statement<unknown[]>>();
  const out = {} as Record<K, Database.Statement<unknown[]>>;
  for (const key of Object.keys(sql) as K[]) {
    Object.defineProperty(out, key, {
      get() {
        let stmt = cache.get(key);
        if (!stmt) {
          stmt = db.prepare(sql[key]);
          cache.set(key, stmt);
        }
        return stmt;
      },
    });
  }
  return out;
}

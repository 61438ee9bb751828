import pg from 'pg';
import type { CustomTypesConfig, QueryResultRow } from 'pg';
import { WardenError } from '../errors.js';
import type { Account, AccountFilter, AccountPatch, ApiKey, NewAccount, NewOrg, Org } from '../identity/types.js';
import { migratePostgres, postgresSchemaVersion, quoteIdent } from './migrations.js';
import type { Store } from './store.js';

/** One channel for every Warden schema in the database; the payload names the schema. */
const CHANNEL = 'warden_identity';
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 30_000;
/** Fail fast rather than hang a request when the database is unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

// Aliased to the camelCase shape so rows come back as domain objects.
const ORG_COLS = 'id, name, tier, created_at AS "createdAt"';
const ACCOUNT_COLS = `id, name, org_id AS "orgId", tier, kyc, country, email_domain AS "emailDomain",
  payment_fingerprint AS "paymentFingerprint", signup_ip AS "signupIp", status, output_mode AS "outputMode",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const KEY_COLS = `id, account_id AS "accountId", name, hash, created_at AS "createdAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt", rotated_from AS "rotatedFrom"`;

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

/**
 * Timestamps are BIGINT epoch ms, which pg returns as strings by default.
 * Parsing them as numbers is safe (ms fit easily in 2^53) and is scoped to
 * this pool rather than pg's process-wide parser registry.
 */
const TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/**
 * Runs a mutation and notifies other Warden processes in the same statement,
 * so the notification is sent on commit and only when a row actually changed.
 * `sql` must not have a RETURNING clause; `payloadParam` is the schema's $n.
 */
function notifying(sql: string, cols: string, payloadParam: number): string {
  return `WITH u AS (${sql} RETURNING *)
    SELECT ${cols} FROM u CROSS JOIN (SELECT pg_notify('${CHANNEL}', $${payloadParam})) AS n`;
}

const SQL = {
  insertOrg: `INSERT INTO orgs (id, name, tier, created_at) VALUES ($1, $2, $3, $4) RETURNING ${ORG_COLS}`,
  getOrg: `SELECT ${ORG_COLS} FROM orgs WHERE id = $1`,
  listOrgs: `SELECT ${ORG_COLS} FROM orgs ORDER BY id`,
  insertAccount: notifying(
    `INSERT INTO accounts (id, name, org_id, tier, kyc, country, email_domain, payment_fingerprint, signup_ip,
      status, created_at, updated_at, output_mode)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $13)`,
    ACCOUNT_COLS,
    12,
  ),
  getAccount: `SELECT ${ACCOUNT_COLS} FROM accounts WHERE id = $1`,
  // One fixed statement for every patch shape: $2k says whether to overwrite
  // field k, because null is a legitimate new value for most fields.
  updateAccount: notifying(
    `UPDATE accounts SET
      ${PATCH_FIELDS.map((f, i) => `${PATCH_COLUMNS[f]} = CASE WHEN $${2 * i + 2}::boolean THEN $${2 * i + 3}::text ELSE ${PATCH_COLUMNS[f]} END`).join(',\n')},
      updated_at = $${2 * PATCH_FIELDS.length + 2}::bigint
     WHERE id = $1`,
    ACCOUNT_COLS,
    2 * PATCH_FIELDS.length + 3,
  ),
  insertKey: notifying(
    `INSERT INTO api_keys (id, account_id, name, hash, created_at, expires_at, revoked_at, last_used_at, rotated_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    KEY_COLS,
    10,
  ),
  getKey: `SELECT ${KEY_COLS} FROM api_keys WHERE id = $1`,
  listKeys: `SELECT ${KEY_COLS} FROM api_keys WHERE account_id = $1 ORDER BY created_at, id`,
  revokeKey: notifying(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2::bigint) WHERE id = $1`,
    KEY_COLS,
    3,
  ),
  expireKeyBy: notifying(
    `UPDATE api_keys
     SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > $2::bigint THEN $2::bigint ELSE expires_at END
     WHERE id = $1`,
    KEY_COLS,
    3,
  ),
  // No notification: last-used is bookkeeping that no cache depends on, and
  // notifying on every flush would empty every instance's cache constantly.
  touchKeys: `UPDATE api_keys AS k SET last_used_at = v.at
    FROM unnest($1::text[], $2::bigint[]) AS v(id, at)
    WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)`,
} as const;

export interface PostgresStoreOptions {
  /** Schema holding Warden's tables; created by migrate() when missing. Default `public`. */
  schema?: string;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly connectionString: string;
  private readonly listeners = new Set<() => void>();
  private listenClient: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private backoffMs = BACKOFF_MIN_MS;
  /** Set after a dropped LISTEN connection: notifications may have been missed. */
  private missedNotifications = false;
  private closing: Promise<void> | undefined;
  /** Pooled connections whose search_path already points at our schema. */
  private readonly onSchema = new WeakSet<pg.PoolClient>();

  constructor(connectionString: string, opts: PostgresStoreOptions = {}) {
    const schema = opts.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) {
      throw new WardenError('WARDEN_ERR_CONFIG', `invalid postgres schema name "${schema}"`);
    }
    this.schema = schema;
    this.connectionString = connectionString;
    this.pool = new pg.Pool({
      connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'warden',
      types: TYPES,
    });
    // Idle clients report server restarts here; without a handler the
    // 'error' event would crash the process. The pool replaces them itself.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    await this.guard(() => migratePostgres(this.pool, this.schema));
  }

  async schemaVersion(): Promise<number> {
    return this.guard(() => postgresSchemaVersion(this.pool, this.schema));
  }

  async createOrg(org: NewOrg): Promise<Org> {
    const rows = await this.rows<Org>(SQL.insertOrg, [org.id, org.name, org.tier, org.createdAt], {
      conflict: `org ${org.id} already exists`,
    });
    return first(rows);
  }

  async getOrg(id: string): Promise<Org | null> {
    return (await this.rows<Org>(SQL.getOrg, [id]))[0] ?? null;
  }

  async listOrgs(): Promise<Org[]> {
    return this.rows<Org>(SQL.listOrgs, []);
  }

  async createAccount(a: NewAccount): Promise<Account> {
    const params = [
      a.id,
      a.name,
      a.orgId,
      a.tier,
      a.kyc,
      a.country,
      a.emailDomain,
      a.paymentFingerprint,
      a.signupIp,
      a.status,
      a.createdAt,
      this.schema,
      a.outputMode,
    ];
    const rows = await this.rows<Account>(SQL.insertAccount, params, {
      conflict: `account ${a.id} already exists`,
      missingRef: `org ${a.orgId} does not exist`,
    });
    return first(rows);
  }

  async getAccount(id: string): Promise<Account | null> {
    return (await this.rows<Account>(SQL.getAccount, [id]))[0] ?? null;
  }

  async listAccounts(filter: AccountFilter = {}): Promise<Account[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.orgId !== undefined) where.push(`org_id = $${params.push(filter.orgId)}`);
    if (filter.tier !== undefined) where.push(`tier = $${params.push(filter.tier)}`);
    if (filter.after !== undefined) where.push(`id > $${params.push(filter.after)}`);
    let sql = `SELECT ${ACCOUNT_COLS} FROM accounts`;
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    sql += ' ORDER BY id';
    if (filter.limit !== undefined) sql += ` LIMIT $${params.push(checkLimit(filter.limit))}`;
    return this.rows<Account>(sql, params);
  }

  async updateAccount(id: string, patch: AccountPatch, now: number): Promise<Account | null> {
    const params: unknown[] = [id];
    for (const f of PATCH_FIELDS) {
      const value = patch[f];
      params.push(value !== undefined, value ?? null);
    }
    params.push(now, this.schema);
    const rows = await this.rows<Account>(SQL.updateAccount, params, {
      missingRef: `org ${patch.orgId} does not exist`,
    });
    return rows[0] ?? null;
  }

  async createKey(k: ApiKey): Promise<ApiKey> {
    const params = [
      k.id,
      k.accountId,
      k.name,
      k.hash,
      k.createdAt,
      k.expiresAt,
      k.revokedAt,
      k.lastUsedAt,
      k.rotatedFrom,
      this.schema,
    ];
    const rows = await this.rows<ApiKey>(SQL.insertKey, params, {
      // Deliberately vague for the hash clash: never echo key material.
      conflict: `key ${k.id} already exists or its hash is already in use`,
      missingRef: `account ${k.accountId} does not exist`,
    });
    return first(rows);
  }

  async getKey(id: string): Promise<ApiKey | null> {
    return (await this.rows<ApiKey>(SQL.getKey, [id]))[0] ?? null;
  }

  async listKeys(accountId: string): Promise<ApiKey[]> {
    return this.rows<ApiKey>(SQL.listKeys, [accountId]);
  }

  async revokeKey(id: string, at: number): Promise<ApiKey | null> {
    return (await this.rows<ApiKey>(SQL.revokeKey, [id, at, this.schema]))[0] ?? null;
  }

  async expireKeyBy(id: string, at: number): Promise<ApiKey | null> {
    return (await this.rows<ApiKey>(SQL.expireKeyBy, [id, at, this.schema]))[0] ?? null;
  }

  async touchKeys(lastUsed: ReadonlyMap<string, number>): Promise<void> {
    if (lastUsed.size === 0) return;
    await this.rows(SQL.touchKeys, [[...lastUsed.keys()], [...lastUsed.values()]]);
  }

  onExternalChange(listener: () => void): () => void {
    if (this.closing) return () => undefined;
    this.listeners.add(listener);
    this.startListening();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopListening();
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.listeners.clear();
      this.stopListening();
      await this.pool.end();
    })();
    return this.closing;
  }

  private startListening(): void {
    if (this.closing || this.listenClient || this.reconnectTimer || this.listeners.size === 0) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'warden-listen',
    });
    this.listenClient = client;
    const drop = (): void => {
      // A client we stopped on purpose (or already replaced) is not a failure.
      if (this.listenClient !== client) return;
      this.listenClient = undefined;
      this.missedNotifications = true;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (msg) => {
      if (msg.channel === CHANNEL && msg.payload === this.schema) this.emit();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (this.listenClient !== client) return;
        this.backoffMs = BACKOFF_MIN_MS;
        if (this.missedNotifications) {
          this.missedNotifications = false;
          this.emit();
        }
      }, drop);
  }

  private scheduleReconnect(): void {
    if (this.closing || this.listeners.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.startListening();
    }, this.backoffMs);
    this.reconnectTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
  }

  private stopListening(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.listenClient;
    this.listenClient = undefined;
    this.missedNotifications = false;
    this.backoffMs = BACKOFF_MIN_MS;
    client?.end().catch(() => undefined);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A faulty cache must not stop the others from being invalidated.
      }
    }
  }

  private async rows<R extends QueryResultRow>(sql: string, params: unknown[], msgs: ErrorMessages = {}): Promise<R[]> {
    return this.guard(async () => {
      const client = await this.pool.connect();
      let failure: Error | undefined;
      try {
        // Set per connection rather than via the `options` startup parameter,
        // which an `options=` in the connection string would silently replace.
        if (!this.onSchema.has(client)) {
          await client.query(`SET search_path TO ${quoteIdent(this.schema)}`);
          this.onSchema.add(client);
        }
        return (await client.query<R>(sql, params)).rows;
      } catch (err) {
        // Like pool.query: discard the connection on any failure rather than
        // guess whether it is still healthy.
        failure = err instanceof Error ? err : new Error(String(err));
        throw err;
      } finally {
        client.release(failure);
      }
    }, msgs);
  }

  private async guard<T>(fn: () => Promise<T>, msgs: ErrorMessages = {}): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapPgError(err, msgs);
    }
  }
}

interface ErrorMessages {
  conflict?: string;
  missingRef?: string;
}

function mapPgError(err: unknown, msgs: ErrorMessages): WardenError {
  if (err instanceof WardenError) return err;
  if (err instanceof pg.DatabaseError) {
    if (err.code === '23505') return new WardenError('WARDEN_ERR_CONFLICT', msgs.conflict ?? 'record already exists');
    if (err.code === '23503') {
      return new WardenError('WARDEN_ERR_INVALID_REQUEST', msgs.missingRef ?? 'referenced record does not exist');
    }
    return new WardenError('WARDEN_ERR_STORE', 'postgres store operation failed', { cause: redact(err) });
  }
  return new WardenError('WARDEN_ERR_STORE', 'postgres store operation failed', { cause: err });
}

/**
 * Postgres puts row contents in `detail` (e.g. "Failing row contains (...)"),
 * which can include a key hash; keep only what identifies the failure.
 */
function redact(err: pg.DatabaseError): Error {
  return Object.assign(new Error(err.message), {
    name: 'PostgresError',
    code: err.code,
    table: err.table,
    column: err.column,
    constraint: err.constraint,
  });
}

function first<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new WardenError('WARDEN_ERR_STORE', 'write returned no row');
  return row;
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new WardenError('WARDEN_ERR_INVALID_REQUEST', `limit must be a non-negative integer, got ${limit}`);
  }
  return limit;
}

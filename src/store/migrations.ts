import type BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';

/**
 * Versioned schema changes. Append only: an applied migration is never edited,
 * because deployed databases already ran the old text and would silently
 * diverge from fresh ones.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'identity',
    // STRICT so a bad bind (e.g. a string timestamp) fails loudly instead of
    // being stored with SQLite's loose typing; NOT NULL on TEXT PRIMARY KEY
    // because SQLite otherwise allows NULL ids for legacy reasons.
    sqlite: `
      CREATE TABLE orgs (
        id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        tier TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE accounts (
        id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        org_id TEXT REFERENCES orgs(id),
        tier TEXT NOT NULL,
        kyc TEXT NOT NULL,
        country TEXT,
        email_domain TEXT,
        payment_fingerprint TEXT,
        signup_ip TEXT,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX accounts_org_id_idx ON accounts(org_id);
      CREATE TABLE api_keys (
        id TEXT NOT NULL PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        name TEXT,
        hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER,
        last_used_at INTEGER,
        rotated_from TEXT
      ) STRICT;
      CREATE INDEX api_keys_account_id_idx ON api_keys(account_id);
    `,
    postgres: `
      CREATE TABLE orgs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tier TEXT,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        org_id TEXT REFERENCES orgs(id),
        tier TEXT NOT NULL,
        kyc TEXT NOT NULL,
        country TEXT,
        email_domain TEXT,
        payment_fingerprint TEXT,
        signup_ip TEXT,
        status TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX accounts_org_id_idx ON accounts(org_id);
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        name TEXT,
        hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        revoked_at BIGINT,
        last_used_at BIGINT,
        rotated_from TEXT
      );
      CREATE INDEX api_keys_account_id_idx ON api_keys(account_id);
    `,
  },
  {
    version: 2,
    name: 'account output mode',
    // An operator's per-account degrade switch (src/output); existing accounts stay normal.
    sqlite: `ALTER TABLE accounts ADD COLUMN output_mode TEXT NOT NULL DEFAULT 'normal';`,
    postgres: `ALTER TABLE accounts ADD COLUMN output_mode TEXT NOT NULL DEFAULT 'normal';`,
  },
];

const TABLE_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function migrateSqlite(db: BetterSqlite3.Database, now: () => number = Date.now): void {
  db.exec(TABLE_DDL);
  const current = db.prepare<[], number>('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    // IMMEDIATE takes the write lock up front, so a second process starting
    // at the same time waits (busy_timeout) and then sees the version as
    // applied, instead of both running the DDL.
    db.transaction(() => {
      if ((current.get() ?? 0) >= m.version) return;
      db.exec(m.sqlite);
      record.run(m.version, m.name, now());
    }).immediate();
  }
}

export function sqliteSchemaVersion(db: BetterSqlite3.Database): number {
  const exists = db
    .prepare<[], number>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .pluck()
    .get();
  if (!exists) return 0;
  return db.prepare<[], number>('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get() ?? 0;
}

/**
 * Runs each pending migration in its own transaction, each holding a
 * transaction-scoped advisory lock keyed by schema, so concurrent starters
 * serialise and the loser re-reads the version after the winner commits.
 */
export async function migratePostgres(pool: Pool, schema: string, now: () => number = Date.now): Promise<void> {
  const client = await pool.connect();
  try {
    for (const m of MIGRATIONS) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`warden:migrate:${schema}`]);
        // Only create when missing: CREATE SCHEMA IF NOT EXISTS still needs the
        // CREATE privilege on the database, which a role using an existing
        // schema (typically public) may not have.
        const ns = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        if (ns.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(TABLE_DDL);
        const cur = await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations');
        if ((cur.rows[0]?.v ?? 0) < m.version) {
          await client.query(m.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            now(),
          ]);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    client.release();
  }
}

export async function postgresSchemaVersion(pool: Pool, schema: string): Promise<number> {
  const table = `${quoteIdent(schema)}.schema_migrations`;
  const exists = await pool.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [table]);
  if (!exists.rows[0]?.ok) return 0;
  const cur = await pool.query<{ v: number }>(`SELECT COALESCE(MAX(version), 0)::int AS v FROM ${table}`);
  return cur.rows[0]?.v ?? 0;
}

/** Schema names come from config; they are validated before reaching here. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

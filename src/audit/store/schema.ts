/**
 * The audit tables, versioned on their own (table `audit_schema`) so the audit
 * log can live in its own database file or share the identity database.
 * Append only, like src/store/migrations.ts.
 */
export interface AuditMigration {
  version: number;
  sqlite: string;
  postgres: string;
}

export const AUDIT_MIGRATIONS: readonly AuditMigration[] = [
  {
    version: 1,
    // Nodes are keyed by one integer (level · 2^47 + index): a rowid table is the fastest SQLite insert.
    sqlite: `
      CREATE TABLE audit_entries (
        seq INTEGER NOT NULL PRIMARY KEY,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT,
        account TEXT,
        org TEXT,
        action TEXT NOT NULL,
        ip TEXT,
        ip_truncated INTEGER NOT NULL DEFAULT 0,
        payload TEXT,
        payload_hash BLOB NOT NULL,
        ip_hash BLOB
      ) STRICT;
      CREATE INDEX audit_entries_account ON audit_entries(account, seq);
      CREATE INDEX audit_entries_org ON audit_entries(org, seq);
      CREATE INDEX audit_entries_ts ON audit_entries(ts);
      CREATE INDEX audit_entries_ref ON audit_entries(ref);
      CREATE TABLE audit_nodes (id INTEGER NOT NULL PRIMARY KEY, hash BLOB NOT NULL) STRICT;
      CREATE TABLE audit_heads (
        size INTEGER NOT NULL PRIMARY KEY,
        ts INTEGER NOT NULL,
        root BLOB NOT NULL,
        key_id TEXT NOT NULL,
        signature BLOB NOT NULL
      ) STRICT;
      CREATE TABLE audit_summaries (
        day TEXT NOT NULL,
        account TEXT NOT NULL,
        org TEXT,
        requests INTEGER NOT NULL,
        tokens_in INTEGER NOT NULL,
        tokens_out INTEGER NOT NULL,
        actions TEXT NOT NULL,
        PRIMARY KEY (day, account)
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE audit_entries (
        seq BIGINT PRIMARY KEY,
        ts BIGINT NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT,
        account TEXT,
        org TEXT,
        action TEXT NOT NULL,
        ip TEXT,
        ip_truncated BOOLEAN NOT NULL DEFAULT false,
        payload TEXT,
        payload_hash BYTEA NOT NULL,
        ip_hash BYTEA
      );
      CREATE INDEX audit_entries_account ON audit_entries(account, seq);
      CREATE INDEX audit_entries_org ON audit_entries(org, seq);
      CREATE INDEX audit_entries_ts ON audit_entries(ts);
      CREATE INDEX audit_entries_ref ON audit_entries(ref);
      CREATE TABLE audit_nodes (id BIGINT PRIMARY KEY, hash BYTEA NOT NULL);
      CREATE TABLE audit_heads (
        size BIGINT PRIMARY KEY,
        ts BIGINT NOT NULL,
        root BYTEA NOT NULL,
        key_id TEXT NOT NULL,
        signature BYTEA NOT NULL
      );
      CREATE TABLE audit_summaries (
        day TEXT NOT NULL,
        account TEXT NOT NULL,
        org TEXT,
        requests BIGINT NOT NULL,
        tokens_in BIGINT NOT NULL,
        tokens_out BIGINT NOT NULL,
        actions JSONB NOT NULL,
        PRIMARY KEY (day, account)
      );
    `,
  },
];

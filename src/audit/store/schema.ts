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
  {
    version: 2,
    // Leaves move into their entry's row: one node row less per entry, and a leaf is read with its entry.
    // SQLite only: the account and org indexes lead with the entry's block of 2^14 sequence numbers
    // (ENTRY_BLOCK_BITS in sqlite.ts), so each commit's inserts land in the few pages of the newest block
    // instead of on a random page per entry across the whole index; queries by account or org walk the blocks.
    sqlite: `
      ALTER TABLE audit_entries ADD COLUMN leaf BLOB;
      UPDATE audit_entries SET leaf = (SELECT hash FROM audit_nodes WHERE id = audit_entries.seq);
      DELETE FROM audit_nodes WHERE id < 140737488355328;
      DROP INDEX audit_entries_account;
      DROP INDEX audit_entries_org;
      CREATE INDEX audit_entries_block_account ON audit_entries(seq >> 14, account) WHERE account IS NOT NULL;
      CREATE INDEX audit_entries_block_org ON audit_entries(seq >> 14, org) WHERE org IS NOT NULL;
    `,
    postgres: `
      ALTER TABLE audit_entries ADD COLUMN leaf BYTEA;
      UPDATE audit_entries AS e SET leaf = n.hash FROM audit_nodes AS n WHERE n.id = e.seq;
      DELETE FROM audit_nodes WHERE id < 140737488355328;
    `,
  },
];

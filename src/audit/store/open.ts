import { migrated, parseStorage } from '../../store/storage-url.js';
import type { AuditStore } from './audit-store.js';
import { PostgresAuditStore } from './postgres.js';
import { SqliteAuditStore } from './sqlite.js';

export interface OpenAuditStoreOptions {
  schema?: string;
  /** SQLite: fsync every commit (the `sync` durability mode). */
  fsync?: boolean;
}

/** Opens and migrates the audit store named like `storage`: `sqlite:<path>` / a path, or `postgres://…[?schema=]`. */
export async function openAuditStore(storage: string, opts: OpenAuditStoreOptions = {}): Promise<AuditStore> {
  const target = parseStorage(storage, 'audit.storage');
  if (target.kind === 'sqlite') return migrated(new SqliteAuditStore(target.path, { synchronous: opts.fsync ? 'FULL' : 'NORMAL' }));
  return migrated(new PostgresAuditStore(target.url, { schema: opts.schema ?? target.schema ?? 'public' }));
}

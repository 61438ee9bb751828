import { WardenError } from '../../errors.js';
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
  const store = createAuditStore(storage, opts);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

function createAuditStore(storage: string, opts: OpenAuditStoreOptions): AuditStore {
  if (/^postgres(ql)?:\/\//i.test(storage)) {
    const url = new URL(storage);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    return new PostgresAuditStore(url.toString(), { schema: opts.schema ?? schema ?? 'public' });
  }
  const path = storage.startsWith('sqlite:') ? storage.slice('sqlite:'.length) : storage;
  if (path === '') throw new WardenError('WARDEN_ERR_CONFIG', 'audit.storage path is empty');
  return new SqliteAuditStore(path, { synchronous: opts.fsync ? 'FULL' : 'NORMAL' });
}

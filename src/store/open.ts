import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';
import { migrated, parseStorage } from './storage-url.js';

export interface OpenStoreOptions {
  /** Postgres only: schema for Warden's tables (default `public`). */
  schema?: string;
}

/**
 * Opens and migrates the store named by `storage`: a `postgres://` or
 * `postgresql://` URL (optionally `?schema=<name>`), or `sqlite:<path>` / a
 * bare file path.
 */
export async function openStore(storage: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const target = parseStorage(storage, 'storage');
  if (target.kind === 'sqlite') return migrated(new SqliteStore(target.path));
  return migrated(new PostgresStore(target.url, { schema: opts.schema ?? target.schema ?? 'public' }));
}

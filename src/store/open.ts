import { WardenError } from '../errors.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** Postgres only: schema for Warden's tables (default `public`). */
  schema?: string;
}

/**
 * Opens and migrates the store named by `storage`: a `postgres://` or
 * `postgresql://` URL (optionally `?schema=<name>`), or `sqlite:<path>` / a
 * bare file path. Migrating here
 * means callers can never run against a schema older than the code.
 */
export async function openStore(storage: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const store = createStore(storage, opts);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

function createStore(storage: string, opts: OpenStoreOptions): Store {
  if (/^postgres(ql)?:\/\//i.test(storage)) {
    // `?schema=name` picks the schema from the storage URL itself; pg must not see it.
    const url = new URL(storage);
    const schema = url.searchParams.get('schema');
    if (schema === null) return new PostgresStore(storage, opts);
    url.searchParams.delete('schema');
    return new PostgresStore(url.toString(), { ...opts, schema: opts.schema ?? schema });
  }
  const path = storage.startsWith('sqlite:') ? storage.slice('sqlite:'.length) : storage;
  if (path === '') throw new WardenError('WARDEN_ERR_CONFIG', 'storage path is empty');
  return new SqliteStore(path);
}

import { WardenError } from '../errors.js';

/** What a `storage` setting names: a `postgres://…[?schema=]` URL, or `sqlite:<path>` / a bare path. */
export type StorageTarget = { kind: 'postgres'; url: string; schema: string | null } | { kind: 'sqlite'; path: string };

export function parseStorage(storage: string, setting: string): StorageTarget {
  if (/^postgres(ql)?:\/\//i.test(storage)) {
    // `?schema=name` picks the schema from the storage URL itself; pg must not see it.
    const url = new URL(storage);
    const schema = url.searchParams.get('schema');
    if (schema === null) return { kind: 'postgres', url: storage, schema: null };
    url.searchParams.delete('schema');
    return { kind: 'postgres', url: url.toString(), schema };
  }
  const path = storage.startsWith('sqlite:') ? storage.slice('sqlite:'.length) : storage;
  if (path === '') throw new WardenError('WARDEN_ERR_CONFIG', `${setting} path is empty`);
  return { kind: 'sqlite', path };
}

/** Migrates a freshly created store, closing it when that fails: callers never run against an older schema. */
export async function migrated<S extends { migrate(): Promise<void>; close(): Promise<void> }>(store: S): Promise<S> {
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

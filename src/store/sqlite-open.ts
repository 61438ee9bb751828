import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { WardenError, type ErrorCode } from '../errors.js';

/** How long a fresh open waits, in all, for another process that holds the lock WAL mode needs. */
const OPEN_RETRY_MS = 10_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Opens a SQLite file in WAL mode with a busy timeout, then applies
 * `pragmas`. Switching a fresh file to WAL takes an exclusive lock, and when
 * two processes open the same new file at once SQLite may answer SQLITE_BUSY
 * at once instead of waiting in the busy handler (it refuses to wait where
 * waiting could deadlock), so a busy open is closed and retried for a while.
 */
export function openSqlite(path: string, pragmas: readonly string[], code: ErrorCode, what: string): Database.Database {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + OPEN_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      // busy_timeout first: switching to WAL needs a lock another process may hold.
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      for (const p of pragmas) db.pragma(p);
      return db;
    } catch (err) {
      db?.close();
      const busy = String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) {
        throw new WardenError(code, `cannot open ${what} at ${path}: ${(err as Error).message}`, { cause: err });
      }
      sleepSync(Math.min(200, 10 * attempt));
    }
  }
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WardenError, type ErrorCode } from '../errors.js';
import type { AuditRecord } from './entry.js';
import { EMPTY_ROOT, type Hash } from './merkle.js';
import type { TreeWriter } from './tree-writer.js';

export interface WriterSetup {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}

export type WriterRequest =
  | { id: number; op: 'open' | 'reload' | 'close' }
  /** RECORD_FIELDS values per record: ts, kind, ref, account, org, action, ip, payload JSON. */
  | { id: number; op: 'commit'; cols: unknown[] };

export type WriterReply =
  | { id: number; size: number; root: Uint8Array | undefined; error?: undefined }
  | { id: number; error: { code: string; message: string } };

export const RECORD_FIELDS = 8;

/** The compiled worker beside this module, or (when this runs from TypeScript sources, in tests) the build's. */
function workerFile(): string {
  const here = fileURLToPath(new URL('./writer-thread-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/src/audit/writer-thread-worker.js', import.meta.url));
}

/**
 * A SQLite tree writer on a thread of its own, so the event loop only
 * serializes each record's payload and hands the batch over: the hashing,
 * the inserts and the commit (and its fsync in `sync` mode) happen on the
 * writer thread, off the request path. A batch crosses as one flat array of
 * strings and numbers, which clones far cheaper than the record objects
 * would. Acknowledgements still follow the commit: `commit()` resolves only
 * once the writer thread has committed the batch. A writer thread that dies
 * is started again on the next commit (the log retries failed commits).
 */
export class ThreadTreeWriter implements TreeWriter {
  readonly #setup: WriterSetup;
  #worker: Worker | undefined;
  #nextId = 1;
  #pending = new Map<number, { resolve: (r: WriterReply) => void; reject: (err: unknown) => void }>();
  #size = 0;
  #root: Hash = EMPTY_ROOT;

  private constructor(setup: WriterSetup) {
    this.#setup = setup;
  }

  static async open(setup: WriterSetup): Promise<ThreadTreeWriter> {
    const w = new ThreadTreeWriter(setup);
    await w.#start();
    return w;
  }

  get size(): number {
    return this.#size;
  }

  root(): Hash {
    return this.#root;
  }

  async commit(records: readonly AuditRecord[]): Promise<void> {
    if (!this.#worker) await this.#start();
    const cols: unknown[] = [];
    for (const r of records) cols.push(r.ts, r.kind, r.ref, r.account, r.org, r.action, r.ip, JSON.stringify(r.payload));
    await this.#request({ op: 'commit', cols });
  }

  async reload(): Promise<void> {
    if (!this.#worker) await this.#start();
    else await this.#request({ op: 'reload' });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    await this.#request({ op: 'close' }).catch(() => undefined);
    this.#worker = undefined;
    await worker.terminate();
  }

  async #start(): Promise<void> {
    const worker = new Worker(workerFile(), { workerData: this.#setup });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const p = this.#pending.get(reply.id);
      if (!p) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      p.resolve(reply);
    });
    const fail = (err: unknown) => {
      if (this.#worker === worker) this.#worker = undefined;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of pending) p.reject(new WardenError('WARDEN_ERR_AUDIT_STORE', `the audit writer thread stopped: ${(err as Error).message ?? String(err)}`, { cause: err }));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.#worker = worker;
    await this.#request({ op: 'open' });
  }

  #request(msg: { op: 'open' | 'reload' | 'close' } | { op: 'commit'; cols: unknown[] }): Promise<void> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new WardenError('WARDEN_ERR_AUDIT_STORE', 'the audit writer thread is not running'));
    const id = this.#nextId++;
    // Referenced while a request is out, so the process cannot exit in the middle of a commit.
    worker.ref();
    return new Promise<WriterReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...msg } as WriterRequest);
    }).then((reply) => {
      if (reply.error) throw new WardenError(asCode(reply.error.code), reply.error.message);
      this.#size = reply.size;
      if (reply.root) this.#root = Buffer.from(reply.root.buffer, reply.root.byteOffset, reply.root.byteLength);
    });
  }
}

function asCode(code: string): ErrorCode {
  return code === 'WARDEN_ERR_CONFLICT' ? 'WARDEN_ERR_CONFLICT' : 'WARDEN_ERR_AUDIT_STORE';
}
